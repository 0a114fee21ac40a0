package dev.solstice.runtime.optim;

import dev.solstice.runtime.tree.FlatTree;
import dev.solstice.runtime.tree.Trees;

/**
 * Multiplies updates by {@code schedule.at(count)} and counts the step ({@code
 * optax.scale_by_schedule}). State: {@code count}.
 */
record ScaleBySchedule(Schedule schedule) implements GradientTransformation {
  @Override
  public StateTree init(FlatTree params) {
    return StateTree.EMPTY.with("count", Counter.of(0));
  }

  @Override
  public FlatUpdate update(FlatTree updates, StateTree state, FlatTree params) {
    int count = Counter.read(state, "count");
    float step = schedule.at(count);
    FlatTree scaled = updates.withLeaves(Trees.map(updates.leaves(), u -> u.mul(step)));
    return new FlatUpdate(scaled, state.with("count", Counter.of(Counter.increment(count))));
  }
}
