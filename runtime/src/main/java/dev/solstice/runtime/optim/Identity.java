package dev.solstice.runtime.optim;

import dev.solstice.runtime.tree.FlatTree;

/** Leaves updates unchanged and keeps no state ({@code optax.identity}). */
record Identity() implements GradientTransformation {
  @Override
  public StateTree init(FlatTree params) {
    return StateTree.EMPTY;
  }

  @Override
  public FlatUpdate update(FlatTree updates, StateTree state, FlatTree params) {
    return new FlatUpdate(updates, state);
  }
}
