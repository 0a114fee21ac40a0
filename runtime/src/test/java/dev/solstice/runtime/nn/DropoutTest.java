package dev.solstice.runtime.nn;

import static dev.solstice.runtime.nn.NnGolden.assertBitEqual;
import static dev.solstice.runtime.nn.NnGolden.assertClose;
import static dev.solstice.runtime.nn.NnGolden.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.solstice.runtime.Autodiff;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.ValueAndGrad;
import dev.solstice.runtime.random.Key;
import org.junit.jupiter.api.Test;

class DropoutTest {
  private static final JsonObject GOLDEN = NnGolden.at("dropout");
  private static final Dropout DROPOUT = Dropout.init(GOLDEN.get("p").getAsFloat());
  private static final Tensor X = tensor(GOLDEN.get("x"));
  private static final Key KEY = Key.of(GOLDEN.get("seed").getAsLong());

  @Test
  void initialisationIsEquinoxs() {
    assertEquals(new Dropout(0.5f, false), Dropout.init());
    assertEquals(new Dropout(0.3f, true), Dropout.init(0.3f, true));
    assertEquals(0, DropoutTree.INSTANCE.leaves(DROPOUT).size());
  }

  @Test
  void forwardMatchesJaxBitForBit() {
    assertBitEqual(GOLDEN.get("y"), DROPOUT.forward(X, KEY), "y");
  }

  @Test
  void batchedDrawsWithEachSamplesOwnKey() {
    Tensor xs = tensor(GOLDEN.get("xs"));
    Key keys = Key.of(GOLDEN.get("batch_seed").getAsLong()).splitArray(xs.dim(0));
    Tensor ys = DropoutBatched.forward(DROPOUT, xs, keys);
    assertBitEqual(GOLDEN.get("ys"), ys, "ys");
    Key[] perSample = Key.of(GOLDEN.get("batch_seed").getAsLong()).split(xs.dim(0));
    for (int i = 0; i < xs.dim(0); i++) {
      Tensor sample = DROPOUT.forward(xs.slice(0, i, i + 1).squeeze(0), perSample[i]);
      assertClose(sample, ys.slice(0, i, i + 1).squeeze(0), "sample " + i, 0);
    }
  }

  @Test
  void gradientIsTheMaskScaled() {
    Tensor w = tensor(GOLDEN.get("w"));
    ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(X, x -> DROPOUT.forward(x, KEY).mul(w).sum());
    NnGolden.assertLoss(GOLDEN, vg.value());
    assertClose(GOLDEN.get("grad_x"), vg.grad(), "d x");
  }

  @Test
  void inferenceAndZeroProbabilityPassInputsThrough() {
    assertSame(X, DROPOUT.withInference(true).forward(X, null));
    assertSame(X, DROPOUT.forward(X, null, true));
    assertSame(X, Dropout.init(0f).forward(X, null));
    Tensor xs = tensor(GOLDEN.get("xs"));
    Key keys = Key.of(1).splitArray(xs.dim(0));
    assertClose(xs, DropoutBatched.forward(DROPOUT, xs, keys, true), "batched inference", 0);
  }

  @Test
  void trainingWithoutAKeyIsAnError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DROPOUT.forward(X, null));
    assertTrue(e.getMessage().contains("needs a key"), e.getMessage());
  }

  @Test
  void probabilityOutsideZeroToOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Dropout.init(1.5f));
    assertThrows(IllegalArgumentException.class, () -> Dropout.init(Float.NaN));
  }
}
