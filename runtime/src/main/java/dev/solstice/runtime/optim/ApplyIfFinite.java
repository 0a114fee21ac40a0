package dev.solstice.runtime.optim;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.FlatTree;
import dev.solstice.runtime.tree.Trees;

/**
 * Skips steps whose updates hold a NaN or an infinity ({@code optax.apply_if_finite}): such a step
 * returns zero updates and leaves {@code inner}'s state as it was, unless more than {@code
 * maxConsecutiveErrors} such steps came in a row, in which case the update goes through. State:
 * {@code notfinite_count} (the current run), {@code last_finite} (bool), {@code total_notfinite},
 * {@code inner_state}.
 */
record ApplyIfFinite(GradientTransformation inner, int maxConsecutiveErrors) implements GradientTransformation {

  @Override
  public StateTree init(FlatTree params) {
    return StateTree.EMPTY
        .with("notfinite_count", Counter.of(0))
        .with("last_finite", flag(true))
        .with("total_notfinite", Counter.of(0))
        .with("inner_state", inner.init(params));
  }

  @Override
  public FlatUpdate update(FlatTree updates, StateTree state, FlatTree params) {
    boolean finite = Trees.allFinite(updates.leaves());
    int notFinite = finite ? 0 : Counter.increment(Counter.read(state, "notfinite_count"));
    int total = Counter.read(state, "total_notfinite");
    StateTree innerState = state.child("inner_state");
    FlatTree out;
    if (finite || notFinite > maxConsecutiveErrors) {
      FlatUpdate step = inner.update(updates, innerState, params);
      out = step.updates();
      innerState = step.state();
    } else {
      out = updates.withLeaves(Trees.zerosLike(updates.leaves()));
    }
    StateTree next =
        StateTree.EMPTY
            .with("notfinite_count", Counter.of(notFinite))
            .with("last_finite", flag(finite))
            .with("total_notfinite", Counter.of(finite ? total : Counter.increment(total)))
            .with("inner_state", innerState);
    return new FlatUpdate(out, next);
  }

  private static Tensor flag(boolean value) {
    return Tensor.ofBools(new boolean[] {value});
  }
}
