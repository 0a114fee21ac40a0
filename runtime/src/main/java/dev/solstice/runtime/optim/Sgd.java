package dev.solstice.runtime.optim;


/**
 * Stochastic gradient descent ({@code optax.sgd}): {@code -learningRate * g}, with heavy-ball
 * momentum ({@link Optax#trace}) when {@code momentum} is not 0, in Nesterov's form if {@code
 * nesterov}. Made by {@link Optax#sgd(double)}; the {@code with} methods return modified copies.
 * State: {@code 0.trace.*} with momentum, {@code 1.count} with a scheduled learning rate.
 */
public record Sgd(Schedule learningRate, double momentum, boolean nesterov) implements Alias {

  /** This optimizer with momentum {@code momentum} (0: none). */
  public Sgd withMomentum(double momentum) {
    return new Sgd(learningRate, momentum, nesterov);
  }

  /** This optimizer with Nesterov momentum on or off. */
  public Sgd withNesterov(boolean nesterov) {
    return new Sgd(learningRate, momentum, nesterov);
  }

  /** The chain this optimizer runs. */
  @Override
  public GradientTransformation transformation() {
    GradientTransformation accumulate = momentum != 0 ? Optax.trace(momentum, nesterov) : Optax.identity();
    return Optax.chain(accumulate, Optax.scaleByLearningRate(learningRate));
  }
}
