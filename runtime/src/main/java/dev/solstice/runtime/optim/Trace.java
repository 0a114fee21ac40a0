package dev.solstice.runtime.optim;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.FlatTree;
import dev.solstice.runtime.tree.Trees;
import java.util.List;

/**
 * Momentum ({@code optax.trace}): {@code trace = g + decay * trace}; the update is the new trace,
 * or {@code g + decay * trace} with {@code nesterov}. State: {@code trace}.
 */
record Trace(double decay, boolean nesterov) implements GradientTransformation {

  @Override
  public StateTree init(FlatTree params) {
    return StateTree.EMPTY.with("trace", StateTree.of(params.withLeaves(Trees.zerosLike(params.leaves()))));
  }

  @Override
  public FlatUpdate update(FlatTree updates, StateTree state, FlatTree params) {
    float d = (float) decay;
    List<Tensor> g = updates.leaves();
    List<Tensor> trace = Trees.zip(g, state.child("trace").leaves(), (gi, t) -> gi.add(t.mul(d)));
    List<Tensor> out = nesterov ? Trees.zip(g, trace, (gi, t) -> gi.add(t.mul(d))) : trace;
    return new FlatUpdate(
        updates.withLeaves(out), StateTree.EMPTY.with("trace", StateTree.of(updates.withLeaves(trace))));
  }
}
