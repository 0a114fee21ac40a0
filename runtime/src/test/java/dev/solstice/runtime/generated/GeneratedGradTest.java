package dev.solstice.runtime.generated;

import static dev.solstice.runtime.generated.Models.linear;
import static dev.solstice.runtime.generated.Models.mlp;
import static dev.solstice.runtime.generated.Models.ramp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.runtime.Autodiff;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.ValueAndGrad;
import dev.solstice.runtime.optim.GradientTransformation;
import dev.solstice.runtime.optim.OptState;
import dev.solstice.runtime.optim.Optax;
import dev.solstice.runtime.optim.Update;
import dev.solstice.shape.ShapeMismatchException;
import java.lang.reflect.AnnotatedType;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.Test;

/** FooTree.valueAndGrad, FooTree.applyUpdates and the generated FooGrad records. */
class GeneratedGradTest {
  private static final Tensor XS = ramp(-1f, 0.25f, 9, 1);
  private static final Tensor YS = XS.square();

  private static Tensor loss(Mlp model) {
    return MlpBatched.forward(model, XS).sub(YS).square().mean();
  }

  @Test
  void valueAndGradOfALinearLayerIsTheAnalyticGradient() {
    Linear layer = linear(3, 2, 0.5f);
    Tensor x = Tensor.of(new float[] {1f, -2f, 3f}, 3);

    ValueAndGrad<LinearGrad> vg = LinearTree.valueAndGrad(layer, l -> l.forward(x).sum());

    assertEquals(layer.forward(x).sum().item(), vg.value().item(), 1e-6);
    assertArrayEquals(new float[] {1f, -2f, 3f, 1f, -2f, 3f}, vg.grad().weight().toFloatArray(), 1e-6f);
    assertArrayEquals(new float[] {1f, 1f}, vg.grad().bias().toFloatArray(), 1e-6f);
  }

  @Test
  void gradientsOfANestedModelSitWhereTheirParametersAre() {
    Mlp model = mlp(4);

    ValueAndGrad<MlpGrad> vg = MlpTree.valueAndGrad(model, GeneratedGradTest::loss);
    ValueAndGrad<List<Tensor>> flat =
        Autodiff.valueAndGrad(MlpTree.INSTANCE.leaves(model), leaves -> loss(MlpTree.INSTANCE.rebuild(model, leaves)));

    assertEquals(MlpTree.INSTANCE.paths(model), MlpGrad.TREE.paths(vg.grad()));
    List<Tensor> grads = MlpGrad.TREE.leaves(vg.grad());
    for (int i = 0; i < grads.size(); i++) {
      assertArrayEquals(flat.grad().get(i).toFloatArray(), grads.get(i).toFloatArray(), 1e-6f);
      assertArrayEquals(MlpTree.INSTANCE.leaves(model).get(i).shape(), grads.get(i).shape());
    }
    assertArrayEquals(flat.grad().get(2).toFloatArray(), vg.grad().l2().weight().toFloatArray(), 1e-6f);
  }

  @Test
  void applyUpdatesAddsEachUpdateToItsLeaf() {
    Mlp model = mlp(3);
    MlpGrad ones = MlpGrad.TREE.map(MlpTree.valueAndGrad(model, GeneratedGradTest::loss).grad(), Tensor::onesLike);

    Mlp updated = MlpTree.applyUpdates(model, ones);

    List<Tensor> before = MlpTree.INSTANCE.leaves(model);
    List<Tensor> after = MlpTree.INSTANCE.leaves(updated);
    for (int i = 0; i < before.size(); i++) {
      assertArrayEquals(before.get(i).add(1f).toFloatArray(), after.get(i).toFloatArray(), 1e-6f);
    }
  }

  @Test
  void applyUpdatesNamesTheLeafWhoseUpdateHasTheWrongShape() {
    Mlp model = mlp(3);
    LinearGrad wrong = new LinearGrad(Tensor.zeros(3, 1), Tensor.zeros(1));
    MlpGrad updates = new MlpGrad(new LinearGrad(Tensor.zeros(3, 1), Tensor.zeros(3)), wrong);

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> MlpTree.applyUpdates(model, updates));

    assertEquals("the update of l2.weight has shape [3, 1] but the parameter has shape [1, 3]", error.getMessage());
  }

  @Test
  void gradientRecordsAreTreesThatCheckTheirShapes() {
    MlpGrad grad = MlpTree.valueAndGrad(mlp(3), GeneratedGradTest::loss).grad();

    assertSame(MlpGrad.TREE, grad.treeDef());
    List<Tensor> leaves = MlpGrad.TREE.leaves(grad);
    List<Tensor> wrong = List.of(leaves.get(0), Tensor.zeros(2), leaves.get(2), leaves.get(3));
    ShapeMismatchException error =
        assertThrows(ShapeMismatchException.class, () -> MlpGrad.TREE.rebuild(grad, wrong));
    assertTrue(error.getMessage().contains("LinearGrad.bias"), error.getMessage());
  }

  @Test
  void nullableComponentsStayNullableInTheGradient() {
    AnnotatedType bias = MaskedGrad.class.getRecordComponents()[1].getAnnotatedType();
    AnnotatedType weight = MaskedGrad.class.getRecordComponents()[0].getAnnotatedType();

    assertTrue(bias.isAnnotationPresent(Nullable.class), bias.toString());
    assertFalse(weight.isAnnotationPresent(Nullable.class), weight.toString());
    MaskedGrad grad =
        MaskedTree.valueAndGrad(new Masked(Tensor.ones(2), null), m -> m.forward(null, Tensor.ones(2), null).sum()).grad();
    assertNull(grad.bias());
  }

  @Test
  void trainingTheSeedModelWithAnOptimizerLowersTheLoss() {
    Mlp model = mlp(8);
    GradientTransformation optimizer = Optax.adam(0.05);
    OptState<Mlp> state = optimizer.init(MlpTree.INSTANCE, model);
    float first = loss(model).item();

    for (int step = 0; step < 100; step++) {
      ValueAndGrad<MlpGrad> vg = MlpTree.valueAndGrad(model, GeneratedGradTest::loss);
      Update<MlpGrad, Mlp> update = optimizer.update(vg.grad(), state, model);
      model = MlpTree.applyUpdates(model, update.updates());
      state = update.state();
    }

    float last = loss(model).item();
    assertTrue(last < first / 10, "loss went from " + first + " to " + last);
  }

  @Test
  void aPartitionTrainsOnlyItsOwnLeaves() {
    Mlp model = mlp(4);
    List<Mlp> parts = MlpTree.partition(model, (path, leaf) -> path.startsWith("l2."));
    Mlp frozen = parts.get(1);

    ValueAndGrad<MlpGrad> vg = MlpTree.valueAndGrad(parts.get(0), m -> loss(MlpTree.combine(m, frozen)));
    Mlp trained = MlpTree.combine(MlpTree.applyUpdates(parts.get(0), MlpGrad.TREE.map(vg.grad(), g -> g.mul(-0.1f))), frozen);

    assertEquals(List.of("l2.weight", "l2.bias"), MlpGrad.TREE.paths(vg.grad()));
    assertNull(vg.grad().l1().weight());
    assertSame(model.l1().weight(), trained.l1().weight());
    assertSame(model.l1().bias(), trained.l1().bias());
    assertTrue(loss(trained).item() < loss(model).item());
  }
}
