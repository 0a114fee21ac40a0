package dev.solstice.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.shape.ShapeMismatchException;
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
}
