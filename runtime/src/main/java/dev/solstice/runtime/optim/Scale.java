package dev.solstice.runtime.optim;

import dev.solstice.runtime.tree.FlatTree;

/** Multiplies updates by a fixed factor ({@code optax.scale}); no state. */
record Scale(double factor) implements UniformScale {
  @Override
  public StateTree init(FlatTree params) {
    return StateTree.EMPTY;
  }

  @Override
  public float factor(StateTree state) {
    return (float) factor;
  }

  @Override
  public StateTree advance(StateTree state) {
    return state;
  }
}
