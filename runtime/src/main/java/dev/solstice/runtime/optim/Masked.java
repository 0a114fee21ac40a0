package dev.solstice.runtime.optim;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.FlatTree;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies {@code inner} to the selected leaves only and passes the others through unchanged
 * ({@code optax.masked}). The inner transformation sees (and keeps state for) the selected leaves
 * alone; the mask is decided from the params at init and from the updates at update, as Optax
 * calls a mask function. State: {@code inner_state}.
 */
record Masked(GradientTransformation inner, LeafMask mask) implements GradientTransformation {

  @Override
  public StateTree init(FlatTree params) {
    return StateTree.EMPTY.with("inner_state", inner.init(params.select(mask.flags(params))));
  }

  @Override
  public FlatUpdate update(FlatTree updates, StateTree state, FlatTree params) {
    boolean[] selected = mask.flags(updates);
    FlatTree innerParams = params == null ? null : params.select(selected);
    FlatUpdate step = inner.update(updates.select(selected), state.child("inner_state"), innerParams);
    List<Tensor> merged = new ArrayList<>(updates.leaves());
    int next = 0;
    for (int i = 0; i < selected.length; i++) {
      if (selected[i]) {
        merged.set(i, step.updates().leaves().get(next++));
      }
    }
    return new FlatUpdate(updates.withLeaves(merged), StateTree.EMPTY.with("inner_state", step.state()));
  }
}
