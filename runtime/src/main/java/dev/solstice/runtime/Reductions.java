package dev.solstice.runtime;

import dev.solstice.runtime.kernel.Kernels;

/**
 * Forward loops of the reductions: sum, mean, max, min over any set of axes, and argmax. A
 * reduction walks its input once with a {@link Plan} in which the output (keepdims shape) has
 * stride 0 along reduced axes, so reducing a trailing axis sums contiguous runs and reducing a
 * leading axis adds whole rows.
 */
final class Reductions {
  private Reductions() {}

  static Tensor sum(Tensor x, int[] axes, boolean keepdims) {
    x = x.isFloat() ? x : x.asType(DType.FLOAT32);
    boolean[] reduced = reducedAxes("sum", x, axes);
    int[] keep = keptShape(x.physical(), reduced);
    float[] out = sumTo(x.data(), x.physical(), keep);
    Node node = x.node == null ? null : Gradients.sum(x, keep, 1f);
    return Tensor.floats(out, resultShape(keep, reduced, keepdims), x.batchAxes(), node);
  }

  static Tensor mean(Tensor x, int[] axes, boolean keepdims) {
    x = x.isFloat() ? x : x.asType(DType.FLOAT32);
    boolean[] reduced = reducedAxes("mean", x, axes);
    int[] keep = keptShape(x.physical(), reduced);
    float[] out = sumTo(x.data(), x.physical(), keep);
    int count = Shapes.size(x.physical()) / Math.max(1, Shapes.size(keep));
    float scale = count == 0 ? Float.NaN : 1f / count;
    for (int i = 0; i < out.length; i++) {
      out[i] *= scale;
    }
    Node node = x.node == null ? null : Gradients.sum(x, keep, scale);
    return Tensor.floats(out, resultShape(keep, reduced, keepdims), x.batchAxes(), node);
  }

  static Tensor extremum(Tensor x, int[] axes, boolean keepdims, boolean max) {
    x = x.isFloat() ? x : x.asType(DType.FLOAT32);
    String op = max ? "max" : "min";
    boolean[] reduced = reducedAxes(op, x, axes);
    int[] keep = keptShape(x.physical(), reduced);
    if (Shapes.size(x.physical()) == 0) {
      throw new IllegalArgumentException(op + ": cannot reduce an empty tensor of shape " + Shapes.str(x.shape()));
    }
    float[] out = new float[Shapes.size(keep)];
    java.util.Arrays.fill(out, max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY);
    float[] data = x.data();
    Plan plan = Plan.of(x.physical(), x.physical(), keep);
    int n = plan.inner;
    for (int block = 0; block < plan.blocks; block++) {
      int xi = plan.offset[0];
      int oi = plan.offset[1];
      if (plan.innerStride[1] == 0) {
        float m = out[oi];
        for (int i = 0; i < n; i++) {
          m = max ? Math.max(m, data[xi + i]) : Math.min(m, data[xi + i]);
        }
        out[oi] = m;
      } else {
        for (int i = 0; i < n; i++) {
          out[oi + i] = max ? Math.max(out[oi + i], data[xi + i]) : Math.min(out[oi + i], data[xi + i]);
        }
      }
      plan.next();
    }
    Tensor kept = Tensor.floats(out, keep, x.batchAxes(), null);
    Node node = x.node == null ? null : Gradients.extremum(x, kept);
    return Tensor.floats(out, resultShape(keep, reduced, keepdims), x.batchAxes(), node);
  }

