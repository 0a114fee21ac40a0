package dev.solstice.runtime.optim;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.FlatTree;
import dev.solstice.runtime.tree.Trees;
import java.util.List;

/**
 * Adagrad's rescaling ({@code optax.scale_by_rss}): {@code g / sqrt(s + eps)} where {@code s} is
 * the running sum of {@code g²} started at {@code initialAccumulatorValue} (0 where {@code s} is
 * 0). State: {@code sum_of_squares}.
 */
record ScaleByRss(double initialAccumulatorValue, double eps) implements GradientTransformation {

  @Override
  public StateTree init(FlatTree params) {
    List<Tensor> start = Trees.fullLike(params.leaves(), (float) initialAccumulatorValue);
    return StateTree.EMPTY.with("sum_of_squares", StateTree.of(params.withLeaves(start)));
  }

  @Override
  public FlatUpdate update(FlatTree updates, StateTree state, FlatTree params) {
    List<Tensor> g = updates.leaves();
    List<Tensor> sums = Trees.zip(g, state.child("sum_of_squares").leaves(), (gi, s) -> gi.square().add(s));
    float epsilon = (float) eps;
    List<Tensor> scaled =
        Trees.zip(
            sums,
            g,
            (s, gi) -> Tensor.where(s.gt(0f), s.add(epsilon).rsqrt(), Tensor.zerosLike(s)).mul(gi));
    return new FlatUpdate(
        updates.withLeaves(scaled), StateTree.EMPTY.with("sum_of_squares", StateTree.of(updates.withLeaves(sums))));
  }
}
