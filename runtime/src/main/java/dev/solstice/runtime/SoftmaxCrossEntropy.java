package dev.solstice.runtime;

import dev.solstice.runtime.kernel.Kernels;
import java.util.Arrays;

/**
 * Softmax cross-entropy with integer labels as one op, as XLA fuses it: per row of logits, {@code
 * logsumexp(row) - row[label]}, computed with {@link Softmax}'s shift by the row's maximum and the
 * same kernels as the composite {@code -sum(logSoftmax(logits) * oneHot)}, so on finite logits the
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
    // exp(x - shift), turned into the softmax in place when a gradient needs it.
    float[] e = TapeBuffers.uninitialized(x.length);
    float[] sums = TapeBuffers.uninitialized(rows);
    float[] shifts = Softmax.exponentiate(x, classes, e, sums);
    float[] lse = TapeBuffers.uninitialized(rows);
    Kernels.math().log(sums, 0, lse, 0, rows);
    float[] loss = TapeBuffers.uninitialized(rows);
    for (int r = 0, at = 0; r < rows; r++, at += classes) {
      loss[r] = -((x[at + label[r]] - shifts[r]) - lse[r]);
    }
    Node node = logits.node == null ? null : Gradients.softmaxCrossEntropy(logits, Softmax.normalize(e, sums, classes), label);
    return Tensor.floats(loss, labels.physical(), logits.batchAxes(), node);
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
