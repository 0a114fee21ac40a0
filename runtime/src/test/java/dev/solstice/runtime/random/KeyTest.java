package dev.solstice.runtime.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.runtime.Batching;
import dev.solstice.runtime.DType;
import dev.solstice.runtime.Tensor;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Key's API beyond the golden values: key arrays, batching, wrapping, validation, value semantics. */
class KeyTest {
  private final Key key = Key.of(2024);

  @Test
  void keyDataRoundTripsThroughWrap() {
    Key child = key.split(3)[1];
    assertEquals(child, Key.wrap(child.keyData()));
    assertEquals(child.hashCode(), Key.wrap(child.keyData()).hashCode());
    assertArrayEquals(new int[] {2}, child.keyData().shape());
    assertArrayEquals(new int[0], child.shape());
  }

  @Test
  void wrapRejectsDataThatIsNotInt32WordPairs() {
    IllegalArgumentException floats =
        assertThrows(IllegalArgumentException.class, () -> Key.wrap(Tensor.of(new float[] {0, 1}, 2)));
    assertTrue(floats.getMessage().contains("FLOAT32"), floats.getMessage());
    IllegalArgumentException triple =
        assertThrows(IllegalArgumentException.class, () -> Key.wrap(Tensor.ofInts(new int[] {0, 1, 2}, 3)));
    assertTrue(triple.getMessage().contains("[..., 2]") && triple.getMessage().contains("[3]"), triple.getMessage());
  }

  @Test
  void equalKeysAreEqualValues() {
    assertEquals(Key.of(5), Key.of(5));
    assertNotEquals(Key.of(5), Key.of(6));
    assertNotEquals(key.splitArray(1), key.split(1)[0]); // same words, different key shape
    assertEquals("Key[0, 4294967295]", Key.of(-1).toString());
  }

  @Test
  void drawsDependOnlyOnTheKey() {
    assertArrayEquals(key.uniform(5).toFloatArray(), key.uniform(5).toFloatArray());
    assertArrayEquals(key.uniform(5).toFloatArray(), Key.wrap(key.keyData()).uniform(5).toFloatArray());
  }

  @Test
  void foldInIsTheChildAtThatCounter() {
    assertEquals(key.split(8)[7], key.foldIn(7));
  }

  @Test
  void splitArrayHoldsTheSplitKeysInOrder() {
    Key keys = key.splitArray(4);
    Key[] split = key.split(4);
    assertArrayEquals(new int[] {4}, keys.shape());
    for (int i = 0; i < 4; i++) {
      assertEquals(split[i], keys.get(i));
    }
    assertThrows(IndexOutOfBoundsException.class, () -> keys.get(4));
    assertThrows(IllegalStateException.class, () -> key.get(0));
  }

  @Test
  void keyArraysDrawWithEachKey() {
    Key keys = key.splitArray(3);
    assertDrawsPerKey(keys, k -> k.bits(2, 2));
    assertDrawsPerKey(keys, k -> k.uniform(-1f, 3f, 5));
    assertDrawsPerKey(keys, k -> k.normal(7));
    assertDrawsPerKey(keys, k -> k.bernoulli(0.25f, 4));
    assertDrawsPerKey(keys, k -> k.randint(-4, 40, 3));
    assertDrawsPerKey(keys, k -> k.permutation(9));
    assertDrawsPerKey(keys, k -> k.foldIn(3).keyData());
    assertDrawsPerKey(keys, k -> k.splitArray(2).keyData());
    assertDrawsPerKey(keys, k -> k.split(2)[1].keyData());
  }

  @Test
  void nestedKeyArraysDrawWithEachKey() {
    Key grid = key.splitArray(2).splitArray(3);
    assertArrayEquals(new int[] {2, 3}, grid.shape());
    assertArrayEquals(new int[] {2, 3, 4}, grid.uniform(4).shape());
    assertArrayEquals(grid.get(1).get(2).uniform(4).toFloatArray(),
        Arrays.copyOfRange(grid.uniform(4).toFloatArray(), 20, 24));
  }

  @Test
  void aBatchedKeyDrawsForAllSamplesInOneCall() {
    Key keys = key.splitArray(4);
    try (Batching vmap = Batching.begin(4)) {
      Key perSample = vmap.in("key", keys, 0);
      assertArrayEquals(new int[0], perSample.shape());
      Tensor u = perSample.uniform(3);
      assertArrayEquals(new int[] {3}, u.shape());
      assertEquals(1, u.batchAxes());
      assertArrayEquals(new int[] {4, 3}, u.physicalShape());
      assertArrayEquals(keys.uniform(3).toFloatArray(), vmap.out(u, 0).toFloatArray());
      assertEquals(keys.foldIn(9), vmap.out(perSample.foldIn(9), 0));
      assertEquals(keys.split(2)[1], vmap.out(perSample.split(2)[1], 0));
      assertTrue(perSample.toString().contains("batched [4]"), perSample.toString());
    }
  }

