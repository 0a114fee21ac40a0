package dev.solstice.examples.training;

import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;

/**
 * Mini-batches of {@code examples} examples in a fresh random order each epoch: epoch {@code e}
 * visits them in the order {@code key.foldIn(e).permutation(examples)}, {@code batchSize} at a
 * time (the last batch of an epoch may be smaller).
 *
 * <p>The batch of every step is a function of the key and the step alone, so a run resumed at
 * step {@code s} sees exactly the batches it would have seen without stopping.
 */
public final class ShuffledBatches {
  private final Key key;
  private final int examples;
  private final int batchSize;
  private int cachedEpoch = -1;
  private Tensor cachedOrder;

  /** Batches of {@code batchSize} out of {@code examples}, shuffled with {@code key}. */
  public ShuffledBatches(Key key, int examples, int batchSize) {
    if (examples < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "ShuffledBatches needs examples >= 1 and batchSize >= 1, found " + examples + " and " + batchSize);
    }
    this.key = key;
    this.examples = examples;
    this.batchSize = batchSize;
  }

  /** The number of batches in one pass over the examples. */
  public int stepsPerEpoch() {
    return (examples + batchSize - 1) / batchSize;
  }

  /** The int32 indices of the examples in the batch of {@code step} (counted from 0 across epochs). */
  public @Shape("batch") Tensor indices(int step) {
    int epoch = step / stepsPerEpoch();
    int start = step % stepsPerEpoch() * batchSize;
    return order(epoch).slice(0, start, Math.min(examples, start + batchSize));
  }

  private Tensor order(int epoch) {
    if (epoch != cachedEpoch) {
      cachedOrder = key.foldIn(epoch).permutation(examples);
      cachedEpoch = epoch;
    }
    return cachedOrder;
  }
}
