package dev.solstice.runtime;

import dev.solstice.shape.ShapeMismatchException;
import java.util.Arrays;

/** Shape arithmetic shared by the op families: sizes, broadcasting, axis checks, messages. */
final class Shapes {
  private Shapes() {}

  static int size(int[] shape) {
    return size(shape, 0, shape.length);
  }

  /** The product of {@code shape[from..to)}. */
  static int size(int[] shape, int from, int to) {
    int size = 1;
    for (int i = from; i < to; i++) {
      if (shape[i] < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + str(shape));
      }
      size = Math.multiplyExact(size, shape[i]);
    }
    return size;
  }

  static String str(int[] shape) {
    return Arrays.toString(shape);
  }

  /** {@code axis} (negative counts from the end) as an index into a shape of {@code rank}. */
  static int axis(String op, int axis, int rank) {
    if (axis < -rank || axis >= rank) {
      throw new IllegalArgumentException(
          op + ": axis " + axis + " is out of range for a tensor of rank " + rank
              + " (valid: " + -rank + " to " + (rank - 1) + ")");
    }
    return axis < 0 ? axis + rank : axis;
  }

  /** {@code shape} with its first {@code from} entries dropped. */
  static int[] drop(int[] shape, int from) {
    return Arrays.copyOfRange(shape, from, shape.length);
  }

  static int[] concat(int[] a, int[] b) {
    int[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static int[] ones(int n) {
    int[] out = new int[n];
    Arrays.fill(out, 1);
    return out;
  }

  /**
   * The physical shape of {@code t} laid out with {@code batchAxes} batch axes and {@code rank}
   * logical axes: batch axes are aligned by level (padded with 1 after its own), logical axes from
   * the right (padded with 1 in front), as numpy aligns them.
   */
  static int[] aligned(Tensor t, int batchAxes, int rank) {
    int[] out = ones(batchAxes + rank);
    int nb = t.batchAxes();
    int[] shape = t.physical();
    System.arraycopy(shape, 0, out, 0, nb);
    int logical = shape.length - nb;
    System.arraycopy(shape, nb, out, out.length - logical, logical);
    return out;
  }

  /**
   * The numpy broadcast of aligned shapes {@code a} and {@code b} (same length, first {@code
   * batchAxes} entries hidden). Throws naming {@code op} and the logical shapes {@code la}, {@code
   * lb} when they do not broadcast.
   */
  static int[] broadcast(String op, int[] a, int[] b, int batchAxes, Tensor left, Tensor right) {
    int[] out = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b[i] || b[i] == 1) {
        out[i] = a[i];
      } else if (a[i] == 1) {
        out[i] = b[i];
      } else if (i < batchAxes) {
        throw new ShapeMismatchException(
            op + ": batch sizes " + a[i] + " and " + b[i] + " differ at vmap level " + i
                + " (tensors from different Batching scopes?)");
      } else {
        throw new ShapeMismatchException(
            op + ": cannot broadcast " + str(left.shape()) + " with " + str(right.shape())
                + ": axis sizes " + a[i] + " and " + b[i] + " differ");
      }
    }
    return out;
  }

  /**
   * Whether {@code shape} (as long as {@code full}) is 1 on some leading axes and equal to {@code
   * full} on all others: then, flattened, element {@code i} of {@code full} meets element {@code i
   * % size(shape)} of {@code shape} (a bias row against a batch of rows).
   */
  static boolean isSuffix(int[] shape, int[] full) {
    int i = 0;
    while (i < shape.length && shape[i] == 1) {
      i++;
    }
    for (; i < shape.length; i++) {
      if (shape[i] != full[i]) {
        return false;
      }
    }
    return true;
  }

  /** A whole number of periods, about 1024 elements (or one period, if longer): a run long enough to vectorise. */
  static int tileLength(int period) {
    return Math.max(1, 1024 / period) * period;
  }

  /** {@code period} elements of {@code data} repeated to {@link #tileLength}. */
  static float[] tile(float[] data, int period) {
    float[] tile = new float[tileLength(period)];
    for (int at = 0; at < tile.length; at += period) {
      System.arraycopy(data, 0, tile, at, period);
    }
    return tile;
  }

  /** Row-major strides of {@code shape}, with stride 0 where {@code shape} is 1 but {@code full} is not. */
  static int[] broadcastStrides(int[] shape, int[] full) {
    int[] strides = new int[shape.length];
    int stride = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      strides[i] = shape[i] == 1 && full[i] != 1 ? 0 : stride;
      stride *= shape[i];
    }
    return strides;
  }

  /**
   * For every position of the row-major index space {@code full}, the offset (in elements of a
   * block of {@code block}) of the matching block of an operand of shape {@code shape}, which
   * broadcasts to {@code full}.
   */
  static int[] blockOffsets(int[] full, int[] shape, int block) {
    int[] strides = broadcastStrides(shape, full);
    int count = size(full);
    int[] offsets = new int[count];
    int[] index = new int[full.length];
    int offset = 0;
    for (int k = 0; k < count; k++) {
      offsets[k] = offset * block;
      for (int d = full.length - 1; d >= 0; d--) {
        index[d]++;
        offset += strides[d];
        if (index[d] < full[d]) {
          break;
        }
        offset -= strides[d] * full[d];
        index[d] = 0;
      }
    }
    return offsets;
  }
}