  @Test
  void aKeyThatIsNotMappedIsSharedByAllSamples() {
    try (Batching vmap = Batching.begin(3)) {
      vmap.in("x", Tensor.zeros(3, 2), 0);
      float[] rows = vmap.out(key.normal(2), 0).toFloatArray();
      float[] once = key.normal(2).toFloatArray();
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(once, Arrays.copyOfRange(rows, 2 * i, 2 * i + 2), "sample " + i);
      }
    }
  }

  @Test
  void dropoutUnderVmapMasksEachSampleWithItsOwnKey() {
    Tensor x = key.normal(4, 5);
    Key keys = Key.of(7).splitArray(4);
    Tensor y;
    try (Batching vmap = Batching.begin(4)) {
      Tensor sample = vmap.in("x", x, 0);
      Tensor mask = vmap.in("key", keys, 0).bernoulli(0.5f, 5);
      assertEquals(DType.BOOL, mask.dtype());
      y = vmap.out(Tensor.where(mask, sample.div(0.5f), Tensor.zerosLike(sample)), 0);
    }
    float[] xs = x.toFloatArray();
    float[] ys = y.toFloatArray();
    for (int i = 0; i < 4; i++) {
      int[] mask = keys.get(i).bernoulli(0.5f, 5).toIntArray();
      for (int j = 0; j < 5; j++) {
        assertEquals(mask[j] == 1 ? xs[5 * i + j] / 0.5f : 0f, ys[5 * i + j], "sample " + i + " element " + j);
      }
    }
  }

  @Test
  void aKeyBatchedByAnOuterLevelDrawsPerOuterSampleInsideAnInnerLevel() {
    Key keys = key.splitArray(2);
    Tensor draws;
    try (Batching outer = Batching.begin(2)) {
      Key perOuter = outer.in("key", keys, 0);
      Tensor perInner;
      try (Batching inner = Batching.begin(3)) {
        Tensor noise = perOuter.normal(5);
        assertEquals(1, noise.batchAxes(), "the draw does not depend on the inner level");
        perInner = inner.out(noise, 0);
      }
      draws = outer.out(perInner, 0);
    }
    assertArrayEquals(new int[] {2, 3, 5}, draws.shape());
    float[] all = draws.toFloatArray();
    for (int i = 0; i < 2; i++) {
      float[] expected = keys.get(i).normal(5).toFloatArray();
      for (int j = 0; j < 3; j++) {
        int at = 15 * i + 5 * j;
        assertArrayEquals(expected, Arrays.copyOfRange(all, at, at + 5), "outer " + i + " inner " + j);
      }
    }
  }

  @Test
  void scalarAndEmptyDraws() {
    assertArrayEquals(new int[0], key.normal().shape());
    assertEquals(0, key.uniform(3, 0).size());
    assertEquals(0, key.permutation(0).size());
    assertArrayEquals(new int[] {0}, key.permutation(1).toIntArray());
    assertEquals(0, key.split(0).length);
  }

  @Test
  void drawsStayInTheirRanges() {
    float[] u = key.uniform(-2f, 3f, 100_000).toFloatArray();
    double sum = 0;
    for (float v : u) {
      assertTrue(v >= -2f && v < 3f, "uniform value " + v);
      sum += v;
    }
    assertEquals(0.5, sum / u.length, 0.02);
    for (int v : key.randint(-3, 4, 10_000).toIntArray()) {
      assertTrue(v >= -3 && v < 4, "randint value " + v);
    }
    for (int v : key.randint(9, 9, 10).toIntArray()) {
      assertEquals(9, v, "an empty range yields min");
    }
    int ones = Arrays.stream(key.bernoulli(0.3f, 100_000).toIntArray()).sum();
    assertEquals(0.3, ones / 100_000.0, 0.01);
  }

  @Test
  void permutationIsAPermutation() {
    int[] p = key.permutation(5000).toIntArray(); // 2 sorting rounds
    int[] sorted = p.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertEquals(i, sorted[i]);
    }
    assertTrue(!Arrays.equals(p, sorted), "5000 elements left in order");
  }

  @Test
  void shuffleRoundsFollowJaxsStoppingRule() {
    assertEquals(0, Key.shuffleRounds(0));
    assertEquals(0, Key.shuffleRounds(1));
    assertEquals(1, Key.shuffleRounds(2));
    assertEquals(1, Key.shuffleRounds(1625));
    assertEquals(2, Key.shuffleRounds(1626));
    assertEquals(2, Key.shuffleRounds(2_642_245));
    assertEquals(3, Key.shuffleRounds(2_642_246));
  }

  @Test
  void badCountsAndShapesAreRejected() {
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> key.uniform(3, -1));
    assertTrue(shape.getMessage().contains("[3, -1]"), shape.getMessage());
    IllegalArgumentException split = assertThrows(IllegalArgumentException.class, () -> key.split(-2));
    assertTrue(split.getMessage().contains("-2"), split.getMessage());
    assertThrows(IllegalArgumentException.class, () -> key.permutation(-1));
  }

  private static void assertDrawsPerKey(Key keys, Function<Key, Tensor> draw) {
    Tensor all = draw.apply(keys);
    int n = keys.shape()[0];
    assertEquals(n, all.shape()[0]);
    int per = all.size() / n;
    for (int k = 0; k < n; k++) {
      Tensor one = draw.apply(keys.get(k));
      assertArrayEquals(Arrays.copyOfRange(all.shape(), 1, all.rank()), one.shape());
      if (all.dtype() == DType.FLOAT32) {
        assertArrayEquals(Arrays.copyOfRange(all.toFloatArray(), k * per, (k + 1) * per), one.toFloatArray(), "key " + k);
      } else {
        assertArrayEquals(Arrays.copyOfRange(all.toIntArray(), k * per, (k + 1) * per), one.toIntArray(), "key " + k);
      }
    }
  }
}
