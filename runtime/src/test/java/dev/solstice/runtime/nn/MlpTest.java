package dev.solstice.runtime.nn;

import static dev.solstice.runtime.nn.NnGolden.assertBitEqual;
import static dev.solstice.runtime.nn.NnGolden.assertClose;
import static dev.solstice.runtime.nn.NnGolden.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.ValueAndGrad;
import dev.solstice.runtime.random.Key;
import dev.solstice.shape.ShapeMismatchException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MlpTest {

  private static Mlp init(JsonObject golden) {
    return Mlp.init(
        golden.get("in").getAsInt(),
        golden.get("out").getAsInt(),
        golden.get("width").getAsInt(),
        golden.get("depth").getAsInt(),
        activation(golden, "activation"),
        activation(golden, "final_activation"),
        true,
        true,
        Key.of(golden.get("seed").getAsLong()));
  }

  private static Activation activation(JsonObject golden, String name) {
    return Activation.valueOf(golden.get(name).getAsString().toUpperCase(Locale.ROOT));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tanh_depth2", "relu_sigmoid_depth3", "gelu_depth1", "depth0"})
  void initialisationMatchesEquinoxBitForBit(String name) {
    JsonObject golden = NnGolden.at("mlp", name);
    Mlp mlp = init(golden);
    var layers = golden.getAsJsonArray("layers");
    assertEquals(layers.size(), mlp.layers().size());
    for (int i = 0; i < layers.size(); i++) {
      JsonObject layer = layers.get(i).getAsJsonObject();
      assertBitEqual(layer.get("weight"), mlp.layers().get(i).weight(), "layers." + i + ".weight");
      assertBitEqual(layer.get("bias"), mlp.layers().get(i).bias(), "layers." + i + ".bias");
    }
    assertEquals(golden.get("depth").getAsInt(), mlp.depth());
    assertEquals(golden.get("in").getAsInt(), mlp.inSize());
    assertEquals(golden.get("out").getAsInt(), mlp.outSize());
  }

  @ParameterizedTest
  @ValueSource(strings = {"tanh_depth2", "relu_sigmoid_depth3", "gelu_depth1", "depth0"})
  void batchedMatchesJaxAndEachSample(String name) {
    JsonObject golden = NnGolden.at("mlp", name);
    Mlp mlp = init(golden);
    Tensor xs = tensor(golden.get("xs"));
    Tensor ys = MlpBatched.forward(mlp, xs);
    assertClose(golden.get("ys"), ys, "ys");
    assertClose(NnGolden.perSample(xs, mlp::forward), ys, "per sample", 1e-6);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tanh_depth2", "relu_sigmoid_depth3", "gelu_depth1", "depth0"})
  void gradientsMatchJax(String name) {
    JsonObject golden = NnGolden.at("mlp", name);
    Tensor xs = tensor(golden.get("xs"));
    Tensor targets = tensor(golden.get("targets"));
    ValueAndGrad<MlpGrad> vg =
        MlpTree.valueAndGrad(init(golden), m -> MlpBatched.forward(m, xs).sub(targets).square().mean());
    NnGolden.assertLoss(golden, vg.value());
    var grads = golden.getAsJsonArray("grads");
    for (int i = 0; i < grads.size(); i++) {
      JsonObject layer = grads.get(i).getAsJsonObject();
      assertClose(layer.get("weight"), vg.grad().layers().get(i).weight(), "d layers." + i + ".weight");
      assertClose(layer.get("bias"), vg.grad().layers().get(i).bias(), "d layers." + i + ".bias");
    }
  }

  @Test
  void defaultsAreReluThenIdentityWithBiases() {
    Mlp mlp = Mlp.init(2, 3, 4, 2, Key.of(0));
    assertSame(Activation.RELU, mlp.activation());
    assertSame(Activation.IDENTITY, mlp.finalActivation());
    assertEquals(
        List.of(
            "layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias", "layers.2.weight",
            "layers.2.bias"),
        MlpTree.INSTANCE.paths(mlp));
  }

  @Test
  void biasesCanBeLeftOut() {
    Mlp mlp = Mlp.init(2, 3, 4, 2, Activation.TANH, Activation.IDENTITY, false, true, Key.of(0));
    assertNull(mlp.layers().get(0).bias());
    assertNull(mlp.layers().get(1).bias());
    assertEquals(3, mlp.layers().get(2).bias().dim(0));
    // The keys do not depend on the biases: the weights are those of the model with biases.
    Mlp withBiases = Mlp.init(2, 3, 4, 2, Activation.TANH, Activation.IDENTITY, true, true, Key.of(0));
    assertClose(withBiases.layers().get(1).weight(), mlp.layers().get(1).weight(), "weight", 0);
  }

  @Test
  void anyFunctionCanBeTheActivation() {
    Mlp mlp = Mlp.init(2, 2, 3, 1, x -> x.mul(2f), Activation.IDENTITY, true, true, Key.of(5));
    Tensor x = Tensor.of(new float[] {0.5f, -1f}, 2);
    Linear first = mlp.layers().get(0);
    Linear last = mlp.layers().get(1);
    assertClose(last.forward(first.forward(x).mul(2f)), mlp.forward(x), "forward", 0);
  }

  @Test
  void inputOfTheWrongSizeIsAShapeMismatch() {
    Mlp mlp = Mlp.init(2, 3, 4, 2, Key.of(0));
    ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> mlp.forward(Tensor.zeros(5)));
    assertTrue(e.getMessage().contains("x of Mlp.forward"), e.getMessage());
    assertTrue(e.getMessage().contains("(5,)"), e.getMessage());
    assertThrows(ShapeMismatchException.class, () -> MlpBatched.forward(mlp, Tensor.zeros(5)));
  }

  @Test
  void negativeDepthIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Mlp.init(2, 3, 4, -1, Key.of(0)));
  }
}
