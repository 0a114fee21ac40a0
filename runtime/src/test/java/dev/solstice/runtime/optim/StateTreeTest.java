package dev.solstice.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.FlatTree;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateTreeTest {
  private final FlatTree params =
      new FlatTree(List.of("l1.weight", "l1.bias"), List.of(Tensor.zeros(3, 2), Tensor.zeros(3)));
  private final StateTree state =
      StateTree.EMPTY
          .with("count", Counter.of(4))
          .with("mu", StateTree.of(params))
          .with("inner", StateTree.EMPTY.with("x", Tensor.scalar(2f)));

  @Test
  void flattensDepthFirstWithDottedPaths() {
    assertEquals(List.of("count", "mu.l1.weight", "mu.l1.bias", "inner.x"), state.paths());
    assertEquals(4, state.leaves().size());
    assertEquals(2f, state.leaf("inner.x").item());
    assertEquals(List.of("count", "mu", "inner"), state.names());
    assertEquals(state.paths(), List.copyOf(state.asMap().keySet()));
    assertEquals(state.leaves(), List.copyOf(state.asMap().values()));
  }

  @Test
  void withReplacesInPlaceAndAppendsNewNames() {
    StateTree replaced = state.with("count", Counter.of(5)).with("extra", Tensor.scalar(1f));
    assertEquals(List.of("count", "mu.l1.weight", "mu.l1.bias", "inner.x", "extra"), replaced.paths());
    assertEquals(5, Counter.read(replaced, "count"));
    assertEquals(4, Counter.read(state, "count"));
  }

  @Test
  void withLeavesRebuildsTheSameStructure() {
    Tensor weight = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
    StateTree restored =
        state.withLeaves(List.of(Counter.of(9), weight, Tensor.ones(3), Tensor.scalar(-1f)));
    assertEquals(state.paths(), restored.paths());
    assertEquals(9, Counter.read(restored, "count"));
    assertArrayEquals(weight.toFloatArray(), restored.child("mu").tensor("l1.weight").toFloatArray());
    StateTree byName =
        state.withLeaves(
            Map.of("inner.x", Tensor.scalar(7f), "count", Counter.of(1), "mu.l1.bias", Tensor.ones(3),
                "mu.l1.weight", weight));
    assertEquals(7f, byName.leaf("inner.x").item());
    assertEquals(-3f, state.withLeaf("inner.x", Tensor.scalar(-3f)).leaf("inner.x").item());
  }

  @Test
  void restoringRejectsWhatDoesNotFit() {
    String count = message(() -> state.withLeaves(List.of(Counter.of(1))));
    assertTrue(count.contains("4 leaves") && count.contains("found 1"), count);
    String shape =
        message(() -> state.withLeaves(List.of(Counter.of(1), Tensor.zeros(2, 3), Tensor.ones(3), Tensor.scalar(0f))));
    assertTrue(shape.contains("mu.l1.weight") && shape.contains("[3, 2]") && shape.contains("[2, 3]"), shape);
    String dtype =
        message(() -> state.withLeaves(List.of(Tensor.scalar(1f), Tensor.zeros(3, 2), Tensor.ones(3), Tensor.scalar(0f))));
    assertTrue(dtype.contains("'count'") && dtype.contains("INT32") && dtype.contains("FLOAT32"), dtype);
    String missing = message(() -> state.withLeaves(Map.of("count", Counter.of(1))));
    assertTrue(missing.contains("mu.l1.weight"), missing);
    String unknown = message(() -> state.withLeaf("mu.l2.weight", Tensor.zeros(3, 2)));
    assertTrue(unknown.contains("mu.l2.weight") && unknown.contains("mu.l1.weight"), unknown);
  }

  @Test
  void missingEntriesNameWhatExists() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> state.child("nu"));
    assertTrue(e.getMessage().contains("'nu'") && e.getMessage().contains("[count, mu, inner]"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> state.tensor("mu"));
    assertThrows(IllegalStateException.class, () -> state.child("count"));
  }

  private static String message(Runnable action) {
    return assertThrows(IllegalArgumentException.class, action::run).getMessage();
  }
}
