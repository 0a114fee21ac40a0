package dev.solstice.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Transposes of the last two axes are views that matmul reads with a transpose flag: every numpy
 * rank case of oracle/matmul.json again, with each matrix operand given as such a view.
 */
class LazyTransposeTest {

  @TestFactory
  Stream<DynamicTest> matmulOfTransposedViewsMatchesTheOracle() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonElement element : Golden.load("oracle/matmul.json").getAsJsonArray("cases")) {
      JsonObject c = element.getAsJsonObject();
      Tensor a = asView(Golden.tensor(c.get("a")));
      Tensor b = asView(Golden.tensor(c.get("b")));
      String name = Arrays.toString(a.shape()) + " @ " + Arrays.toString(b.shape()) + " (views)";
      tests.add(DynamicTest.dynamicTest(name, () -> {
        Golden.assertClose(Golden.tensor(c.get("out")), a.matmul(b), 1e-5, 1e-6, name);
        Tensor w = Golden.tensor(c.get("w"));
        ValueAndGrad<List<Tensor>> vg =
            Autodiff.valueAndGrad(List.of(a, b), xs -> xs.get(0).matmul(xs.get(1)).mul(w).sum());
        Golden.assertClose(Golden.tensor(c.get("grad_a")), vg.grad().get(0), 1e-5, 1e-6, name + " gradient of a");
        Golden.assertClose(Golden.tensor(c.get("grad_b")), vg.grad().get(1), 1e-5, 1e-6, name + " gradient of b");
      }));
    }
    return tests.stream();
  }

  @Test
  void matmulLeavesATransposedOperandUncopied() {
    Tensor a = Tensor.linspace(-1, 1, 6 * 4).reshape(6, 4);
    Tensor b = Tensor.linspace(0, 2, 5 * 4).reshape(5, 4);
    Tensor bt = b.transpose();
    Tensor product = a.matmul(bt);
    assertTrue(bt.awaitsCopy());
    Tensor copied = Tensor.of(bt.toFloatArray(), 4, 5);
    assertFalse(bt.awaitsCopy());
    assertArrayEquals(a.matmul(copied).toFloatArray(), product.toFloatArray(), 1e-6f);
  }

  @Test
  void aViewReadsAsItsTransposeEverywhere() {
    Tensor x = Tensor.linspace(0, 23, 24).reshape(2, 3, 4);
    Tensor view = x.swapaxes(1, 2);
    float[] expected = new float[24];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 4; j++) {
        for (int k = 0; k < 3; k++) {
          expected[(i * 4 + j) * 3 + k] = 12 * i + 4 * k + j;
        }
      }
    }
    assertArrayEquals(expected, view.add(0f).toFloatArray());
    assertArrayEquals(x.toFloatArray(), view.swapaxes(1, 2).toFloatArray());
    assertArrayEquals(expected, view.toFloatArray());
  }

  @Test
  void gradientsOfATransposedInputHaveItsShape() {
    Tensor w = Tensor.linspace(-1, 1, 3 * 5).reshape(3, 5).transpose();
    Tensor x = Tensor.linspace(0, 1, 2 * 5).reshape(2, 5);
    ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(w, v -> x.matmul(v).square().sum());
    Tensor eager = Tensor.of(w.toFloatArray(), 5, 3);
    ValueAndGrad<Tensor> reference = Autodiff.valueAndGrad(eager, v -> x.matmul(v).square().sum());
    assertArrayEquals(new int[] {5, 3}, vg.grad().shape());
    assertArrayEquals(reference.grad().toFloatArray(), vg.grad().toFloatArray(), 1e-5f);
  }

  /** {@code t} again, as the transposed view of a copy of its transpose (when it is a matrix stack). */
  private static Tensor asView(Tensor t) {
    if (t.rank() < 2) {
      return t;
    }
    int[] shape = t.shape();
    int[] swapped = shape.clone();
    swapped[shape.length - 1] = shape[shape.length - 2];
    swapped[shape.length - 2] = shape[shape.length - 1];
    Tensor view = Tensor.of(t.swapaxes(-1, -2).toFloatArray(), swapped).swapaxes(-1, -2);
    assertTrue(view.awaitsCopy() || shape[shape.length - 1] == 1 || shape[shape.length - 2] == 1);
    return view;
  }
}
