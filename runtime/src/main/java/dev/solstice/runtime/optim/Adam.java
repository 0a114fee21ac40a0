package dev.solstice.runtime.optim;


/**
 * Adam ({@code optax.adam}): {@link Optax#scaleByAdam} then {@code -learningRate}. Made by {@link
 * Optax#adam(double)} with Optax's defaults ({@code b1 = 0.9, b2 = 0.999, eps = 1e-8, epsRoot =
 * 0}); the {@code with} methods return modified copies; {@code nesterov} gives NAdam. State:
 * {@code 0.count}, {@code 0.mu.*}, {@code 0.nu.*}, and {@code 1.count} with a scheduled learning
 * rate.
 */
public record Adam(Schedule learningRate, double b1, double b2, double eps, double epsRoot, boolean nesterov)
    implements Alias {

  /** This optimizer with first-moment decay {@code b1}. */
  public Adam withB1(double b1) {
    return new Adam(learningRate, b1, b2, eps, epsRoot, nesterov);
  }

  /** This optimizer with second-moment decay {@code b2}. */
  public Adam withB2(double b2) {
    return new Adam(learningRate, b1, b2, eps, epsRoot, nesterov);
  }

  /** This optimizer with {@code eps} added to the denominator outside the square root. */
  public Adam withEps(double eps) {
    return new Adam(learningRate, b1, b2, eps, epsRoot, nesterov);
  }

  /** This optimizer with {@code epsRoot} added to the second moment inside the square root. */
  public Adam withEpsRoot(double epsRoot) {
    return new Adam(learningRate, b1, b2, eps, epsRoot, nesterov);
  }

  /** This optimizer with Nesterov momentum (NAdam) on or off. */
  public Adam withNesterov(boolean nesterov) {
    return new Adam(learningRate, b1, b2, eps, epsRoot, nesterov);
  }

  /** The chain this optimizer runs. */
  @Override
  public GradientTransformation transformation() {
    return Optax.chain(Optax.scaleByAdam(b1, b2, eps, epsRoot, nesterov), Optax.scaleByLearningRate(learningRate));
  }
}
