package dev.solstice.runtime.optim;

import dev.solstice.runtime.tree.FlatTree;

/**
 * Multiplies updates by {@code schedule.at(count)} and counts the step ({@code
 * optax.scale_by_schedule}). State: {@code count}.
 */
record ScaleBySchedule(Schedule schedule) implements UniformScale {
  @Override
  public StateTree init(FlatTree params) {
    return StateTree.EMPTY.with("count", Counter.of(0));
  }

  @Override
  public float factor(StateTree state) {
    return schedule.at(Counter.read(state, "count"));
  }

  @Override
  public StateTree advance(StateTree state) {
    return state.with("count", Counter.of(Counter.increment(Counter.read(state, "count"))));
  }
}
