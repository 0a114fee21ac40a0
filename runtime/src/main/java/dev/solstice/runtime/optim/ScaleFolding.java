package dev.solstice.runtime.optim;

import dev.solstice.runtime.tree.FlatTree;

/**
 * A transformation that can multiply its updates by a factor in the same pass that computes them,
 * and add them to the parameters there too ({@link AppliesUpdates}). A {@link Chain} in which such
 * a transformation is directly followed by a {@link UniformScale} (Adam then {@code
 * -learningRate}) runs the two as one {@link #updateScaled} call, saving a pass over every leaf and
 * an array per leaf. The result is the same, bit for bit: each update is still rounded to float32
 * before it is multiplied, and the product rounded again before it is added.
 */
interface ScaleFolding extends AppliesUpdates {

  /**
   * What {@link #update} returns, with every update multiplied by {@code factor} (float32, {@code
   * u * factor}); the state is the same. With {@code addToParams}, the updates returned are {@code
   * params + u * factor} instead: the new parameters.
   */
  FlatUpdate updateScaled(FlatTree updates, StateTree state, FlatTree params, float factor, boolean addToParams);

  @Override
  default FlatUpdate update(FlatTree updates, StateTree state, FlatTree params) {
    return updateScaled(updates, state, params, 1f, false);
  }

  @Override
  default Applied updateAndApply(FlatTree grads, StateTree state, FlatTree params) {
    FlatUpdate step = updateScaled(grads, state, params, 1f, true);
    return new Applied(step.updates(), step.state());
  }
}
