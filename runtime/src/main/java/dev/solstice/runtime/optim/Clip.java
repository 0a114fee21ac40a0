package dev.solstice.runtime.optim;

import dev.solstice.runtime.tree.FlatTree;
import dev.solstice.runtime.tree.Trees;

/** Clamps every update element to {@code [-maxDelta, maxDelta]} ({@code optax.clip}); no state. */
record Clip(double maxDelta) implements GradientTransformation {
  @Override
  public StateTree init(FlatTree params) {
    return StateTree.EMPTY;
  }

  @Override
  public FlatUpdate update(FlatTree updates, StateTree state, FlatTree params) {
    float high = (float) maxDelta;
    float low = (float) -maxDelta;
    return new FlatUpdate(
        updates.withLeaves(Trees.map(updates.leaves(), u -> u.maximum(low).minimum(high))), state);
  }
}
