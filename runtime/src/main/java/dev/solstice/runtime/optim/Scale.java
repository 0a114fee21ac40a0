package dev.solstice.runtime.optim;

import dev.solstice.runtime.tree.FlatTree;
import dev.solstice.runtime.tree.Trees;

/** Multiplies updates by a fixed factor ({@code optax.scale}); no state. */
record Scale(double factor) implements GradientTransformation {
  @Override
  public StateTree init(FlatTree params) {
    return StateTree.EMPTY;
  }

  @Override
  public FlatUpdate update(FlatTree updates, StateTree state, FlatTree params) {
    float step = (float) factor;
    return new FlatUpdate(updates.withLeaves(Trees.map(updates.leaves(), u -> u.mul(step))), state);
  }
}
