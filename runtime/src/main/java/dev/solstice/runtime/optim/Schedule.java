package dev.solstice.runtime.optim;

/**
 * A hyper-parameter as a function of the step count, Optax's {@code Schedule}. Anything that takes
 * a learning rate takes a schedule too; {@link Schedules} makes Optax's. Step counts start at 0
 * for the first update, as Optax's {@code count}.
 */
@FunctionalInterface
public interface Schedule {

  /** The value at {@code step}, in float32 as Optax computes it. */
  float at(int step);
}
