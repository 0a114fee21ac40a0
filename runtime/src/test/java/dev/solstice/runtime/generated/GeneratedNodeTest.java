package dev.solstice.runtime.generated;

import static dev.solstice.runtime.generated.Models.ramp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.runtime.Autodiff;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.ValueAndGrad;
import dev.solstice.runtime.nn.Activation;
import dev.solstice.runtime.nn.Sequential;
import dev.solstice.runtime.nn.SequentialGrad;
import dev.solstice.runtime.optim.GradientTransformation;
import dev.solstice.runtime.optim.OptState;
import dev.solstice.runtime.optim.Optax;
import dev.solstice.runtime.optim.Update;
import dev.solstice.runtime.random.Key;
import dev.solstice.runtime.tree.TreeNode;
import dev.solstice.shape.ShapeMismatchException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Components of a TreeNode type: flattened, differentiated, updated and partitioned through each value's own tree. */
class GeneratedNodeTest {
  private static final Tensor XS = ramp(-1f, 0.2f, 6, 3);
  private static final Tensor YS = XS.mul(0.5f).tanh();

  /** {@code [Dense, Square, Gain]} then a Dense head, on samples of size 3. */
  private static Chain chain() {
    return new Chain(
        List.of(dense(-0.3f), Square.INSTANCE, new Gain(Tensor.scalar(0.8f))), Optional.of(dense(0.2f)));
  }

  private static Dense dense(float start) {
    return new Dense(ramp(start, 0.05f, 3, 3), ramp(-start, 0.1f, 3));
  }

  private static Tensor loss(Chain model) {
    return ChainBatched.forward(model, XS).sub(YS).square().mean();
  }

  @Test
  void leavesAndPathsGoThroughTheTreeOfEachNodesOwnType() {
    Chain model = chain();
    Dense first = (Dense) model.blocks().get(0);

    List<Tensor> leaves = ChainTree.INSTANCE.leaves(model);

    assertEquals(
        List.of("blocks.0.weight", "blocks.0.bias", "blocks.2.factor", "head.weight", "head.bias"),
        ChainTree.INSTANCE.paths(model));
    assertSame(first.weight(), leaves.get(0));
    assertSame(((Gain) model.blocks().get(2)).factor(), leaves.get(2));
  }

  @Test
  void rebuildPutsEachNodesLeavesBackIntoANodeOfItsType() {
    Chain model = chain();

    Chain doubled = ChainTree.INSTANCE.map(model, leaf -> leaf.mul(2f));

    Dense first = assertInstanceOf(Dense.class, doubled.blocks().get(0));
    assertArrayEquals(((Dense) model.blocks().get(0)).bias().mul(2f).toFloatArray(), first.bias().toFloatArray());
    assertSame(Square.INSTANCE, doubled.blocks().get(1));
    assertEquals(1.6f, ((Gain) doubled.blocks().get(2)).factor().item(), 1e-6f);
    assertInstanceOf(Dense.class, doubled.head().orElseThrow());
  }

  @Test
  void rebuildChecksTheShapesInsideNodes() {
    Chain model = chain();
    List<Tensor> leaves = new ArrayList<>(ChainTree.INSTANCE.leaves(model));
    leaves.set(1, Tensor.zeros(2));

    ShapeMismatchException error =
        assertThrows(ShapeMismatchException.class, () -> ChainTree.INSTANCE.rebuild(model, leaves));

    assertTrue(error.getMessage().contains("Dense.bias"), error.getMessage());
  }

  @Test
  void theGradientOfANodeIsANodeOfTheSameTypeHoldingTheGradients() {
    Chain model = chain();

    ValueAndGrad<ChainGrad> vg = ChainTree.valueAndGrad(model, GeneratedNodeTest::loss);
    ValueAndGrad<List<Tensor>> flat =
        Autodiff.valueAndGrad(ChainTree.INSTANCE.leaves(model), leaves -> loss(ChainTree.INSTANCE.rebuild(model, leaves)));

    assertEquals(flat.value().item(), vg.value().item(), 1e-6f);
    Dense first = assertInstanceOf(Dense.class, vg.grad().blocks().get(0));
    assertArrayEquals(flat.grad().get(0).toFloatArray(), first.weight().toFloatArray(), 1e-6f);
    assertSame(Square.INSTANCE, vg.grad().blocks().get(1));
    Gain gain = assertInstanceOf(Gain.class, vg.grad().blocks().get(2));
    assertEquals(flat.grad().get(2).item(), gain.factor().item(), 1e-6f);
    assertEquals(ChainTree.INSTANCE.paths(model), ChainGrad.TREE.paths(vg.grad()));
  }

