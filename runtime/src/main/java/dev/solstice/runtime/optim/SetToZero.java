package dev.solstice.runtime.optim;

import dev.solstice.runtime.tree.FlatTree;
import dev.solstice.runtime.tree.Trees;

/** Replaces every update by zeros ({@code optax.set_to_zero}): freezes what it is applied to. No state. */
record SetToZero() implements GradientTransformation {
  @Override
  public StateTree init(FlatTree params) {
    return StateTree.EMPTY;
  }

  @Override
  public FlatUpdate update(FlatTree updates, StateTree state, FlatTree params) {
    return new FlatUpdate(updates.withLeaves(Trees.zerosLike(updates.leaves())), state);
  }
}
