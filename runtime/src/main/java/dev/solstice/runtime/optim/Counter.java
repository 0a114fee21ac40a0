package dev.solstice.runtime.optim;

import dev.solstice.runtime.DType;
import dev.solstice.runtime.Tensor;

/** Step counters kept in state as int32 scalars, as Optax keeps {@code count}. */
final class Counter {
  private Counter() {}

  /** An int32 scalar holding {@code value}. */
  static Tensor of(int value) {
    return Tensor.ofInts(new int[] {value});
  }

  /** The value of the counter stored under {@code name}. */
  static int read(StateTree state, String name) {
    Tensor counter = state.tensor(name);
    if (counter.dtype() != DType.INT32 || counter.rank() != 0) {
      throw new IllegalStateException(
          "optimizer state entry '" + name + "' should be an int32 scalar, found " + counter);
    }
    return counter.toIntArray()[0];
  }

  /** {@code value + 1}, staying at the largest int instead of overflowing (Optax's {@code safe_increment}). */
  static int increment(int value) {
    return value == Integer.MAX_VALUE ? value : value + 1;
  }
}
