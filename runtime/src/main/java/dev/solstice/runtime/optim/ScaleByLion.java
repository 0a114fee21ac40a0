package dev.solstice.runtime.optim;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.FlatTree;
import dev.solstice.runtime.tree.Trees;
import java.util.List;

/**
 * Lion's rescaling ({@code optax.scale_by_lion}, hard sign mode): {@code sign((1 - b1) * g + b1 *
 * mu)}, then {@code mu} moves to {@code (1 - b2) * g + b2 * mu}. State: {@code count}, {@code mu}.
 */
record ScaleByLion(double b1, double b2) implements GradientTransformation {

  @Override
  public StateTree init(FlatTree params) {
    return StateTree.EMPTY
        .with("count", Counter.of(0))
        .with("mu", StateTree.of(params.withLeaves(Trees.zerosLike(params.leaves()))));
  }

  @Override
  public FlatUpdate update(FlatTree updates, StateTree state, FlatTree params) {
    List<Tensor> g = updates.leaves();
    List<Tensor> mu = state.child("mu").leaves();
    List<Tensor> signs = Trees.map(Moments.ema(g, mu, b1), Tensor::sign);
    List<Tensor> newMu = Moments.ema(g, mu, b2);
    int count = Counter.increment(Counter.read(state, "count"));
    StateTree next =
        StateTree.EMPTY.with("count", Counter.of(count)).with("mu", StateTree.of(updates.withLeaves(newMu)));
    return new FlatUpdate(updates.withLeaves(signs), next);
  }
}
