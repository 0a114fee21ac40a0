package dev.solstice.runtime.optim;

import java.util.function.Predicate;

/**
 * Lion ({@code optax.lion}): {@link Optax#scaleByLion}, decoupled weight decay on the leaves
 * {@code mask} selects (all when null), then {@code -learningRate}. Made by {@link
 * Optax#lion(double)} with Optax's defaults ({@code b1 = 0.9, b2 = 0.99, weightDecay = 1e-3}); the
 * {@code with} methods return modified copies.
 */
public record Lion(Schedule learningRate, double b1, double b2, Schedule weightDecay, LeafMask mask)
    implements Alias {

  /** This optimizer with {@code b1} weighting the momentum in the sign. */
  public Lion withB1(double b1) {
    return new Lion(learningRate, b1, b2, weightDecay, mask);
  }

  /** This optimizer with momentum decay {@code b2}. */
  public Lion withB2(double b2) {
    return new Lion(learningRate, b1, b2, weightDecay, mask);
  }

  /** This optimizer with weight decay {@code weightDecay}. */
  public Lion withWeightDecay(double weightDecay) {
    return withWeightDecay(Schedules.constant(weightDecay));
  }

  /** This optimizer with a scheduled weight decay. */
  public Lion withWeightDecay(Schedule weightDecay) {
    return new Lion(learningRate, b1, b2, weightDecay, mask);
  }

  /** This optimizer decaying only the leaves {@code mask} selects. */
  public Lion withMask(LeafMask mask) {
    return new Lion(learningRate, b1, b2, weightDecay, mask);
  }

  /** This optimizer decaying only the leaves whose path {@code mask} accepts. */
  public Lion withMask(Predicate<String> mask) {
    return withMask(LeafMask.byPath(mask));
  }

  /** The chain this optimizer runs. */
  @Override
  public GradientTransformation transformation() {
    return Optax.chain(
        Optax.scaleByLion(b1, b2), Optax.addDecayedWeights(weightDecay, mask), Optax.scaleByLearningRate(learningRate));
  }
}
