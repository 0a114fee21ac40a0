package dev.solstice.examples.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.solstice.runtime.random.Key;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShuffledBatchesTest {

  private static int[] epoch(ShuffledBatches batches, int epoch) {
    return IntStream.range(0, batches.stepsPerEpoch())
        .flatMap(i -> Arrays.stream(batches.indices(epoch * batches.stepsPerEpoch() + i).toIntArray()))
        .toArray();
  }

  @Test
  void everyEpochVisitsEveryExampleOnceWithTheLastBatchSmaller() {
    ShuffledBatches batches = new ShuffledBatches(Key.of(3), 10, 4);
    assertEquals(3, batches.stepsPerEpoch());
    assertEquals(4, batches.indices(0).dim(0));
    assertEquals(2, batches.indices(2).dim(0));
    for (int e = 0; e < 3; e++) {
      int[] seen = epoch(batches, e);
      Arrays.sort(seen);
      assertArrayEquals(IntStream.range(0, 10).toArray(), seen, "epoch " + e);
    }
  }

  @Test
  void eachEpochHasItsOwnOrderGivenByTheKeyAndTheStepAlone() {
    ShuffledBatches batches = new ShuffledBatches(Key.of(3), 100, 10);
    assertFalse(Arrays.equals(epoch(batches, 0), epoch(batches, 1)), "epochs 0 and 1 in the same order");
    assertArrayEquals(Key.of(3).foldIn(1).permutation(100).toIntArray(), epoch(batches, 1));
    ShuffledBatches fresh = new ShuffledBatches(Key.of(3), 100, 10);
    assertArrayEquals(batches.indices(17).toIntArray(), fresh.indices(17).toIntArray(), "step 17 asked first");
  }
}
