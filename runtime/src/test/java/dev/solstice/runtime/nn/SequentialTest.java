package dev.solstice.runtime.nn;

import static dev.solstice.runtime.nn.NnGolden.assertClose;
import static dev.solstice.runtime.nn.NnGolden.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.ValueAndGrad;
import dev.solstice.runtime.optim.GradientTransformation;
import dev.solstice.runtime.optim.OptState;
import dev.solstice.runtime.optim.Optax;
import dev.solstice.runtime.optim.Update;
import dev.solstice.runtime.random.Key;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SequentialTest {
  private static final JsonObject GOLDEN = NnGolden.at("sequential");

  /** {@code [Linear(3, 8), tanh, Dropout(0.2), Linear(8, 2)]} with the golden weights. */
  private static Sequential model() {
    JsonArray layers = GOLDEN.getAsJsonArray("layers");
    return Sequential.of(
        linear(layers.get(0).getAsJsonObject()),
        Activation.TANH,
        Dropout.init(GOLDEN.get("dropout_p").getAsFloat()),
        linear(layers.get(1).getAsJsonObject()));
  }

  private static Linear linear(JsonObject params) {
    return new Linear(tensor(params.get("weight")), tensor(params.get("bias")));
  }

  @Test
  void initialisedLayersAreThoseOfEquinox() {
    Key[] keys = Key.of(GOLDEN.get("seed").getAsLong()).split(2);
    Sequential model = Sequential.of(Linear.init(3, 8, keys[0]), Activation.TANH, Linear.init(8, 2, keys[1]));
    JsonArray layers = GOLDEN.getAsJsonArray("layers");
    NnGolden.assertBitEqual(layers.get(0).getAsJsonObject().get("weight"), ((Linear) model.layers().get(0)).weight(), "0");
    NnGolden.assertBitEqual(layers.get(1).getAsJsonObject().get("bias"), ((Linear) model.layers().get(2)).bias(), "2");
  }

  @Test
  void forwardGivesLayerIItsKeyI() {
    Tensor y = model().forward(tensor(GOLDEN.get("x")), Key.of(GOLDEN.get("key_seed").getAsLong()));
    assertClose(GOLDEN.get("y"), y, "y");
  }

  @Test
  void batchedGivesEachSampleItsKey() {
    Tensor xs = tensor(GOLDEN.get("xs"));
    Key keys = Key.of(GOLDEN.get("batch_key_seed").getAsLong()).splitArray(xs.dim(0));
    assertClose(GOLDEN.get("ys"), SequentialBatched.forward(model(), xs, keys), "ys");
  }

  @Test
  void withoutKeysOnlyDeterministicLayersRun() {
    Sequential model = model();
    Sequential inference = new Sequential(List.of(
        model.layers().get(0), Activation.TANH, Dropout.init(0.2f, true), model.layers().get(3)));
    Tensor xs = tensor(GOLDEN.get("xs"));
    Tensor ys = SequentialBatched.forward(inference, xs);
    assertClose(NnGolden.perSample(xs, x -> inference.forward(x, null)), ys, "per sample", 1e-6);
    assertThrows(IllegalArgumentException.class, () -> SequentialBatched.forward(model, xs));
  }

  @Test
  void gradientsMatchJaxAndComeAsLayersOfTheSameTypes() {
    Tensor xs = tensor(GOLDEN.get("xs"));
    Tensor targets = tensor(GOLDEN.get("targets"));
    Key keys = Key.of(GOLDEN.get("batch_key_seed").getAsLong()).splitArray(xs.dim(0));
    ValueAndGrad<SequentialGrad> vg = SequentialTree.valueAndGrad(
        model(), m -> SequentialBatched.forward(m, xs, keys).sub(targets).square().mean());
    NnGolden.assertLoss(GOLDEN, vg.value());
    JsonArray grads = GOLDEN.getAsJsonArray("grads");
    int[] linearAt = {0, 3};
    for (int i = 0; i < linearAt.length; i++) {
      Linear grad = (Linear) vg.grad().layers().get(linearAt[i]);
      JsonObject expected = grads.get(i).getAsJsonObject();
      assertClose(expected.get("weight"), grad.weight(), "d layers." + linearAt[i] + ".weight");
      assertClose(expected.get("bias"), grad.bias(), "d layers." + linearAt[i] + ".bias");
    }
    assertSame(Activation.TANH, vg.grad().layers().get(1));
  }

  @Test
  void pathsNameEachLayersLeaves() {
    assertEquals(
        List.of("layers.0.weight", "layers.0.bias", "layers.3.weight", "layers.3.bias"),
        SequentialTree.INSTANCE.paths(model()));
  }

  @Test
  void nestedModelsAndSequentialsAreFlattenedAndRebuilt() {
    Key[] keys = Key.of(1).split(3);
    Sequential inner = Sequential.of(Linear.init(4, 4, false, keys[0]), Activation.RELU);
    Sequential model = Sequential.of(
        Mlp.init(2, 4, 5, 1, keys[1]), inner, LayerNorm.init(4), Linear.init(4, 1, keys[2]));
    assertEquals(
        List.of(
            "layers.0.layers.0.weight", "layers.0.layers.0.bias", "layers.0.layers.1.weight",
            "layers.0.layers.1.bias", "layers.1.layers.0.weight", "layers.2.weight", "layers.2.bias",
            "layers.3.weight", "layers.3.bias"),
        SequentialTree.INSTANCE.paths(model));
    Sequential doubled = SequentialTree.INSTANCE.map(model, t -> t.mul(2f));
    Tensor x = Tensor.of(new float[] {0.3f, -0.7f}, 2);
    Sequential back = SequentialTree.INSTANCE.map(doubled, t -> t.mul(0.5f));
    assertClose(model.forward(x, null), back.forward(x, null), "rebuilt", 0);
    assertTrue(back.layers().get(1) instanceof Sequential);

    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> SequentialTree.INSTANCE.rebuild(model, List.of(Tensor.zeros(1))));
    assertTrue(e.getMessage().contains("9 leaves"), e.getMessage());
  }

  @Test
  void adamTrainsASequentialThroughItsOwnTree() {
    Key[] keys = Key.of(2).split(3);
    Tensor x = keys[0].uniform(-1f, 1f, 64, 3);
    Tensor y = x.matmul(Tensor.of(new float[] {1f, -2f, 0.5f}, 3, 1)).tanh();
    Sequential model = Sequential.of(Linear.init(3, 16, keys[1]), Activation.GELU, Linear.init(16, 1, keys[2]));
    Function<Sequential, Tensor> loss = m -> SequentialBatched.forward(m, x).sub(y).square().mean();
    GradientTransformation opt = Optax.adam(0.02);
    OptState<Sequential> state = opt.init(SequentialTree.INSTANCE, model);
    float first = loss.apply(model).item();
    for (int step = 0; step < 150; step++) {
      Update<SequentialGrad, Sequential> update = opt.update(SequentialTree.valueAndGrad(model, loss).grad(), state, model);
      model = SequentialTree.applyUpdates(model, update.updates());
      state = update.state();
    }
    float last = loss.apply(model).item();
    assertTrue(last < first / 20, "loss " + first + " -> " + last);
  }
}
