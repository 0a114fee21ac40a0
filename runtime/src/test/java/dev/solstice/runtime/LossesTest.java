package dev.solstice.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.runtime.random.Key;
import dev.solstice.shape.ShapeMismatchException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossesTest {
  @Test
  void crossEntropyIsLogsumexpMinusTheLabelsLogit() {
    float[] logits = {1, 2, 3, -1, 0, 1000};
    Tensor loss = Losses.softmaxCrossEntropyWithIntegerLabels(Tensor.of(logits, 2, 3), Tensor.ofInts(new int[] {0, 1}, 2));
    assertArrayEquals(new int[] {2}, loss.shape());
    double first = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 1;
    assertArrayEquals(new float[] {(float) first, 1000}, loss.toFloatArray(), 1e-4f);
  }

  @Test
  void crossEntropyKeepsLeadingAxes() {
    Tensor logits = Tensor.zeros(2, 3, 4);
    Tensor loss = Losses.softmaxCrossEntropyWithIntegerLabels(logits, Tensor.ofInts(new int[] {0, 1, 2, 3, 0, 1}, 2, 3));
    assertArrayEquals(new int[] {2, 3}, loss.shape());
    assertEquals((float) Math.log(4), loss.toFloatArray()[5], 1e-6f);
  }

  @Test
  void crossEntropyRejectsBadLabels() {
    Tensor logits = Tensor.zeros(2, 3);
    IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
        () -> Losses.softmaxCrossEntropyWithIntegerLabels(logits, Tensor.ofInts(new int[] {0, 3}, 2)));
    assertTrue(range.getMessage().contains("label 3"), range.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Losses.softmaxCrossEntropyWithIntegerLabels(logits, Tensor.zeros(2)));
    ShapeMismatchException shape = assertThrows(ShapeMismatchException.class,
        () -> Losses.softmaxCrossEntropyWithIntegerLabels(logits, Tensor.ofInts(new int[] {0, 1, 2}, 3)));
    assertTrue(shape.getMessage().contains("[3]") && shape.getMessage().contains("[2, 3]"), shape.getMessage());
  }

  @Test
  void mseIsTheMeanSquaredDifference() {
    Tensor loss = Losses.mse(Tensor.of(new float[] {1, 2, 3}, 3, 1), Tensor.of(new float[] {1, 0, 0}, 3, 1));
    assertEquals((0 + 4 + 9) / 3f, loss.item(), 1e-6f);
    ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> Losses.mse(Tensor.zeros(3), Tensor.zeros(3, 1)));
    assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[3, 1]"), e.getMessage());
  }

  /** The composite the fused op replaces: optax's formula, op by op. */
  private static Tensor composite(Tensor logits, Tensor labels) {
    int classes = logits.shape()[logits.rank() - 1];
    Tensor oneHot = labels.expandDims(-1).eq(Tensor.arange(classes)).asType(DType.FLOAT32);
    return logits.logSoftmax(-1).mul(oneHot).sum(-1).neg();
  }

  @Test
  void fusedCrossEntropyEqualsTheCompositeBitForBit() {
    Tensor logits = Key.of(3).normal(6, 10).mul(8f);
    float[] values = logits.toFloatArray();
    values[17] = 1e30f; // a row dominated by one class
    logits = Tensor.of(values, 6, 10);
    Tensor labels = Tensor.ofInts(new int[] {0, 7, 2, 9, 4, 4}, 6);
    Tensor labelsFinal = labels;
    ValueAndGrad<Tensor> fused =
        Autodiff.valueAndGrad(logits, x -> Losses.softmaxCrossEntropyWithIntegerLabels(x, labelsFinal).sum());
    ValueAndGrad<Tensor> reference = Autodiff.valueAndGrad(logits, x -> composite(x, labelsFinal).sum());
    assertArrayEquals(
        composite(logits, labels).toFloatArray(), Losses.softmaxCrossEntropyWithIntegerLabels(logits, labels).toFloatArray());
    assertEquals(reference.value().item(), fused.value().item());
    assertArrayEquals(reference.grad().toFloatArray(), fused.grad().toFloatArray(), 1e-6f);
  }

  @Test
  void crossEntropyIgnoresClassesOfProbabilityZeroAsOptaxDoes() {
    // optax takes the label's logit instead of multiplying by a one-hot, so -inf elsewhere is no NaN.
    Tensor logits = Tensor.of(new float[] {Float.NEGATIVE_INFINITY, 0, 0}, 1, 3);
    Tensor loss = Losses.softmaxCrossEntropyWithIntegerLabels(logits, Tensor.ofInts(new int[] {1}, 1));
    assertArrayEquals(new float[] {(float) Math.log(2)}, loss.toFloatArray(), 1e-7f);
  }

  @Test
  void crossEntropyGradientIsSoftmaxMinusOneHot() {
    Tensor logits = Tensor.of(new float[] {1, 2, 3, 0, 0, 0}, 2, 3);
    Tensor labels = Tensor.ofInts(new int[] {2, 0}, 2);
    Tensor grad = Autodiff.valueAndGrad(logits, x -> Losses.softmaxCrossEntropyWithIntegerLabels(x, labels).mean()).grad();
    double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    float[] expected = {
      (float) (Math.exp(1) / z / 2), (float) (Math.exp(2) / z / 2), (float) ((Math.exp(3) / z - 1) / 2),
      (float) ((1 / 3.0 - 1) / 2), (float) (1 / 3.0 / 2), (float) (1 / 3.0 / 2)};
    assertArrayEquals(expected, grad.toFloatArray(), 1e-6f);
    GradCheck.assertGradients(in -> Losses.softmaxCrossEntropyWithIntegerLabels(in.get(0), labels).sum(), List.of(logits));
  }

  @Test
  void crossEntropyUnderVmapWithSharedLabelsMatchesEachSample() {
    Tensor logits = Key.of(5).normal(4, 3, 5);
    Tensor labels = Tensor.ofInts(new int[] {1, 4, 0}, 3);
    Tensor batched;
    try (Batching vmap = Batching.begin(4)) {
      Tensor each = vmap.in("logits", logits, 0);
      batched = vmap.out(Losses.softmaxCrossEntropyWithIntegerLabels(each, labels), 0);
    }
    float[] values = batched.toFloatArray();
    for (int b = 0; b < 4; b++) {
      Tensor one = logits.slice(0, b, b + 1).reshape(3, 5);
      float[] expected = Losses.softmaxCrossEntropyWithIntegerLabels(one, labels).toFloatArray();
      for (int r = 0; r < 3; r++) {
        assertEquals(expected[r], values[b * 3 + r], 1e-6f);
      }
    }
  }

  @Test
  void crossEntropyUnderVmapOfLogitsAndLabelsMatchesEachSample() {
    Tensor logits = Key.of(6).normal(4, 3, 5);
    Tensor labels = Tensor.ofInts(new int[] {1, 4, 0, 2, 2, 3, 0, 0, 1, 4, 4, 3}, 4, 3);
    Tensor batched;
    Tensor gradient;
    try (Batching vmap = Batching.begin(4)) {
      Tensor each = vmap.in("logits", logits, 0);
      Tensor eachLabels = vmap.in("labels", labels, 0);
      Tensor loss = Losses.softmaxCrossEntropyWithIntegerLabels(each, eachLabels);
      assertArrayEquals(new int[] {3}, loss.shape());
      batched = vmap.out(loss, 0);
    }
    gradient = Autodiff.valueAndGrad(logits, x -> {
      try (Batching vmap = Batching.begin(4)) {
        return vmap.out(Losses.softmaxCrossEntropyWithIntegerLabels(vmap.in("logits", x, 0), vmap.in("labels", labels, 0)),
            0).sum();
      }
    }).grad();
    float[] values = batched.toFloatArray();
    float[] grads = gradient.toFloatArray();
    for (int b = 0; b < 4; b++) {
      Tensor one = logits.slice(0, b, b + 1).reshape(3, 5);
      Tensor oneLabels = labels.slice(0, b, b + 1).reshape(3);
      float[] expected = composite(one, oneLabels).toFloatArray();
      float[] expectedGrad =
          Autodiff.valueAndGrad(one, x -> composite(x, oneLabels).sum()).grad().toFloatArray();
      for (int r = 0; r < 3; r++) {
        assertEquals(expected[r], values[b * 3 + r], 1e-6f, "loss of sample " + b + " row " + r);
      }
      for (int i = 0; i < 15; i++) {
        assertEquals(expectedGrad[i], grads[b * 15 + i], 1e-6f, "gradient of sample " + b + " element " + i);
      }
    }
  }
}
