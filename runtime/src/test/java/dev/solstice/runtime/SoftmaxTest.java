package dev.solstice.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.runtime.random.Key;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fused softmax and log-softmax over the last axis against the composites they replace. */
class SoftmaxTest {
  /** Random rows, one with a class of probability 0 and one dominated by a single class. */
  private static Tensor logits() {
    float[] values = Key.of(11).normal(5, 7).mul(6f).toFloatArray();
    values[3] = Float.NEGATIVE_INFINITY;
    values[9] = 1e30f;
    return Tensor.of(values, 5, 7);
  }

  @Test
  void valuesAreTheCompositesBitForBit() {
    Tensor x = logits();
    assertArrayEquals(Composites.softmax(x, -1).toFloatArray(), x.softmax(-1).toFloatArray());
    assertArrayEquals(Composites.logSoftmax(x, -1).toFloatArray(), x.logSoftmax(-1).toFloatArray());
  }

  @Test
  void gradientsAgreeWithTheComposites() {
    Tensor x = logits();
    Tensor w = Key.of(12).normal(5, 7);
    for (boolean log : new boolean[] {false, true}) {
      float[] fused = Autodiff.valueAndGrad(x, v -> (log ? v.logSoftmax(-1) : v.softmax(-1)).mul(w).sum())
          .grad().toFloatArray();
      float[] composite = Autodiff.valueAndGrad(x,
          v -> (log ? Composites.logSoftmax(v, -1) : Composites.softmax(v, -1)).mul(w).sum()).grad().toFloatArray();
      assertArrayEquals(composite, fused, 1e-5f, log ? "logSoftmax" : "softmax");
    }
    Tensor finite = Key.of(13).normal(3, 4);
    GradCheck.assertGradients(in -> in.get(0).softmax(-1).mul(in.get(1)).sum(), List.of(finite, Key.of(14).normal(3, 4)));
    GradCheck.assertGradients(in -> in.get(0).logSoftmax(-1).mul(in.get(1)).sum(), List.of(finite, Key.of(15).normal(3, 4)));
  }

  @Test
  void underVmapEachSampleGetsItsOwnSoftmax() {
    Tensor x = Key.of(16).normal(4, 3, 5);
    Tensor batched;
    try (Batching vmap = Batching.begin(4)) {
      batched = vmap.out(vmap.in("x", x, 0).softmax(-1), 0);
    }
    for (int b = 0; b < 4; b++) {
      Tensor one = x.slice(0, b, b + 1).reshape(3, 5);
      assertArrayEquals(one.softmax(-1).toFloatArray(), batched.slice(0, b, b + 1).reshape(3, 5).toFloatArray());
    }
  }

  @Test
  void otherAxesUseTheComposite() {
    Tensor x = Key.of(17).normal(3, 4);
    float[] alongRows = x.softmax(0).toFloatArray();
    float[] viaTranspose = x.transpose(1, 0).softmax(-1).transpose(1, 0).toFloatArray();
    assertArrayEquals(viaTranspose, alongRows, 1e-6f);
    assertEquals(1f, x.softmax(0).sum(0).toFloatArray()[2], 1e-6f);
  }

  @Test
  void anAxisOutOfRangeNamesTheOp() {
    Tensor x = Tensor.zeros(2, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.logSoftmax(2));
    assertTrue(e.getMessage().startsWith("logSoftmax: axis 2 is out of range"), e.getMessage());
  }
}
