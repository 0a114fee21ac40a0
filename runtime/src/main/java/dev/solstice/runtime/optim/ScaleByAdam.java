package dev.solstice.runtime.optim;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.FlatTree;
import dev.solstice.runtime.tree.Trees;
import java.util.List;

/**
 * Adam's rescaling ({@code optax.scale_by_adam}): {@code m̂ / (sqrt(v̂ + epsRoot) + eps)} with
 * bias-corrected moments {@code m̂ = mu / (1 - b1^t)}, {@code v̂ = nu / (1 - b2^t)}. With {@code
 * nesterov}, Optax's NAdam form {@code m̂ = b1 * mu / (1 - b1^(t+1)) + (1 - b1) * g / (1 - b1^t)}.
 * State: {@code count}, {@code mu}, {@code nu}.
 */
record ScaleByAdam(double b1, double b2, double eps, double epsRoot, boolean nesterov)
    implements GradientTransformation {

  @Override
  public StateTree init(FlatTree params) {
    StateTree zeros = StateTree.of(params.withLeaves(Trees.zerosLike(params.leaves())));
    return StateTree.EMPTY.with("count", Counter.of(0)).with("mu", zeros).with("nu", zeros);
  }

  @Override
  public FlatUpdate update(FlatTree updates, StateTree state, FlatTree params) {
    List<Tensor> g = updates.leaves();
    List<Tensor> mu = Moments.ema(g, state.child("mu").leaves(), b1);
    List<Tensor> nu = Moments.emaOfSquares(g, state.child("nu").leaves(), b2);
    int count = Counter.increment(Counter.read(state, "count"));
    List<Tensor> muHat;
    if (nesterov) {
      List<Tensor> next = Moments.divide(mu, Moments.biasCorrection(b1, Counter.increment(count)));
      List<Tensor> current = Moments.divide(g, Moments.biasCorrection(b1, count));
      float keep = (float) b1;
      float take = (float) (1 - b1);
      muHat = Trees.zip(next, current, (m, gi) -> m.mul(keep).add(gi.mul(take)));
    } else {
      muHat = Moments.divide(mu, Moments.biasCorrection(b1, count));
    }
    List<Tensor> nuHat = Moments.divide(nu, Moments.biasCorrection(b2, count));
    float root = (float) epsRoot;
    float outer = (float) eps;
    List<Tensor> scaled = Trees.zip(muHat, nuHat, (m, v) -> m.div(v.add(root).sqrt().add(outer)));
    StateTree next =
        StateTree.EMPTY
            .with("count", Counter.of(count))
            .with("mu", StateTree.of(updates.withLeaves(mu)))
            .with("nu", StateTree.of(updates.withLeaves(nu)));
    return new FlatUpdate(updates.withLeaves(scaled), next);
  }
}
