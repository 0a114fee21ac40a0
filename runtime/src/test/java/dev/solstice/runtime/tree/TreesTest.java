package dev.solstice.runtime.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.runtime.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class TreesTest {
  /** A two-leaf tree with a hand-written TreeDef. */
  record Pair(Tensor a, Tensor b) {}

  static final TreeDef<Pair> PAIR =
      new TreeDef<>() {
        @Override
        public List<Tensor> leaves(Pair tree) {
          return List.of(tree.a(), tree.b());
        }

        @Override
        public List<String> paths(Pair tree) {
          return List.of("a", "b");
        }

        @Override
        public Pair rebuild(Pair like, List<Tensor> leaves) {
          return new Pair(leaves.get(0), leaves.get(1));
        }
      };

  private final Pair x = new Pair(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2), Tensor.of(new float[] {-2, 0.5f}, 2));
  private final Pair y = new Pair(Tensor.of(new float[] {0.5f, 1, 1, 1}, 2, 2), Tensor.of(new float[] {3, 3}, 2));

  @Test
  void arithmeticIsLeafwise() {
    Pair sum = Trees.add(PAIR, x, y);
    assertArrayEquals(new float[] {1.5f, 3, 4, 5}, sum.a().toFloatArray());
    assertArrayEquals(new float[] {1, 3.5f}, sum.b().toFloatArray());
    Pair difference = Trees.sub(PAIR, x, y);
    assertArrayEquals(new float[] {0.5f, 1, 2, 3}, difference.a().toFloatArray());
    assertArrayEquals(new float[] {-5, -2.5f}, difference.b().toFloatArray());
    Pair scaled = Trees.scale(PAIR, x, -2f);
    assertArrayEquals(new float[] {-2, -4, -6, -8}, scaled.a().toFloatArray());
    assertArrayEquals(new float[] {4, -1}, scaled.b().toFloatArray());
    Pair zeros = Trees.zerosLike(PAIR, x);
    assertArrayEquals(new int[] {2, 2}, zeros.a().shape());
    assertArrayEquals(new float[] {0, 0}, zeros.b().toFloatArray());
  }

  @Test
  void globalNormCoversEveryLeaf() {
    // 1 + 4 + 9 + 16 + 4 + 0.25 = 34.25
    assertEquals((float) Math.sqrt(34.25), Trees.globalNorm(PAIR, x).item(), 1e-6f);
    assertEquals(0f, Trees.globalNorm(List.of()).item());
  }

  @Test
  void finitenessLooksAtEveryLeaf() {
    assertTrue(Trees.allFinite(PAIR.leaves(x)));
    assertFalse(Trees.allFinite(List.of(x.a(), Tensor.of(new float[] {1, Float.POSITIVE_INFINITY}, 2))));
    assertFalse(Trees.allFinite(List.of(Tensor.scalar(Float.NaN))));
  }

  @Test
  void mismatchedTreesAreRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Trees.zip(List.of(x.a()), PAIR.leaves(y), Tensor::add));
    assertTrue(e.getMessage().contains("1 leaves against 2"), e.getMessage());
  }

  @Test
  void flatTreeSelectsAndReplaces() {
    FlatTree flat = FlatTree.of(PAIR, x);
    assertEquals(List.of("a", "b"), flat.paths());
    FlatTree onlyB = flat.select(new boolean[] {false, true});
    assertEquals(List.of("b"), onlyB.paths());
    assertEquals(x.b(), onlyB.leaves().get(0));
    assertThrows(IllegalArgumentException.class, () -> flat.withLeaves(List.of(x.a())));
    assertThrows(IllegalArgumentException.class, () -> flat.select(new boolean[] {true}));
    assertThrows(IllegalArgumentException.class, () -> new FlatTree(List.of("a"), List.of()));
  }
}