  static Tensor argmax(Tensor x, int axis) {
    int[] shape = x.physical();
    int ax = x.batchAxes() + Shapes.axis("argmax", axis, x.rank());
    int outer = Shapes.size(shape, 0, ax);
    int n = shape[ax];
    int inner = Shapes.size(shape, ax + 1, shape.length);
    if (n == 0) {
      throw new IllegalArgumentException("argmax: axis " + axis + " of shape " + Shapes.str(x.shape()) + " is empty");
    }
    float[] v = x.floatData();
    int[] out = new int[outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < inner; j++) {
        int base = o * n * inner + j;
        int best = 0;
        float bestValue = v[base];
        for (int i = 1; i < n; i++) {
          float value = v[base + i * inner];
          if (value > bestValue || (Float.isNaN(value) && !Float.isNaN(bestValue))) {
            best = i;
            bestValue = value;
          }
        }
        out[o * inner + j] = best;
      }
    }
    boolean[] reduced = new boolean[shape.length];
    reduced[ax] = true;
    return Tensor.ints(out, resultShape(keptShape(shape, reduced), reduced, false), x.batchAxes(), DType.INT32);
  }

  /**
   * Sums {@code data} of shape {@code full} down to {@code keep} (same length; 1 on every summed
   * axis): numpy's {@code sum(axis=..., keepdims=True)}, and how broadcast gradients are undone.
   */
  static float[] sumTo(float[] data, int[] full, int[] keep) {
    int period = Shapes.size(keep);
    if (period > 1 && Shapes.isSuffix(keep, full)) {
      return sumRows(data, period);
    }
    float[] out = TapeBuffers.zeros(period);
    Plan plan = Plan.of(full, full, keep);
    int n = plan.inner;
    for (int block = 0; block < plan.blocks; block++) {
      int xi = plan.offset[0];
      int oi = plan.offset[1];
      if (plan.innerStride[1] == 0) {
        out[oi] += sumRun(data, xi, n);
      } else {
        addRun(data, xi, out, oi, n);
      }
      plan.next();
    }
    return out;
  }

  /**
   * Sums flat {@code data} down to its first {@code period} elements, element {@code i} going to
   * {@code i % period} (a batch of rows down to one row): the kernel's transposed matrix-vector
   * product of the rows with a vector of ones, which keeps the running sums in registers.
   */
  private static float[] sumRows(float[] data, int period) {
    int rows = data.length / period;
    float[] out = new float[period];
    Kernels.math().gemv(true, rows, period, 1f, data, 0, period, ones(rows), 0, 1, out, 0, 1);
    return out;
  }

  /** At least {@code n} ones, shared by all threads and never written once published. */
  private static volatile float[] ones = new float[0];

  private static float[] ones(int n) {
    float[] current = ones;
    if (current.length < n) {
      current = new float[Math.max(n, 2 * current.length)];
      java.util.Arrays.fill(current, 1f);
      ones = current;
    }
    return current;
  }

  /** {@code out[oi..oi+n) += x[xi..xi+n)}. */
  private static void addRun(float[] x, int xi, float[] out, int oi, int n) {
    Kernels.math().axpy(n, 1f, x, xi, out, oi);
  }

  /** The sum of {@code n} contiguous floats. */
  private static float sumRun(float[] x, int from, int n) {
    return Kernels.math().sum(x, from, n);
  }

  /** Which physical axes {@code axes} (logical; null = all logical axes) names; repeats are an error. */
  static boolean[] reducedAxes(String op, Tensor x, int[] axes) {
    int nb = x.batchAxes();
    boolean[] reduced = new boolean[x.physical().length];
    if (axes == null) {
      for (int i = nb; i < reduced.length; i++) {
        reduced[i] = true;
      }
      return reduced;
    }
    for (int axis : axes) {
      int a = nb + Shapes.axis(op, axis, x.rank());
      if (reduced[a]) {
        throw new IllegalArgumentException(op + ": axis " + axis + " is repeated in " + java.util.Arrays.toString(axes));
      }
      reduced[a] = true;
    }
    return reduced;
  }

  static int[] keptShape(int[] shape, boolean[] reduced) {
    int[] keep = shape.clone();
    for (int i = 0; i < keep.length; i++) {
      if (reduced[i]) {
        keep[i] = 1;
      }
    }
    return keep;
  }

  private static int[] resultShape(int[] keep, boolean[] reduced, boolean keepdims) {
    if (keepdims) {
      return keep;
    }
    int count = 0;
    for (boolean r : reduced) {
      count += r ? 0 : 1;
    }
    int[] out = new int[count];
    for (int i = 0, j = 0; i < keep.length; i++) {
      if (!reduced[i]) {
        out[j++] = keep[i];
      }
    }
    return out;
  }
}
