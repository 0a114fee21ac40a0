package dev.solstice.runtime.optim;

import dev.solstice.runtime.tree.FlatTree;
import dev.solstice.runtime.tree.Trees;

/**
 * A transformation that only multiplies every update by one float32 factor per step ({@link
 * Scale}, {@link ScaleBySchedule}): {@code -learningRate} at the end of most optimizers. Saying
 * so lets a {@link Chain} fold the multiplication into the transformation before it (see {@link
 * ScaleFolding}).
 */
interface UniformScale extends GradientTransformation {

  /** The factor this step multiplies by, given this transformation's state. */
  float factor(StateTree state);

  /** This transformation's state after a step from {@code state}. */
  StateTree advance(StateTree state);

  @Override
  default FlatUpdate update(FlatTree updates, StateTree state, FlatTree params) {
    float step = factor(state);
    return new FlatUpdate(updates.withLeaves(Trees.map(updates.leaves(), u -> u.mul(step))), advance(state));
  }
}
