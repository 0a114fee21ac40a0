package dev.solstice.runtime.nn;

import static dev.solstice.runtime.nn.NnGolden.assertBitEqual;
import static dev.solstice.runtime.nn.NnGolden.assertClose;
import static dev.solstice.runtime.nn.NnGolden.intList;
import static dev.solstice.runtime.nn.NnGolden.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.solstice.runtime.Autodiff;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.ValueAndGrad;
import dev.solstice.shape.ShapeMismatchException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaxPool2dTest {

  private static MaxPool2d init(JsonObject golden) {
    return MaxPool2d.init(
        intList(golden.getAsJsonArray("kernel")),
        intList(golden.getAsJsonArray("stride")),
        intList(golden.getAsJsonArray("padding")),
        golden.get("use_ceil").getAsBoolean());
  }

  @ParameterizedTest
  @ValueSource(strings = {"k3_s2_p1", "k2x3_s2_ceil", "k2_s1"})
  void forwardAndBatchedMatchReduceWindow(String name) {
    JsonObject golden = NnGolden.at("max_pool2d", name);
    MaxPool2d pool = init(golden);
    assertBitEqual(golden.get("y"), pool.forward(tensor(golden.get("x"))), "y");
    Tensor xs = tensor(golden.get("xs"));
    assertBitEqual(golden.get("ys"), MaxPool2dBatched.forward(pool, xs), "ys");
  }

  @ParameterizedTest
  @ValueSource(strings = {"k3_s2_p1", "k2x3_s2_ceil", "k2_s1"})
  void gradientGoesToTheMaximumOfEachWindow(String name) {
    JsonObject golden = NnGolden.at("max_pool2d", name);
    MaxPool2d pool = init(golden);
    Tensor w = tensor(golden.get("w"));
    ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(tensor(golden.get("x")), x -> pool.forward(x).mul(w).sum());
    NnGolden.assertLoss(golden, vg.value());
    assertClose(golden.get("grad_x"), vg.grad(), "d x");
  }

  @Test
  void defaultStrideIsOneAsInEquinox() {
    MaxPool2d pool = MaxPool2d.init(2);
    assertEquals(List.of(1, 1), pool.stride());
    assertArrayEquals(new int[] {3, 3, 4}, pool.forward(Tensor.zeros(3, 4, 5)).shape());
    assertEquals(0, MaxPool2dTree.INSTANCE.leaves(pool).size());
  }

  @Test
  void paddingBeyondTheKernelIsRefused() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> MaxPool2d.init(List.of(2, 2), List.of(1, 1), List.of(3, 0), false));
    assertTrue(e.getMessage().contains("exceeds the kernel"), e.getMessage());
  }

  @Test
  void inputMustBeOneImage() {
    ShapeMismatchException e =
        assertThrows(ShapeMismatchException.class, () -> MaxPool2d.init(2).forward(Tensor.zeros(4, 4)));
    assertTrue(e.getMessage().contains("[channels, height, width]"), e.getMessage());
  }
}
