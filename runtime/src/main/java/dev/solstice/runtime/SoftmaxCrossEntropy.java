package dev.solstice.runtime;

import dev.solstice.runtime.kernel.ArrayMath;
import dev.solstice.runtime.kernel.Kernels;
import java.util.Arrays;

/**
 * Softmax cross-entropy with integer labels as one op, as XLA fuses it: per row of logits, {@code
 * logsumexp(row) - row[label]}, computed with the same shift by the row's maximum and the same
 * kernels as the composite {@code -sum(logSoftmax(logits) * oneHot)}, so on finite logits the
 * values are the same bit for bit (where another class's logit is -inf, the composite's {@code 0 *
 * -inf} gives NaN, and this the loss, as optax does). The backward rule is {@code g * (softmax -
 * oneHot)}, from the probabilities kept by the forward pass.
 *
 * <p>It replaces a dozen small ops (max, compare, select, exp, sum, log, one-hot, product) and
 * their backward rules in every training step, and with them much of what the JIT compiles.
 */
final class SoftmaxCrossEntropy {
  private SoftmaxCrossEntropy() {}

  /**
   * Whether the fused op applies: float logits whose rows line up with the labels, batched (by
   * {@link Batching}) along the same hidden axes. Otherwise the composite computes it.
   */
  static boolean applies(Tensor logits, Tensor labels) {
    int[] rows = logits.physical();
    return logits.isFloat()
        && labels.batchAxes() == logits.batchAxes()
        && Arrays.equals(labels.physical(), Arrays.copyOf(rows, rows.length - 1));
  }

  /** The loss of each row of {@code logits [..., classes]}; labels are checked by the caller. */
  static Tensor of(Tensor logits, Tensor labels, int classes) {
    float[] x = logits.data();
    int[] label = labels.ints;
    int rows = label.length;
    ArrayMath math = Kernels.math();
    // exp(x - shift), one row at a time; turned into the softmax in place when a gradient needs it.
    float[] e = TapeBuffers.uninitialized(x.length);
    float[] shifted = TapeBuffers.uninitialized(rows);
    float[] sums = TapeBuffers.uninitialized(rows);
    for (int r = 0, at = 0; r < rows; r++, at += classes) {
      float shift = shift(x, at, classes);
      for (int i = at; i < at + classes; i++) {
        e[i] = x[i] - shift;
      }
      shifted[r] = e[at + label[r]];
      math.exp(e, at, e, at, classes);
      sums[r] = math.sum(e, at, classes);
    }
    float[] lse = TapeBuffers.uninitialized(rows);
    math.log(sums, 0, lse, 0, rows);
    float[] loss = TapeBuffers.uninitialized(rows);
    for (int r = 0; r < rows; r++) {
      loss[r] = -(shifted[r] - lse[r]);
    }
    Node node = logits.node == null ? null : Gradients.softmaxCrossEntropy(logits, softmax(e, sums, classes), label);
    return Tensor.floats(loss, labels.physical(), logits.batchAxes(), node);
  }

  /** The row's maximum when finite, else 0 (JAX's stop-gradient shift of a logsumexp). */
  private static float shift(float[] x, int at, int classes) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = at; i < at + classes; i++) {
      max = Math.max(max, x[i]);
    }
    return Math.abs(max) < Float.POSITIVE_INFINITY ? max : 0f;
  }

  /** Turns the rows of {@code e} into probabilities, given each row's sum. */
  private static float[] softmax(float[] e, float[] sums, int classes) {
    for (int r = 0, at = 0; r < sums.length; r++, at += classes) {
      float sum = sums[r];
      for (int i = at; i < at + classes; i++) {
        e[i] /= sum;
      }
    }
    return e;
  }

  /** The gradient with respect to the logits: {@code g[row] * (softmax - oneHot(label))}. */
  static float[] vjp(float[] g, float[] softmax, int[] label) {
    int classes = softmax.length / Math.max(1, label.length);
    float[] d = TapeBuffers.uninitialized(softmax.length);
    for (int r = 0, at = 0; r < label.length; r++, at += classes) {
      float scale = g[r];
      for (int i = at; i < at + classes; i++) {
        d[i] = scale * softmax[i];
      }
      d[at + label[r]] -= scale;
    }
    return d;
  }
}
