package dev.solstice.runtime;

import dev.solstice.runtime.kernel.ArrayMath;
import dev.solstice.runtime.kernel.Kernels;

/**
 * Softmax and log-softmax over the last axis as single ops, as XLA fuses them: one pass per row
 * over the logits instead of a max, a select, a subtraction, an exp, a sum and a division (or a
 * log and a subtraction), each with its tensor, node and backward rule. They shift by the row's
 * maximum (0 when it is not finite) and use the same kernels as the composites in {@link
 * Composites}, which still serve other axes, so the values are the same bit for bit. Backward:
 * {@code y (g - sum(g y))} for softmax, {@code g - exp(y) sum(g)} for log-softmax.
 */
final class Softmax {
  private Softmax() {}

  /**
   * Whether {@code axis} of float {@code x} is its last, non-empty axis, where the fused ops apply;
   * an axis out of range is an error of {@code op}.
   */
  static boolean applies(String op, Tensor x, int axis) {
    int rank = x.rank();
    return x.isFloat() && rank > 0 && Shapes.axis(op, axis, rank) == rank - 1 && x.dim(-1) > 0;
  }

  static Tensor softmax(Tensor x) {
    float[] data = x.data();
    int classes = x.dim(-1);
    float[] y = TapeBuffers.uninitialized(data.length);
    float[] sums = TapeBuffers.uninitialized(data.length / classes);
    exponentiate(data, classes, y, sums);
    normalize(y, sums, classes);
    Node node = x.node == null ? null : Gradients.softmax(x, y, classes);
    return Tensor.floats(y, x.physical(), x.batchAxes(), node);
  }

  static Tensor logSoftmax(Tensor x) {
    float[] data = x.data();
    int classes = x.dim(-1);
    float[] e = TapeBuffers.uninitialized(data.length);
    float[] sums = TapeBuffers.uninitialized(data.length / classes);
    float[] shifts = exponentiate(data, classes, e, sums);
    Kernels.math().log(sums, 0, sums, 0, sums.length);
    float[] y = e;
    for (int r = 0, at = 0; r < sums.length; r++, at += classes) {
      float shift = shifts[r];
      float logSum = sums[r];
      for (int i = at; i < at + classes; i++) {
        y[i] = (data[i] - shift) - logSum;
      }
    }
    Node node = x.node == null ? null : Gradients.logSoftmax(x, y, classes);
    return Tensor.floats(y, x.physical(), x.batchAxes(), node);
  }

  /**
   * Writes {@code exp(x - shift)} row by row into {@code e} and each row's sum into {@code sums},
   * and returns each row's shift: its maximum, or 0 when that is not finite (JAX's detached
   * shift, which keeps a row of -inf from becoming NaN).
   */
  static float[] exponentiate(float[] x, int classes, float[] e, float[] sums) {
    ArrayMath math = Kernels.math();
    float[] shifts = new float[sums.length];
    for (int r = 0, at = 0; r < sums.length; r++, at += classes) {
      float max = Float.NEGATIVE_INFINITY;
      for (int i = at; i < at + classes; i++) {
        max = Math.max(max, x[i]);
      }
      float shift = Math.abs(max) < Float.POSITIVE_INFINITY ? max : 0f;
      for (int i = at; i < at + classes; i++) {
        e[i] = x[i] - shift;
      }
      math.exp(e, at, e, at, classes);
      sums[r] = math.sum(e, at, classes);
      shifts[r] = shift;
    }
    return shifts;
  }

  /** Divides each row of {@code e} by its sum, in place, making it a softmax; returns {@code e}. */
  static float[] normalize(float[] e, float[] sums, int classes) {
    for (int r = 0, at = 0; r < sums.length; r++, at += classes) {
      float sum = sums[r];
      for (int i = at; i < at + classes; i++) {
        e[i] /= sum;
      }
    }
    return e;
  }

  /** Softmax's backward rule: {@code y (g - sum(g y))} per row. */
  static float[] softmaxVjp(float[] g, float[] y, int classes) {
    ArrayMath math = Kernels.math();
    float[] d = TapeBuffers.uninitialized(y.length);
    for (int at = 0; at < y.length; at += classes) {
      float dot = math.dot(g, at, y, at, classes);
      for (int i = at; i < at + classes; i++) {
        d[i] = y[i] * (g[i] - dot);
      }
    }
    return d;
  }

  /** Log-softmax's backward rule: {@code g - exp(y) sum(g)} per row. */
  static float[] logSoftmaxVjp(float[] g, float[] y, int classes) {
    ArrayMath math = Kernels.math();
    float[] d = TapeBuffers.uninitialized(y.length);
    math.exp(y, 0, d, 0, y.length);
    for (int at = 0; at < y.length; at += classes) {
      float sum = math.sum(g, at, classes);
      for (int i = at; i < at + classes; i++) {
        d[i] = g[i] - d[i] * sum;
      }
    }
    return d;
  }
}
