package dev.solstice.runtime.generated;

import static dev.solstice.runtime.generated.Models.mlp;
import static dev.solstice.runtime.generated.Models.ramp;
import static dev.solstice.runtime.generated.Models.stack;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.ValueAndGrad;
import dev.solstice.runtime.random.Key;
import dev.solstice.shape.ShapeMismatchException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FooBatched: the vmap of @Vmap methods, its axes, its shape checks and its gradients. */
class GeneratedBatchedTest {

  @Test
  void batchedForwardEqualsTheForwardOfEachSample() {
    Mlp model = mlp(5);
    Tensor xs = ramp(-1f, 0.3f, 7, 1);

    Tensor batched = MlpBatched.forward(model, xs);

    assertArrayEquals(new int[] {7, 1}, batched.shape());
    for (int i = 0; i < 7; i++) {
      Tensor sample = model.forward(xs.slice(0, i, i + 1).squeeze(0));
      assertArrayEquals(sample.toFloatArray(), batched.slice(0, i, i + 1).squeeze(0).toFloatArray(), 1e-6f);
    }
  }

  @Test
  void mapsTheDeclaredInputAxisBroadcastsTheRestAndPutsTheBatchLast() {
    Stack model = stack(3);
    Tensor xs = ramp(0.1f, 0.07f, 3, 4);

    Tensor batched = StackBatched.forward(model, xs, 0.5f);

    assertArrayEquals(new int[] {3, 4}, batched.shape());
    for (int j = 0; j < 4; j++) {
      Tensor sample = model.forward(xs.slice(1, j, j + 1).squeeze(1), 0.5f);
      assertArrayEquals(sample.toFloatArray(), batched.slice(1, j, j + 1).squeeze(1).toFloatArray(), 1e-5f);
    }
  }

  @Test
  void mapsKeysSoEachSampleDrawsWithItsOwnKey() {
    Noise model = new Noise(Tensor.scalar(0.5f));
    Key keys = Key.of(7).splitArray(4);
    Tensor xs = ramp(0f, 1f, 4, 3);

    Tensor batched = NoiseBatched.perturb(model, keys, xs);

    assertArrayEquals(new int[] {4, 3}, batched.shape());
    for (int i = 0; i < 4; i++) {
      Tensor sample = model.perturb(keys.get(i), xs.slice(0, i, i + 1).squeeze(0));
      assertArrayEquals(sample.toFloatArray(), batched.slice(0, i, i + 1).squeeze(0).toFloatArray(), 1e-6f);
    }
  }

  @Test
  void checksTheBatchedArgumentShape() {
    ShapeMismatchException error =
        assertThrows(ShapeMismatchException.class, () -> MlpBatched.forward(mlp(2), Tensor.zeros(5, 2)));

    assertTrue(error.getMessage().contains("'x'"), error.getMessage());
  }

  @Test
  void dimsOfTheModelBindTheArguments() {
    Stack model = stack(3);

    ShapeMismatchException error =
        assertThrows(ShapeMismatchException.class, () -> StackBatched.forward(model, Tensor.zeros(4, 2), 1f));

    assertTrue(error.getMessage().contains("'x'"), error.getMessage());
    assertTrue(error.getMessage().contains("d=3"), error.getMessage());
  }

  @Test
  void checksTheShapesOfChildModelsEachInItsOwnScope() {
    Mlp model = mlp(3);
    Mlp wrongBias = new Mlp(new Linear(model.l1().weight(), Tensor.zeros(1)), model.l2());

    ShapeMismatchException error =
        assertThrows(ShapeMismatchException.class, () -> MlpBatched.forward(wrongBias, ramp(0f, 1f, 4, 1)));

    assertTrue(error.getMessage().contains("Linear.bias"), error.getMessage());
    assertTrue(error.getMessage().contains("out=3"), error.getMessage());
  }

  @Test
  void nullMappedArgumentsReachEverySampleAsNullAndTheBatchSizeComesFromAnother() {
    Masked model = new Masked(ramp(0.5f, 0.25f, 3), null);
    Tensor xs = ramp(-1f, 0.3f, 4, 3);
    Tensor masks = ramp(1f, -0.1f, 4, 3);

    Tensor plain = MaskedBatched.forward(model, null, xs, null);
    Tensor masked = MaskedBatched.forward(model, masks, xs, null);

    for (int i = 0; i < 4; i++) {
      Tensor x = xs.slice(0, i, i + 1).squeeze(0);
      Tensor mask = masks.slice(0, i, i + 1).squeeze(0);
      assertArrayEquals(model.forward(null, x, null).toFloatArray(), plain.slice(0, i, i + 1).squeeze(0).toFloatArray(), 1e-6f);
      assertArrayEquals(model.forward(mask, x, null).toFloatArray(), masked.slice(0, i, i + 1).squeeze(0).toFloatArray(), 1e-6f);
    }
  }

  @Test
  void withoutAnyMappedArgumentThereIsNoBatch() {
    Masked model = new Masked(ramp(0.5f, 0.25f, 3), null);

    IllegalArgumentException all =
        assertThrows(IllegalArgumentException.class, () -> MaskedBatched.forward(model, null, null, null));
    IllegalArgumentException only =
        assertThrows(IllegalArgumentException.class, () -> MlpBatched.forward(mlp(2), null));

    assertEquals(
        "MaskedBatched.forward needs a batch, but every mapped argument (mask, x, key) is null", all.getMessage());
    assertEquals("MlpBatched.forward needs a batch, but x, its only mapped argument, is null", only.getMessage());
  }

  @Test
  void gradientsThroughTheBatchedForwardEqualThoseOfAPerSampleLoop() {
    Mlp model = mlp(4);
    Tensor xs = ramp(-1f, 0.4f, 6, 1);

    ValueAndGrad<MlpGrad> batched = MlpTree.valueAndGrad(model, m -> MlpBatched.forward(m, xs).square().mean());
    ValueAndGrad<MlpGrad> looped =
        MlpTree.valueAndGrad(
            model,
            m -> {
              List<Tensor> outputs = new ArrayList<>();
              for (int i = 0; i < 6; i++) {
                outputs.add(m.forward(xs.slice(0, i, i + 1).squeeze(0)));
              }
              return Tensor.stack(0, outputs.toArray(Tensor[]::new)).square().mean();
            });

    assertArrayEquals(new float[] {looped.value().item()}, new float[] {batched.value().item()}, 1e-6f);
    List<Tensor> expected = MlpGrad.TREE.leaves(looped.grad());
    List<Tensor> actual = MlpGrad.TREE.leaves(batched.grad());
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i).toFloatArray(), actual.get(i).toFloatArray(), 1e-5f);
    }
  }
}
