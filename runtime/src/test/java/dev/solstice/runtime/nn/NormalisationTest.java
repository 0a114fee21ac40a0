package dev.solstice.runtime.nn;

import static dev.solstice.runtime.nn.NnGolden.assertClose;
import static dev.solstice.runtime.nn.NnGolden.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.ValueAndGrad;
import dev.solstice.shape.ShapeMismatchException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link LayerNorm} and {@link RmsNorm}. */
class NormalisationTest {

  private static LayerNorm layerNorm(JsonObject golden) {
    JsonObject params = golden.getAsJsonObject("params");
    return new LayerNorm(
        params.has("weight") ? tensor(params.get("weight")) : null,
        params.has("bias") ? tensor(params.get("bias")) : null,
        NnGolden.intList(golden.getAsJsonArray("shape")),
        golden.get("eps").getAsFloat());
  }

  private static RmsNorm rmsNorm(JsonObject golden) {
    JsonObject params = golden.getAsJsonObject("params");
    return new RmsNorm(
        params.has("weight") ? tensor(params.get("weight")) : null,
        params.has("bias") ? tensor(params.get("bias")) : null,
        NnGolden.intList(golden.getAsJsonArray("shape")),
        golden.get("eps").getAsFloat());
  }

  @Test
  void initialisationIsOnesAndZeros() {
    LayerNorm layerNorm = LayerNorm.init(3, 4);
    assertClose(Tensor.ones(3, 4), layerNorm.weight(), "weight", 0);
    assertClose(Tensor.zeros(3, 4), layerNorm.bias(), "bias", 0);
    assertEquals(1e-5f, layerNorm.eps());
    assertEquals(List.of(3, 4), layerNorm.shape());
    LayerNorm shiftOnly = LayerNorm.init(List.of(5), 1e-3f, false, true);
    assertNull(shiftOnly.weight());
    assertEquals(List.of("bias"), LayerNormTree.INSTANCE.paths(shiftOnly));

    RmsNorm rmsNorm = RmsNorm.init(6);
    assertClose(Tensor.ones(6), rmsNorm.weight(), "weight", 0);
    assertClose(Tensor.zeros(6), rmsNorm.bias(), "bias", 0);
    assertNull(RmsNorm.init(List.of(6), 1e-5f, true, false).bias());
  }

  @ParameterizedTest
  @ValueSource(strings = {"affine", "no_weight"})
  void layerNormMatchesJax(String name) {
    JsonObject golden = NnGolden.at("layer_norm", name);
    LayerNorm layer = layerNorm(golden);
    assertClose(golden.get("y"), layer.forward(tensor(golden.get("x"))), "y");
    Tensor xs = tensor(golden.get("xs"));
    Tensor ys = LayerNormBatched.forward(layer, xs);
    assertClose(golden.get("ys"), ys, "ys");
    assertClose(NnGolden.perSample(xs, layer::forward), ys, "per sample", 1e-6);

    Tensor targets = tensor(golden.get("targets"));
    ValueAndGrad<LayerNormGrad> vg =
        LayerNormTree.valueAndGrad(layer, m -> LayerNormBatched.forward(m, xs).sub(targets).square().mean());
    NnGolden.assertLoss(golden, vg.value());
    JsonObject grads = golden.getAsJsonObject("grads");
    if (grads.has("weight")) {
      assertClose(grads.get("weight"), vg.grad().weight(), "d weight");
    }
    assertClose(grads.get("bias"), vg.grad().bias(), "d bias");
  }

  @ParameterizedTest
  @ValueSource(strings = {"affine", "no_bias"})
  void rmsNormMatchesJax(String name) {
    JsonObject golden = NnGolden.at("rms_norm", name);
    RmsNorm layer = rmsNorm(golden);
    assertClose(golden.get("y"), layer.forward(tensor(golden.get("x"))), "y");
    Tensor xs = tensor(golden.get("xs"));
    Tensor ys = RmsNormBatched.forward(layer, xs);
    assertClose(golden.get("ys"), ys, "ys");
    assertClose(NnGolden.perSample(xs, layer::forward), ys, "per sample", 1e-6);

    Tensor targets = tensor(golden.get("targets"));
    ValueAndGrad<RmsNormGrad> vg =
        RmsNormTree.valueAndGrad(layer, m -> RmsNormBatched.forward(m, xs).sub(targets).square().mean());
    NnGolden.assertLoss(golden, vg.value());
    JsonObject grads = golden.getAsJsonObject("grads");
    assertClose(grads.get("weight"), vg.grad().weight(), "d weight");
    if (grads.has("bias")) {
      assertClose(grads.get("bias"), vg.grad().bias(), "d bias");
    }
  }

  @Test
  void inputOfAnotherShapeIsAShapeMismatchWithEquinoxsHint() {
    LayerNorm layerNorm = LayerNorm.init(3, 4);
    ShapeMismatchException e =
        assertThrows(ShapeMismatchException.class, () -> layerNorm.forward(Tensor.zeros(2, 3, 4)));
    assertTrue(e.getMessage().contains("[2, 3, 4]"), e.getMessage());
    assertTrue(e.getMessage().contains("LayerNormBatched.forward"), e.getMessage());
    assertThrows(ShapeMismatchException.class, () -> LayerNormBatched.forward(layerNorm, Tensor.zeros(2, 4, 3)));

    RmsNorm rmsNorm = RmsNorm.init(6);
    e = assertThrows(ShapeMismatchException.class, () -> rmsNorm.forward(Tensor.zeros(5)));
    assertTrue(e.getMessage().contains("RmsNorm.forward"), e.getMessage());
  }
}
