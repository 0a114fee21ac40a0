package dev.solstice.runtime.nn;

import static dev.solstice.runtime.nn.NnGolden.assertBitEqual;
import static dev.solstice.runtime.nn.NnGolden.assertClose;
import static dev.solstice.runtime.nn.NnGolden.intList;
import static dev.solstice.runtime.nn.NnGolden.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.solstice.runtime.Autodiff;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.ValueAndGrad;
import dev.solstice.runtime.random.Key;
import dev.solstice.shape.ShapeMismatchException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Conv2dTest {

  private static Conv2d init(JsonObject golden) {
    return Conv2d.init(
        golden.get("in_channels").getAsInt(),
        golden.get("out_channels").getAsInt(),
        intList(golden.getAsJsonArray("kernel")),
        intList(golden.getAsJsonArray("stride")),
        intList(golden.getAsJsonArray("padding")),
        intList(golden.getAsJsonArray("dilation")),
        golden.get("groups").getAsInt(),
        golden.get("use_bias").getAsBoolean(),
        Key.of(golden.get("seed").getAsLong()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"general", "default", "same_no_bias"})
  void initialisationMatchesEquinoxBitForBit(String name) {
    JsonObject golden = NnGolden.at("conv2d", name);
    Conv2d conv = init(golden);
    JsonObject params = golden.getAsJsonObject("params");
    assertBitEqual(params.get("weight"), conv.weight(), "weight");
    if (params.has("bias")) {
      assertBitEqual(params.get("bias"), conv.bias(), "bias");
    } else {
      assertNull(conv.bias());
    }
    assertEquals(golden.get("in_channels").getAsInt(), conv.inChannels());
    assertEquals(intList(golden.getAsJsonArray("kernel")), conv.kernelSize());
  }

  @Test
  void shortFactoriesUseEquinoxsDefaults() {
    Conv2d conv = Conv2d.init(3, 5, 3, Key.of(24));
    assertBitEqual(NnGolden.at("conv2d", "default", "params").get("weight"), conv.weight(), "weight");
    assertEquals(List.of(1, 1), conv.stride());
    assertEquals(List.of(0, 0, 0, 0), conv.padding());
    assertEquals(List.of(1, 1), conv.dilation());
    assertEquals(1, conv.groups());
    assertEquals(List.of(2, 2, 2, 2), Conv2d.init(3, 5, 3, 1, 2, Key.of(0)).padding());
  }

  @ParameterizedTest
  @ValueSource(strings = {"general", "default", "same_no_bias"})
  void forwardMatchesLaxConvolution(String name) {
    JsonObject golden = NnGolden.at("conv2d", name);
    assertClose(golden.get("y"), init(golden).forward(tensor(golden.get("x"))), "y");
  }

  @ParameterizedTest
  @ValueSource(strings = {"general", "default", "same_no_bias"})
  void batchedMatchesJaxAndEachSample(String name) {
    JsonObject golden = NnGolden.at("conv2d", name);
    Conv2d conv = init(golden);
    Tensor xs = tensor(golden.get("xs"));
    Tensor ys = Conv2dBatched.forward(conv, xs);
    assertClose(golden.get("ys"), ys, "ys");
    assertClose(NnGolden.perSample(xs, conv::forward), ys, "per sample", 1e-6);
  }

  @ParameterizedTest
  @ValueSource(strings = {"general", "default", "same_no_bias"})
  void gradientsForParametersAndInputMatchJax(String name) {
    JsonObject golden = NnGolden.at("conv2d", name);
    Conv2d conv = init(golden);
    Tensor targets = tensor(golden.get("targets"));
    List<Tensor> inputs = new ArrayList<>(Conv2dTree.INSTANCE.leaves(conv));
    inputs.add(tensor(golden.get("xs")));
    ValueAndGrad<List<Tensor>> vg = Autodiff.valueAndGrad(inputs, leaves -> {
      Conv2d model = Conv2dTree.INSTANCE.rebuild(conv, leaves.subList(0, leaves.size() - 1));
      return Conv2dBatched.forward(model, leaves.get(leaves.size() - 1)).sub(targets).square().mean();
    });
    NnGolden.assertLoss(golden, vg.value());
    JsonObject grads = golden.getAsJsonObject("grads");
    assertClose(grads.get("weight"), vg.grad().get(0), "d weight");
    if (grads.has("bias")) {
      assertClose(grads.get("bias"), vg.grad().get(1), "d bias");
    }
    assertClose(golden.get("grad_xs"), vg.grad().get(inputs.size() - 1), "d xs");
  }

  @Test
  void inputErrorsSayWhatIsWrong() {
    Conv2d conv = Conv2d.init(3, 5, 3, Key.of(0));
    ShapeMismatchException e =
        assertThrows(ShapeMismatchException.class, () -> conv.forward(Tensor.zeros(2, 3, 8, 8)));
    assertTrue(e.getMessage().contains("Conv2dBatched.forward"), e.getMessage());
    e = assertThrows(ShapeMismatchException.class, () -> conv.forward(Tensor.zeros(4, 8, 8)));
    assertTrue(e.getMessage().contains("takes 3"), e.getMessage());
    e = assertThrows(ShapeMismatchException.class, () -> conv.forward(Tensor.zeros(3, 2, 8)));
    assertTrue(e.getMessage().contains("smaller than the window"), e.getMessage());
  }

  @Test
  void hyperParametersAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> Conv2d.init(3, 4, List.of(3, 3), List.of(1, 1),
        List.of(0, 0), List.of(1, 1), 2, true, Key.of(0)));
    assertThrows(IllegalArgumentException.class, () -> Conv2d.init(4, 4, List.of(3, 3), List.of(0, 1),
        List.of(0, 0), List.of(1, 1), 1, true, Key.of(0)));
    assertThrows(IllegalArgumentException.class, () -> Conv2d.init(4, 4, List.of(3, 3), List.of(1, 1),
        List.of(0, 0, 1), List.of(1, 1), 1, true, Key.of(0)));
  }
}
