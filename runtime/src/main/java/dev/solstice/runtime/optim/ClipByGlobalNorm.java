package dev.solstice.runtime.optim;

import dev.solstice.runtime.tree.FlatTree;
import dev.solstice.runtime.tree.Trees;

/**
 * Rescales all updates together so their global L2 norm is at most {@code maxNorm} ({@code
 * optax.clip_by_global_norm}): unchanged if the norm is below it, else {@code (u / norm) *
 * maxNorm}. No state.
 */
record ClipByGlobalNorm(double maxNorm) implements GradientTransformation {
  @Override
  public StateTree init(FlatTree params) {
    return StateTree.EMPTY;
  }

  @Override
  public FlatUpdate update(FlatTree updates, StateTree state, FlatTree params) {
    float norm = Trees.globalNorm(updates.leaves()).item();
    float limit = (float) maxNorm;
    if (norm < limit) {
      return new FlatUpdate(updates, state);
    }
    return new FlatUpdate(updates.withLeaves(Trees.map(updates.leaves(), u -> u.div(norm).mul(limit))), state);
  }
}