  @Test
  void anOptimizerTrainsTheParametersInsideNodes() {
    Chain model = chain();
    GradientTransformation optimizer = Optax.adam(0.05);
    OptState<Chain> state = optimizer.init(ChainTree.INSTANCE, model);
    float first = loss(model).item();

    for (int step = 0; step < 60; step++) {
      Update<ChainGrad, Chain> update =
          optimizer.update(ChainTree.valueAndGrad(model, GeneratedNodeTest::loss).grad(), state, model);
      model = ChainTree.applyUpdates(model, update.updates());
      state = update.state();
    }

    float last = loss(model).item();
    assertTrue(last < first / 4, "loss went from " + first + " to " + last);
    assertSame(Square.INSTANCE, model.blocks().get(1));
  }

  @Test
  void partitionSplitsTheLeavesOfOneNodeAndCombineJoinsThem() {
    Chain model = chain();

    List<Chain> parts = ChainTree.partition(model, (path, leaf) -> path.endsWith("bias"));
    Chain joined = ChainTree.combine(parts.get(1), parts.get(0));

    assertEquals(List.of("blocks.0.bias", "head.bias"), ChainTree.INSTANCE.paths(parts.get(0)));
    assertNull(((Dense) parts.get(0).blocks().get(0)).weight());
    assertEquals(ChainTree.INSTANCE.leaves(model), ChainTree.INSTANCE.leaves(joined));
    ValueAndGrad<ChainGrad> vg = ChainTree.valueAndGrad(parts.get(0), m -> loss(ChainTree.combine(m, parts.get(1))));
    assertEquals(List.of("blocks.0.bias", "head.bias"), ChainGrad.TREE.paths(vg.grad()));
  }

  @Test
  void nnLayersAndSequentialsAreComponentsOfModels() {
    Key[] keys = Key.of(3).split(3);
    Stem stem =
        new Stem(
            dev.solstice.runtime.nn.Linear.init(3, 4, keys[0]),
            Sequential.of(Activation.TANH, dev.solstice.runtime.nn.Linear.init(4, 2, keys[1])));
    Tensor x = keys[2].normal(3);

    ValueAndGrad<StemGrad> vg = StemTree.valueAndGrad(stem, s -> s.forward(x).square().sum());
    ValueAndGrad<List<Tensor>> flat =
        Autodiff.valueAndGrad(StemTree.INSTANCE.leaves(stem), leaves -> StemTree.INSTANCE.rebuild(stem, leaves).forward(x).square().sum());

    assertEquals(
        List.of("first.weight", "first.bias", "rest.layers.1.weight", "rest.layers.1.bias"),
        StemTree.INSTANCE.paths(stem));
    dev.solstice.runtime.nn.Linear first = assertInstanceOf(dev.solstice.runtime.nn.Linear.class, vg.grad().first());
    SequentialGrad rest = vg.grad().rest();
    assertArrayEquals(flat.grad().get(0).toFloatArray(), first.weight().toFloatArray(), 1e-6f);
    assertSame(Activation.TANH, rest.layers().get(0));
    assertArrayEquals(
        flat.grad().get(3).toFloatArray(),
        ((dev.solstice.runtime.nn.Linear) rest.layers().get(1)).bias().toFloatArray(),
        1e-6f);
  }

  @Test
  void aNodeDefinitionRejectsNodesOfAnotherType() {
    TreeNode gain = new Gain(Tensor.scalar(1f));

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> DenseTree.NODE.leaves(gain));

    assertEquals("the tree of Dense was given a Gain", error.getMessage());
  }
}
