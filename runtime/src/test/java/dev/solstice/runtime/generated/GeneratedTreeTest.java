package dev.solstice.runtime.generated;

import static dev.solstice.runtime.generated.Models.linear;
import static dev.solstice.runtime.generated.Models.mlp;
import static dev.solstice.runtime.generated.Models.ramp;
import static dev.solstice.runtime.generated.Models.stack;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.runtime.Tensor;
import dev.solstice.shape.ShapeMismatchException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** FooTree: leaves, paths, rebuild, partition and combine of generated trees. */
class GeneratedTreeTest {

  @Test
  void leavesAndPathsComeInDeclarationOrderDepthFirst() {
    Mlp model = mlp(3);

    List<Tensor> leaves = MlpTree.INSTANCE.leaves(model);

    assertEquals(List.of("l1.weight", "l1.bias", "l2.weight", "l2.bias"), MlpTree.INSTANCE.paths(model));
    assertEquals(4, leaves.size());
    assertSame(model.l1().weight(), leaves.get(0));
    assertSame(model.l1().bias(), leaves.get(1));
    assertSame(model.l2().weight(), leaves.get(2));
    assertSame(model.l2().bias(), leaves.get(3));
  }

  @Test
  void pathsCoverListsArraysOptionalsAndSkipStatics() {
    Stack model = stack(2);
    Stack withHead =
        new Stack(model.layers(), model.shift(), model.scales(), Optional.of(linear(2, 2, 0f)), model.mask(), 7);

    assertEquals(
        List.of(
            "layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias",
            "shift", "scales.0", "scales.1"),
        StackTree.INSTANCE.paths(model));
    assertEquals(
        List.of("head.weight", "head.bias"),
        StackTree.INSTANCE.paths(withHead).subList(7, 9));
    assertSame(model.scales()[1], StackTree.INSTANCE.leaves(model).get(6));
  }

  @Test
  void absentChildrenContributeNoLeaves() {
    Stack full = stack(2);
    Stack sparse =
        new Stack(
            Arrays.asList(null, full.layers().get(1)),
            Optional.empty(),
            new Tensor[] {null, full.scales()[1]},
            Optional.empty(),
            full.mask(),
            7);

    assertEquals(
        List.of("layers.1.weight", "layers.1.bias", "scales.1"), StackTree.INSTANCE.paths(sparse));
    Stack rebuilt = StackTree.INSTANCE.map(sparse, leaf -> leaf.mul(2f));
    assertNull(rebuilt.layers().get(0));
    assertTrue(rebuilt.shift().isEmpty());
    assertNull(rebuilt.scales()[0]);
    assertArrayEquals(
        full.scales()[1].mul(2f).toFloatArray(), rebuilt.scales()[1].toFloatArray());
  }

  @Test
  void rebuildPutsLeavesBackInOrderAndCarriesStaticsOver() {
    Stack model = stack(3);
    List<Tensor> doubled = new ArrayList<>();
    for (Tensor leaf : StackTree.INSTANCE.leaves(model)) {
      doubled.add(leaf.mul(2f));
    }

    Stack rebuilt = StackTree.INSTANCE.rebuild(model, doubled);

    assertEquals(doubled, StackTree.INSTANCE.leaves(rebuilt));
    assertSame(doubled.get(0), rebuilt.layers().get(0).weight());
    assertSame(doubled.get(4), rebuilt.shift().orElseThrow());
    assertSame(doubled.get(6), rebuilt.scales()[1]);
    assertSame(model.mask(), rebuilt.mask());
    assertEquals(7, rebuilt.depth());
    assertThrows(UnsupportedOperationException.class, () -> rebuilt.layers().add(null));
  }

  @Test
  void rebuildRejectsTheWrongNumberOfLeaves() {
    Mlp model = mlp(2);
    List<Tensor> three = MlpTree.INSTANCE.leaves(model).subList(0, 3);

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> MlpTree.INSTANCE.rebuild(model, three));

    assertEquals("cannot rebuild Mlp: like has 4 leaves, but 3 were given", error.getMessage());
  }

  @Test
  void rebuildRejectsTooManyLeaves() {
    Mlp model = mlp(2);
    List<Tensor> five = new ArrayList<>(MlpTree.INSTANCE.leaves(model));
    five.add(Tensor.zeros(1));

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> MlpTree.INSTANCE.rebuild(model, five));

    assertEquals("cannot rebuild Mlp: like has 4 leaves, but 5 were given", error.getMessage());
  }

  @Test
  void rebuildChecksTheShapesOfChildModelsAndRebuildFromChecksNone() {
    Mlp model = mlp(3);
    List<Tensor> leaves = new ArrayList<>(MlpTree.INSTANCE.leaves(model));
    leaves.set(3, Tensor.zeros(2));

    ShapeMismatchException error =
        assertThrows(ShapeMismatchException.class, () -> MlpTree.INSTANCE.rebuild(model, leaves));
    Mlp unchecked = MlpTree.rebuildFrom(model, leaves.iterator());

    assertTrue(error.getMessage().contains("Linear.bias"), error.getMessage());
    assertSame(leaves.get(3), unchecked.l2().bias());
  }

  @Test
  void rebuildChecksShapesWithDimsBoundAcrossComponents() {
    Linear like = linear(2, 3, 0f);
    List<Tensor> leaves = List.of(ramp(0f, 1f, 3, 2), ramp(0f, 1f, 4));

    ShapeMismatchException error =
        assertThrows(ShapeMismatchException.class, () -> LinearTree.INSTANCE.rebuild(like, leaves));

    assertTrue(error.getMessage().contains("Linear.bias"), error.getMessage());
    assertTrue(error.getMessage().contains("out"), error.getMessage());
  }

  @Test
  void partitionSplitsLeavesAndCombineJoinsThem() {
    Mlp model = mlp(3);

    List<Mlp> parts = MlpTree.partition(model, (path, leaf) -> path.startsWith("l1."));

    assertEquals(List.of("l1.weight", "l1.bias"), MlpTree.INSTANCE.paths(parts.get(0)));
    assertEquals(List.of("l2.weight", "l2.bias"), MlpTree.INSTANCE.paths(parts.get(1)));
    assertNull(parts.get(0).l2().weight());
    assertSame(model.l1().weight(), parts.get(0).l1().weight());
    Mlp joined = MlpTree.combine(parts.get(0), parts.get(1));
    assertEquals(MlpTree.INSTANCE.leaves(model), MlpTree.INSTANCE.leaves(joined));
  }

  @Test
  void partitionEmptiesOptionalsOfTheOtherPartAndCombineRestoresThem() {
    Stack model = stack(2);

    List<Stack> parts = StackTree.partition(model, (path, leaf) -> !path.equals("shift"));
    Stack joined = StackTree.combine(parts.get(1), parts.get(0));

    assertTrue(parts.get(0).shift().isEmpty());
    assertEquals(List.of("shift"), StackTree.INSTANCE.paths(parts.get(1)));
    assertSame(model.shift().orElseThrow(), joined.shift().orElseThrow());
    assertEquals(StackTree.INSTANCE.leaves(model), StackTree.INSTANCE.leaves(joined));
    assertSame(model.mask(), joined.mask());
  }

  @Test
  void combineRejectsListsOfDifferentLengths() {
    Stack model = stack(2);
    Stack shorter =
        new Stack(model.layers().subList(0, 1), model.shift(), model.scales(), model.head(), model.mask(), 7);

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> StackTree.combine(model, shorter));

    assertEquals(
        "cannot combine two Stack trees: layers has 2 elements in the first and 1 in the second",
        error.getMessage());
  }
}
