package dev.solstice.runtime;

import dev.solstice.shape.ShapeMismatchException;
import java.util.Arrays;

/** Loss functions, with optax's semantics. */
public final class Losses {
  private Losses() {}

  /**
   * The cross-entropy between {@code softmax(logits)} over the last axis and integer class {@code
   * labels}, per example: {@code logits [..., classes]} and int32 {@code labels [...]} give {@code
   * [...]} ({@code optax.softmax_cross_entropy_with_integer_labels}).
   */
  public static Tensor softmaxCrossEntropyWithIntegerLabels(Tensor logits, Tensor labels) {
    int[] shape = logits.shape();
    if (shape.length == 0) {
      throw new ShapeMismatchException("softmaxCrossEntropyWithIntegerLabels: logits need a class axis, got a scalar");
    }
    if (labels.dtype() != DType.INT32) {
      throw new IllegalArgumentException(
          "softmaxCrossEntropyWithIntegerLabels: labels must be INT32, got " + labels.dtype());
    }
    if (!Arrays.equals(labels.shape(), Arrays.copyOf(shape, shape.length - 1))) {
      throw new ShapeMismatchException(
          "softmaxCrossEntropyWithIntegerLabels: labels of shape " + Shapes.str(labels.shape())
              + " do not match logits of shape " + Shapes.str(shape) + " (expected labels of shape "
              + Shapes.str(Arrays.copyOf(shape, shape.length - 1)) + ")");
    }
    int classes = shape[shape.length - 1];
    for (int label : labels.ints) {
      if (label < 0 || label >= classes) {
        throw new IllegalArgumentException(
            "softmaxCrossEntropyWithIntegerLabels: label " + label + " is not a class index in [0, " + classes + ")");
      }
    }
    if (SoftmaxCrossEntropy.applies(logits, labels)) {
      return SoftmaxCrossEntropy.of(logits, labels, classes);
    }
    Tensor oneHot = labels.expandDims(-1).eq(Tensor.arange(classes)).asType(DType.FLOAT32);
    return logits.logSoftmax(-1).mul(oneHot).sum(-1).neg();
  }

  /** The mean squared error over all elements; {@code prediction} and {@code target} must have the same shape. */
  public static Tensor mse(Tensor prediction, Tensor target) {
    if (!Arrays.equals(prediction.shape(), target.shape())) {
      throw new ShapeMismatchException(
          "mse: prediction of shape " + Shapes.str(prediction.shape()) + " and target of shape "
              + Shapes.str(target.shape()) + " differ (no broadcasting, to catch [n] against [n, 1])");
    }
    return prediction.sub(target).square().mean();
  }
}
