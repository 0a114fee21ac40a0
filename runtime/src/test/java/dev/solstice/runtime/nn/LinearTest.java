package dev.solstice.runtime.nn;

import static dev.solstice.runtime.nn.NnGolden.assertBitEqual;
import static dev.solstice.runtime.nn.NnGolden.assertClose;
import static dev.solstice.runtime.nn.NnGolden.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.ValueAndGrad;
import dev.solstice.runtime.random.Key;
import dev.solstice.shape.ShapeMismatchException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinearTest {

  private static Linear init(JsonObject golden) {
    return Linear.init(
        golden.get("in").getAsInt(),
        golden.get("out").getAsInt(),
        golden.get("use_bias").getAsBoolean(),
        Key.of(golden.get("seed").getAsLong()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bias", "no_bias"})
  void initialisationMatchesEquinoxBitForBit(String name) {
    JsonObject golden = NnGolden.at("linear", name);
    Linear linear = init(golden);
    JsonObject params = golden.getAsJsonObject("params");
    assertBitEqual(params.get("weight"), linear.weight(), "weight");
    if (params.has("bias")) {
      assertBitEqual(params.get("bias"), linear.bias(), "bias");
    } else {
      assertNull(linear.bias());
      assertEquals(List.of("weight"), LinearTree.INSTANCE.paths(linear));
    }
    assertEquals(golden.get("in").getAsInt(), linear.inFeatures());
    assertEquals(golden.get("out").getAsInt(), linear.outFeatures());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bias", "no_bias"})
  void forwardMatchesJax(String name) {
    JsonObject golden = NnGolden.at("linear", name);
    assertClose(golden.get("y"), init(golden).forward(tensor(golden.get("x"))), "y");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bias", "no_bias"})
  void batchedMatchesJaxAndEachSample(String name) {
    JsonObject golden = NnGolden.at("linear", name);
    Linear linear = init(golden);
    Tensor xs = tensor(golden.get("xs"));
    Tensor ys = LinearBatched.forward(linear, xs);
    assertClose(golden.get("ys"), ys, "ys");
    assertClose(NnGolden.perSample(xs, linear::forward), ys, "per sample", 1e-6);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bias", "no_bias"})
  void gradientsMatchJax(String name) {
    JsonObject golden = NnGolden.at("linear", name);
    Tensor xs = tensor(golden.get("xs"));
    Tensor targets = tensor(golden.get("targets"));
    ValueAndGrad<LinearGrad> vg =
        LinearTree.valueAndGrad(init(golden), m -> LinearBatched.forward(m, xs).sub(targets).square().mean());
    NnGolden.assertLoss(golden, vg.value());
    JsonObject grads = golden.getAsJsonObject("grads");
    assertClose(grads.get("weight"), vg.grad().weight(), "d weight");
    if (grads.has("bias")) {
      assertClose(grads.get("bias"), vg.grad().bias(), "d bias");
    } else {
      assertNull(vg.grad().bias());
    }
  }

  @Test
  void inputOfTheWrongSizeIsAShapeMismatchNamingTheDims() {
    Linear linear = Linear.init(3, 4, Key.of(0));
    ShapeMismatchException single =
        assertThrows(ShapeMismatchException.class, () -> linear.forward(Tensor.zeros(5)));
    assertTrue(single.getMessage().contains("x of Linear.forward"), single.getMessage());
    assertTrue(single.getMessage().contains("in=3"), single.getMessage());

    ShapeMismatchException batched =
        assertThrows(ShapeMismatchException.class, () -> LinearBatched.forward(linear, Tensor.zeros(6, 5)));
    assertTrue(batched.getMessage().contains("'x'"), batched.getMessage());
    assertTrue(batched.getMessage().contains("batch in"), batched.getMessage());
  }

  @Test
  void noInputFeaturesGiveABoundOfOne() {
    Linear linear = Linear.init(0, 2, Key.of(3));
    assertEquals(List.of(2, 0), List.of(linear.weight().dim(0), linear.weight().dim(1)));
    float[] bias = linear.bias().toFloatArray();
    Tensor expected = Key.of(3).split(2)[1].uniform(-1f, 1f, 2);
    assertClose(expected, Tensor.of(bias, 2), "bias", 0);
  }
}
