package dev.solstice.runtime.optim;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.Trees;
import java.util.List;

/**
 * Optax's moment arithmetic ({@code tree.update_moment}, {@code update_moment_per_elem_norm},
 * {@code bias_correction}) in float32 with Optax's order of operations. Constants such as {@code
 * 1 - decay} are computed in double and then rounded, as Python does before JAX sees them.
 */
final class Moments {
  private Moments() {}

  /** {@code (1 - decay) * g + decay * t} for each leaf. */
  static List<Tensor> ema(List<Tensor> g, List<Tensor> t, double decay) {
    float keep = (float) decay;
    float take = (float) (1 - decay);
    return Trees.zip(g, t, (gi, ti) -> gi.mul(take).add(ti.mul(keep)));
  }

  /** {@code (1 - decay) * g² + decay * t} for each leaf. */
  static List<Tensor> emaOfSquares(List<Tensor> g, List<Tensor> t, double decay) {
    float keep = (float) decay;
    float take = (float) (1 - decay);
    return Trees.zip(g, t, (gi, ti) -> gi.square().mul(take).add(ti.mul(keep)));
  }

  /** {@code 1 - decay^count} in float32, the divisor that removes the zero-initialisation bias. */
  static float biasCorrection(double decay, int count) {
    return 1f - (float) Math.pow((float) decay, count);
  }

  /** Each leaf divided by {@code divisor}. */
  static List<Tensor> divide(List<Tensor> leaves, float divisor) {
    return Trees.map(leaves, leaf -> leaf.div(divisor));
  }
}
