package dev.solstice.runtime.optim;

import java.util.function.Predicate;

/**
 * AdamW ({@code optax.adamw}): Adam's rescaling, then decoupled weight decay {@code + weightDecay
 * * param} on the leaves {@code mask} selects (all when it is null), then {@code -learningRate}.
 * Made by {@link Optax#adamw(double, double)} with Optax's defaults; the {@code with} methods
 * return modified copies. State: {@code 0.*} Adam's, {@code 1.*} the decay's (a {@code count} if
 * scheduled, under {@code inner_state} if masked), {@code 2.count} with a scheduled learning rate.
 */
public record AdamW(
    Schedule learningRate,
    double b1,
    double b2,
    double eps,
    double epsRoot,
    Schedule weightDecay,
    LeafMask mask,
    boolean nesterov)
    implements Alias {

  /** This optimizer with first-moment decay {@code b1}. */
  public AdamW withB1(double b1) {
    return new AdamW(learningRate, b1, b2, eps, epsRoot, weightDecay, mask, nesterov);
  }

  /** This optimizer with second-moment decay {@code b2}. */
  public AdamW withB2(double b2) {
    return new AdamW(learningRate, b1, b2, eps, epsRoot, weightDecay, mask, nesterov);
  }

  /** This optimizer with {@code eps} added to the denominator outside the square root. */
  public AdamW withEps(double eps) {
    return new AdamW(learningRate, b1, b2, eps, epsRoot, weightDecay, mask, nesterov);
  }

  /** This optimizer with {@code epsRoot} added to the second moment inside the square root. */
  public AdamW withEpsRoot(double epsRoot) {
    return new AdamW(learningRate, b1, b2, eps, epsRoot, weightDecay, mask, nesterov);
  }

  /** This optimizer with weight decay {@code weightDecay}. */
  public AdamW withWeightDecay(double weightDecay) {
    return withWeightDecay(Schedules.constant(weightDecay));
  }

  /** This optimizer with a scheduled weight decay. */
  public AdamW withWeightDecay(Schedule weightDecay) {
    return new AdamW(learningRate, b1, b2, eps, epsRoot, weightDecay, mask, nesterov);
  }

  /** This optimizer decaying only the leaves {@code mask} selects. */
  public AdamW withMask(LeafMask mask) {
    return new AdamW(learningRate, b1, b2, eps, epsRoot, weightDecay, mask, nesterov);
  }

  /** This optimizer decaying only the leaves whose path {@code mask} accepts, e.g. {@code p -> !p.endsWith("bias")}. */
  public AdamW withMask(Predicate<String> mask) {
    return withMask(LeafMask.byPath(mask));
  }

  /** This optimizer with Nesterov momentum (NAdamW) on or off. */
  public AdamW withNesterov(boolean nesterov) {
    return new AdamW(learningRate, b1, b2, eps, epsRoot, weightDecay, mask, nesterov);
  }

  /** The chain this optimizer runs. */
  @Override
  public GradientTransformation transformation() {
    return Optax.chain(
        Optax.scaleByAdam(b1, b2, eps, epsRoot, nesterov),
        Optax.addDecayedWeights(weightDecay, mask),
        Optax.scaleByLearningRate(learningRate));
  }
}
