package dev.solstice.runtime.optim;


/**
 * Adagrad ({@code optax.adagrad}): {@link Optax#scaleByRss} then {@code -learningRate}. Made by
 * {@link Optax#adagrad(double)} with Optax's defaults ({@code initialAccumulatorValue = 0.1, eps =
 * 1e-7}); the {@code with} methods return modified copies.
 */
public record Adagrad(Schedule learningRate, double initialAccumulatorValue, double eps)
    implements Alias {

  /** This optimizer with the sums of squares starting at {@code initialAccumulatorValue}. */
  public Adagrad withInitialAccumulatorValue(double initialAccumulatorValue) {
    return new Adagrad(learningRate, initialAccumulatorValue, eps);
  }

  /** This optimizer with {@code eps} inside the square root. */
  public Adagrad withEps(double eps) {
    return new Adagrad(learningRate, initialAccumulatorValue, eps);
  }

  /** The chain this optimizer runs. */
  @Override
  public GradientTransformation transformation() {
    return Optax.chain(Optax.scaleByRss(initialAccumulatorValue, eps), Optax.scaleByLearningRate(learningRate));
  }
}
