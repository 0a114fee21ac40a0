package dev.solstice.runtime.nn;

import dev.solstice.runtime.Batching;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;

/**
 * Batched {@link Sequential#forward}, as {@code jax.vmap} makes it: one pass over the whole batch
 * through per-op batching rules. Written by hand in the shape of a generated {@code FooBatched},
 * since {@link Sequential} is not a {@code @Model} record.
 */
public final class SequentialBatched {
  private SequentialBatched() {}

  /** A batch {@code xs} (samples along axis 0) through {@code model} without keys. */
  public static Tensor forward(Sequential model, Tensor xs) {
    try (Batching batch = Batching.begin(xs.dim(0))) {
      return batch.out(model.forward(batch.in("xs", xs, 0), null), 0);
    }
  }

  /**
   * A batch {@code xs} through {@code model}, sample {@code i} with key {@code i} of the key array
   * {@code keys} (for example {@code key.splitArray(batch)}).
   */
  public static Tensor forward(Sequential model, Tensor xs, Key keys) {
    try (Batching batch = Batching.begin(xs.dim(0))) {
      return batch.out(model.forward(batch.in("xs", xs, 0), batch.in("keys", keys, 0)), 0);
    }
  }
}
