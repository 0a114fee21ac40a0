package dev.solstice.runtime.optim;


/**
 * RMSProp ({@code optax.rmsprop}): {@link Optax#scaleByRms} (or {@link Optax#scaleByStddev} when
 * {@code centered}), then {@code -learningRate}, then momentum ({@link Optax#trace}) when {@code
 * momentum} is not 0. Made by {@link Optax#rmsprop(double)} with Optax's defaults ({@code decay =
 * 0.9, eps = 1e-8, initialScale = 0, epsInSqrt, no centering, no momentum, no bias correction});
 * the {@code with} methods return modified copies.
 */
public record RmsProp(
    Schedule learningRate,
    double decay,
    double eps,
    double initialScale,
    boolean epsInSqrt,
    boolean centered,
    double momentum,
    boolean nesterov,
    boolean biasCorrection)
    implements Alias {

  /** This optimizer with decay {@code decay} for the moving averages. */
  public RmsProp withDecay(double decay) {
    return new RmsProp(learningRate, decay, eps, initialScale, epsInSqrt, centered, momentum, nesterov, biasCorrection);
  }

  /** This optimizer with {@code eps} in the denominator. */
  public RmsProp withEps(double eps) {
    return new RmsProp(learningRate, decay, eps, initialScale, epsInSqrt, centered, momentum, nesterov, biasCorrection);
  }

  /** This optimizer with the second moment starting at {@code initialScale}. */
  public RmsProp withInitialScale(double initialScale) {
    return new RmsProp(learningRate, decay, eps, initialScale, epsInSqrt, centered, momentum, nesterov, biasCorrection);
  }

  /** This optimizer adding {@code eps} inside the square root (true) or outside it. */
  public RmsProp withEpsInSqrt(boolean epsInSqrt) {
    return new RmsProp(learningRate, decay, eps, initialScale, epsInSqrt, centered, momentum, nesterov, biasCorrection);
  }

  /** This optimizer dividing by the standard deviation (centered) instead of the root mean square. */
  public RmsProp withCentered(boolean centered) {
    return new RmsProp(learningRate, decay, eps, initialScale, epsInSqrt, centered, momentum, nesterov, biasCorrection);
  }

  /** This optimizer with momentum {@code momentum} after the learning rate (0: none). */
  public RmsProp withMomentum(double momentum) {
    return new RmsProp(learningRate, decay, eps, initialScale, epsInSqrt, centered, momentum, nesterov, biasCorrection);
  }

  /** This optimizer with Nesterov momentum on or off. */
  public RmsProp withNesterov(boolean nesterov) {
    return new RmsProp(learningRate, decay, eps, initialScale, epsInSqrt, centered, momentum, nesterov, biasCorrection);
  }

  /** This optimizer bias-correcting its moving averages, or not. */
  public RmsProp withBiasCorrection(boolean biasCorrection) {
    return new RmsProp(learningRate, decay, eps, initialScale, epsInSqrt, centered, momentum, nesterov, biasCorrection);
  }

  /** The chain this optimizer runs. */
  @Override
  public GradientTransformation transformation() {
    GradientTransformation rescale =
        centered
            ? Optax.scaleByStddev(decay, eps, initialScale, epsInSqrt, biasCorrection)
            : Optax.scaleByRms(decay, eps, initialScale, epsInSqrt, biasCorrection);
    GradientTransformation accumulate = momentum != 0 ? Optax.trace(momentum, nesterov) : Optax.identity();
    return Optax.chain(rescale, Optax.scaleByLearningRate(learningRate), accumulate);
  }
}
