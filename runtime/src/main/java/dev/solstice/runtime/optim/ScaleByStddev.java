package dev.solstice.runtime.optim;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.FlatTree;
import dev.solstice.runtime.tree.Trees;
import java.util.List;

/**
 * Centered RMSProp's rescaling ({@code optax.scale_by_stddev}): {@code g / sqrt(nu - mu² + eps)}
 * ({@code epsInSqrt}) or {@code g / (sqrt(nu - mu²) + eps)}, with moving averages {@code mu} of
 * {@code g} and {@code nu} of {@code g²} (started at {@code initialScale}), optionally
 * bias-corrected. State: {@code count} if bias-corrected, {@code mu}, {@code nu}.
 */
record ScaleByStddev(double decay, double eps, double initialScale, boolean epsInSqrt, boolean biasCorrection)
    implements GradientTransformation {

  @Override
  public StateTree init(FlatTree params) {
    StateTree state = biasCorrection ? StateTree.EMPTY.with("count", Counter.of(0)) : StateTree.EMPTY;
    return state
        .with("mu", StateTree.of(params.withLeaves(Trees.zerosLike(params.leaves()))))
        .with("nu", StateTree.of(params.withLeaves(Trees.fullLike(params.leaves(), (float) initialScale))));
  }

  @Override
  public FlatUpdate update(FlatTree updates, StateTree state, FlatTree params) {
    List<Tensor> g = updates.leaves();
    List<Tensor> mu = Moments.ema(g, state.child("mu").leaves(), decay);
    List<Tensor> nu = Moments.emaOfSquares(g, state.child("nu").leaves(), decay);
    List<Tensor> muHat = mu;
    List<Tensor> nuHat = nu;
    StateTree next = StateTree.EMPTY;
    if (biasCorrection) {
      int count = Counter.increment(Counter.read(state, "count"));
      float correction = Moments.biasCorrection(decay, count);
      muHat = Moments.divide(mu, correction);
      nuHat = Moments.divide(nu, correction);
      next = next.with("count", Counter.of(count));
    }
    float epsilon = (float) eps;
    List<Tensor> scaling =
        Trees.zip(
            muHat,
            nuHat,
            (m, n) -> {
              Tensor variance = n.sub(m.square());
              return epsInSqrt
                  ? variance.add(epsilon).rsqrt()
                  : Tensor.onesLike(variance).div(variance.sqrt().add(epsilon));
            });
    List<Tensor> scaled = Trees.zip(scaling, g, Tensor::mul);
    next = next.with("mu", StateTree.of(updates.withLeaves(mu))).with("nu", StateTree.of(updates.withLeaves(nu)));
    return new FlatUpdate(updates.withLeaves(scaled), next);
  }
}
