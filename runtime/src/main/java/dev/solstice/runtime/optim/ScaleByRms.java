package dev.solstice.runtime.optim;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.FlatTree;
import dev.solstice.runtime.tree.Trees;
import java.util.List;

/**
 * RMSProp's rescaling ({@code optax.scale_by_rms}): {@code g / sqrt(nu + eps)} ({@code epsInSqrt})
 * or {@code g / (sqrt(nu) + eps)}, {@code nu} the moving average of {@code g²} started at {@code
 * initialScale}, optionally bias-corrected. State: {@code nu}, and {@code count} if bias-corrected
 * (before {@code nu}, as in Optax's state).
 */
record ScaleByRms(double decay, double eps, double initialScale, boolean epsInSqrt, boolean biasCorrection)
    implements GradientTransformation {

  @Override
  public StateTree init(FlatTree params) {
    StateTree state = biasCorrection ? StateTree.EMPTY.with("count", Counter.of(0)) : StateTree.EMPTY;
    return state.with("nu", StateTree.of(params.withLeaves(Trees.fullLike(params.leaves(), (float) initialScale))));
  }

  @Override
  public FlatUpdate update(FlatTree updates, StateTree state, FlatTree params) {
    List<Tensor> g = updates.leaves();
    List<Tensor> nu = Moments.emaOfSquares(g, state.child("nu").leaves(), decay);
    List<Tensor> nuHat = nu;
    StateTree next = StateTree.EMPTY;
    if (biasCorrection) {
      int count = Counter.increment(Counter.read(state, "count"));
      nuHat = Moments.divide(nu, Moments.biasCorrection(decay, count));
      next = next.with("count", Counter.of(count));
    }
    float epsilon = (float) eps;
    List<Tensor> scaling =
        Trees.map(
            nuHat,
            n -> epsInSqrt ? n.add(epsilon).rsqrt() : Tensor.onesLike(n).div(n.sqrt().add(epsilon)));
    List<Tensor> scaled = Trees.zip(scaling, g, Tensor::mul);
    next = next.with("nu", StateTree.of(updates.withLeaves(nu)));
    return new FlatUpdate(updates.withLeaves(scaled), next);
  }
}
