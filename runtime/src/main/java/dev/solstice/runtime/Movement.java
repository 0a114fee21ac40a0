package dev.solstice.runtime;

import dev.solstice.shape.ShapeMismatchException;
import java.util.Arrays;

/**
 * Forward loops of the ops that move elements without arithmetic: reshape (a view), transpose,
 * broadcast, slice, concat, take. Public entry points take logical axes; the {@code *Physical}
 * primitives work on the physical layout (hidden batch axes first) and are what {@link Batching}
 * builds its in/out moves from.
 */
final class Movement {
  private Movement() {}

  // ---- reshape

  static Tensor reshape(Tensor x, int[] newShape) {
    int[] resolved = newShape.clone();
    int inferred = -1;
    int known = 1;
    for (int i = 0; i < resolved.length; i++) {
      if (resolved[i] == -1 && inferred < 0) {
        inferred = i;
      } else if (resolved[i] < 0) {
        throw new IllegalArgumentException(
            "reshape: bad dimension " + resolved[i] + " in " + Shapes.str(newShape) + " (only one -1 is allowed)");
      } else {
        known *= resolved[i];
      }
    }
    int size = x.size();
    if (inferred >= 0) {
      if (known == 0 || size % known != 0) {
        throw new ShapeMismatchException(
            "reshape: cannot reshape " + Shapes.str(x.shape()) + " (" + size + " elements) into " + Shapes.str(newShape));
      }
      resolved[inferred] = size / known;
    } else if (known != size) {
      throw new ShapeMismatchException(
          "reshape: cannot reshape " + Shapes.str(x.shape()) + " (" + size + " elements) into "
              + Shapes.str(newShape) + " (" + known + " elements)");
    }
    int nb = x.batchAxes();
    return reshapePhysical(x, Shapes.concat(Arrays.copyOf(x.physical(), nb), resolved), nb);
  }

  /** The same data viewed with physical {@code shape} (same element count) and {@code batchAxes}. */
  static Tensor reshapePhysical(Tensor x, int[] shape, int batchAxes) {
    if (batchAxes == x.batchAxes() && Arrays.equals(shape, x.physical())) {
      return x;
    }
    Node node = x.node == null ? null : Gradients.reshape(x);
    if (x.isFloat()) {
      return Tensor.floats(x.data(), shape, batchAxes, node);
    }
    return Tensor.ints(x.ints, shape, batchAxes, x.dtype());
  }

  static Tensor expandDims(Tensor x, int axis) {
    int a = Shapes.axis("expandDims", axis, x.rank() + 1);
    int nb = x.batchAxes();
    int[] shape = x.physical();
    int[] out = new int[shape.length + 1];
    System.arraycopy(shape, 0, out, 0, nb + a);
    out[nb + a] = 1;
    System.arraycopy(shape, nb + a, out, nb + a + 1, shape.length - nb - a);
    return reshapePhysical(x, out, nb);
  }

  static Tensor squeeze(Tensor x, int axis) {
    int a = Shapes.axis("squeeze", axis, x.rank());
    if (x.dim(a) != 1) {
      throw new ShapeMismatchException(
          "squeeze: axis " + axis + " of shape " + Shapes.str(x.shape()) + " has size " + x.dim(a) + ", not 1");
    }
    int nb = x.batchAxes();
    int[] shape = x.physical();
    int[] out = new int[shape.length - 1];
    System.arraycopy(shape, 0, out, 0, nb + a);
    System.arraycopy(shape, nb + a + 1, out, nb + a, shape.length - nb - a - 1);
    return reshapePhysical(x, out, nb);
  }

  // ---- transpose

  static Tensor transpose(Tensor x, int[] perm) {
    int rank = x.rank();
    boolean[] seen = new boolean[rank];
    if (perm.length != rank) {
      throw new IllegalArgumentException(
          "transpose: permutation " + Arrays.toString(perm) + " has " + perm.length + " axes, the tensor has rank " + rank);
    }
    int nb = x.batchAxes();
    int[] physical = new int[nb + rank];
    for (int i = 0; i < nb; i++) {
      physical[i] = i;
    }
    for (int i = 0; i < rank; i++) {
      int a = Shapes.axis("transpose", perm[i], rank);
      if (seen[a]) {
        throw new IllegalArgumentException("transpose: axis " + perm[i] + " is repeated in " + Arrays.toString(perm));
      }
      seen[a] = true;
      physical[nb + i] = nb + a;
    }
    return transposePhysical(x, physical, nb);
  }

  static Tensor swapaxes(Tensor x, int a, int b) {
    int rank = x.rank();
    int[] perm = new int[rank];
    for (int i = 0; i < rank; i++) {
      perm[i] = i;
    }
    int i = Shapes.axis("swapaxes", a, rank);
    int j = Shapes.axis("swapaxes", b, rank);
    perm[i] = j;
    perm[j] = i;
    return transpose(x, perm);
  }

  /** Physical axis {@code i} of the result is physical axis {@code perm[i]} of {@code x}. */
  static Tensor transposePhysical(Tensor x, int[] perm, int batchAxes) {
    int[] shape = x.physical();
    int rank = shape.length;
    boolean identity = true;
    int[] outShape = new int[rank];
    for (int i = 0; i < rank; i++) {
      outShape[i] = shape[perm[i]];
      identity &= perm[i] == i;
    }
    if (identity || keepsOrder(shape, perm)) {
      return reshapePhysical(x, outShape, batchAxes);
    }
    Node node = x.node == null ? null : Gradients.transpose(x, perm);
    if (x.isFloat() && x.transposeOf() == null && swapsLastTwo(perm)) {
      return Tensor.lazyTranspose(x, outShape, batchAxes, node);
    }
    int[] strides = permutedStrides(shape, perm);
    int size = Shapes.size(shape);
    if (x.isFloat()) {
      float[] out = TapeBuffers.uninitialized(size);
      permute(x.data(), null, out, null, outShape, strides);
      return Tensor.floats(out, outShape, batchAxes, node);
    }
    int[] out = new int[size];
    permute(null, x.ints, null, out, outShape, strides);
    return Tensor.ints(out, outShape, batchAxes, x.dtype());
  }

  /** A new array holding {@code in} (of {@code shape}) permuted by {@code perm}, as {@link #transposePhysical}. */
  static float[] permuted(float[] in, int[] shape, int[] perm) {
    int[] outShape = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      outShape[i] = shape[perm[i]];
    }
    float[] out = new float[in.length];
    permute(in, null, out, null, outShape, permutedStrides(shape, perm));
    return out;
  }

  /** For each axis of the permuted shape, its stride in {@code shape}. */
  private static int[] permutedStrides(int[] shape, int[] perm) {
    int rank = shape.length;
    int[] inStrides = new int[rank];
    for (int i = rank - 1, s = 1; i >= 0; i--) {
      inStrides[i] = s;
      s *= shape[i];
    }
    int[] strides = new int[rank];
    for (int i = 0; i < rank; i++) {
      strides[i] = inStrides[perm[i]];
    }
    return strides;
  }

  /** Whether {@code perm} only moves axes of size 1 among the others: then it is a reshape. */
  private static boolean keepsOrder(int[] shape, int[] perm) {
    int last = -1;
    for (int axis : perm) {
      if (shape[axis] != 1) {
        if (axis < last) {
          return false;
        }
        last = axis;
      }
    }
    return true;
  }

  /** Whether {@code perm} exchanges the last two axes and keeps all others. */
  private static boolean swapsLastTwo(int[] perm) {
    int rank = perm.length;
    if (rank < 2 || perm[rank - 1] != rank - 2 || perm[rank - 2] != rank - 1) {
      return false;
    }
    for (int i = 0; i < rank - 2; i++) {
      if (perm[i] != i) {
        return false;
      }
    }
    return true;
  }

  /** Copies in output order; {@code strides[i]} is the input stride of output axis {@code i}. */
  private static void permute(float[] in, int[] inInts, float[] out, int[] outInts, int[] outShape, int[] strides) {
    int rank = outShape.length;
    int size = Shapes.size(outShape);
    if (size == 0) {
      return;
    }
    int n = outShape[rank - 1];
    int s = strides[rank - 1];
    int[] index = new int[rank - 1];
    int offset = 0;
    for (int o = 0; o < size; o += n) {
      if (in != null) {
        for (int i = 0; i < n; i++) out[o + i] = in[offset + i * s];
      } else {
        for (int i = 0; i < n; i++) outInts[o + i] = inInts[offset + i * s];
      }
      for (int d = rank - 2; d >= 0; d--) {
        index[d]++;
        offset += strides[d];
        if (index[d] < outShape[d]) {
          break;
        }
        offset -= strides[d] * outShape[d];
        index[d] = 0;
      }
    }
  }

  // ---- broadcast

  static Tensor broadcastTo(Tensor x, int[] newShape) {
    int rank = newShape.length;
    if (rank < x.rank()) {
      throw new ShapeMismatchException(
          "broadcastTo: cannot broadcast " + Shapes.str(x.shape()) + " to the lower-rank " + Shapes.str(newShape));
    }
    int nb = x.batchAxes();
    int[] aligned = Shapes.aligned(x, nb, rank);
    int[] full = Shapes.concat(Arrays.copyOf(x.physical(), nb), newShape);
    for (int i = nb; i < full.length; i++) {
      if (aligned[i] != full[i] && aligned[i] != 1) {
        throw new ShapeMismatchException(
            "broadcastTo: cannot broadcast " + Shapes.str(x.shape()) + " to " + Shapes.str(newShape)
                + ": axis size " + aligned[i] + " is neither 1 nor " + full[i]);
      }
    }
    return expandPhysical(x, aligned, full, nb);
  }

  /**
   * {@code x}, viewed with physical shape {@code aligned} (same elements, extra 1s), copied out to
   * {@code full}, to which {@code aligned} broadcasts.
   */
  static Tensor expandPhysical(Tensor x, int[] aligned, int[] full, int batchAxes) {
    if (Arrays.equals(aligned, full)) {
      return reshapePhysical(x, full, batchAxes);
    }
    Node node = x.node == null ? null : Gradients.expand(x);
    if (x.isFloat()) {
      return Tensor.floats(expand(x.data(), aligned, full), full, batchAxes, node);
    }
    float[] asFloats = expand(x.physicalFloats(), aligned, full);
    int[] out = new int[asFloats.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (int) asFloats[i];
    }
    return Tensor.ints(out, full, batchAxes, x.dtype());
  }

  /** {@code data} of shape {@code aligned} copied out to {@code full}. */
  static float[] expand(float[] data, int[] aligned, int[] full) {
    float[] out = TapeBuffers.uninitialized(Shapes.size(full));
    Plan plan = Plan.of(full, aligned);
    int n = plan.inner;
    for (int block = 0, o = 0; block < plan.blocks; block++, o += n) {
      int xi = plan.offset[0];
      if (plan.innerStride[0] == 1) {
        System.arraycopy(data, xi, out, o, n);
      } else {
        Arrays.fill(out, o, o + n, data[xi]);
      }
      plan.next();
    }
    return out;
  }

  // ---- slice

  static Tensor slice(Tensor x, int axis, int start, int stop) {
    int a = Shapes.axis("slice", axis, x.rank());
    int dim = x.dim(a);
    int from = start < 0 ? start + dim : start;
    int to = stop < 0 ? stop + dim : stop;
    if (from < 0 || to > dim || from > to) {
      throw new IllegalArgumentException(
          "slice: range " + start + ":" + stop + " does not fit axis " + axis + " of size " + dim
              + " (shape " + Shapes.str(x.shape()) + ")");
    }
    return slicePhysical(x, x.batchAxes() + a, from, to);
  }

  static Tensor slicePhysical(Tensor x, int axis, int from, int to) {
    int[] shape = x.physical();
    if (from == 0 && to == shape[axis]) {
      return x;
    }
    int outer = Shapes.size(shape, 0, axis);
    int inner = Shapes.size(shape, axis + 1, shape.length);
    int dim = shape[axis];
    int length = to - from;
    int[] outShape = shape.clone();
    outShape[axis] = length;
    int run = length * inner;
    Node node = x.node == null ? null : Gradients.slice(x, axis, from);
    if (x.isFloat()) {
      float[] out = new float[outer * run];
      for (int o = 0; o < outer; o++) {
        System.arraycopy(x.data(), (o * dim + from) * inner, out, o * run, run);
      }
      return Tensor.floats(out, outShape, x.batchAxes(), node);
    }
    int[] out = new int[outer * run];
    for (int o = 0; o < outer; o++) {
      System.arraycopy(x.ints, (o * dim + from) * inner, out, o * run, run);
    }
    return Tensor.ints(out, outShape, x.batchAxes(), x.dtype());
  }

  /** Zeros of physical {@code shape} with {@code piece} placed at {@code from} along {@code axis}: the gradient of a slice. */
  static float[] pad(float[] piece, int[] shape, int axis, int from, int length) {
    int outer = Shapes.size(shape, 0, axis);
    int inner = Shapes.size(shape, axis + 1, shape.length);
    int dim = shape[axis];
    int run = length * inner;
    float[] out = new float[Shapes.size(shape)];
    for (int o = 0; o < outer; o++) {
      System.arraycopy(piece, o * run, out, (o * dim + from) * inner, run);
    }
    return out;
  }

  // ---- concat and stack

  static Tensor concat(int axis, Tensor[] tensors) {
    if (tensors.length == 0) {
      throw new IllegalArgumentException("concat: needs at least one tensor");
    }
    Tensor first = tensors[0];
    int rank = first.rank();
    int a = Shapes.axis("concat", axis, rank);
    int nb = 0;
    boolean floats = false;
    for (Tensor t : tensors) {
      if (t.rank() != rank) {
        throw new ShapeMismatchException(
            "concat: all tensors need the same rank; " + Shapes.str(first.shape()) + " and " + Shapes.str(t.shape()) + " differ");
      }
      for (int i = 0; i < rank; i++) {
        if (i != a && t.dim(i) != first.dim(i)) {
          throw new ShapeMismatchException(
              "concat: shapes " + Shapes.str(first.shape()) + " and " + Shapes.str(t.shape())
                  + " differ at axis " + i + " (only the concatenation axis " + axis + " may differ)");
        }
      }
      nb = Math.max(nb, t.batchAxes());
      floats |= t.isFloat();
    }
    int[] batch = Shapes.ones(nb);
    for (Tensor t : tensors) {
      int[] aligned = Shapes.aligned(t, nb, rank);
      batch = Shapes.broadcast("concat", batch, Arrays.copyOf(aligned, nb), nb, first, t);
    }
    Tensor[] parts = new Tensor[tensors.length];
    int total = 0;
    for (int k = 0; k < tensors.length; k++) {
      Tensor t = floats ? tensors[k].asType(DType.FLOAT32) : tensors[k];
      int[] aligned = Shapes.aligned(t, nb, rank);
      int[] full = aligned.clone();
      System.arraycopy(batch, 0, full, 0, nb);
      parts[k] = expandPhysical(reshapePhysical(t, aligned, nb), aligned, full, nb);
      total += t.dim(a);
    }
    return concatPhysical(parts, nb + a, total, nb, floats);
  }

  private static Tensor concatPhysical(Tensor[] parts, int axis, int total, int nb, boolean floats) {
    int[] shape = parts[0].physical().clone();
    shape[axis] = total;
    int outer = Shapes.size(shape, 0, axis);
    int inner = Shapes.size(shape, axis + 1, shape.length);
    int[] lengths = new int[parts.length];
    float[] out = floats ? TapeBuffers.uninitialized(Shapes.size(shape)) : null;
    int[] outInts = floats ? null : new int[Shapes.size(shape)];
    boolean tracked = false;
    for (int k = 0, at = 0; k < parts.length; k++) {
      Tensor p = parts[k];
      lengths[k] = p.physical()[axis];
      int run = lengths[k] * inner;
      for (int o = 0; o < outer; o++) {
        if (floats) {
          System.arraycopy(p.data(), o * run, out, o * total * inner + at, run);
        } else {
          System.arraycopy(p.ints, o * run, outInts, o * total * inner + at, run);
        }
      }
      at += run;
      tracked |= p.node != null;
    }
    if (!floats) {
      return Tensor.ints(outInts, shape, nb, parts[0].dtype());
    }
    return Tensor.floats(out, shape, nb, tracked ? Gradients.concat(parts, axis, lengths) : null);
  }

  static Tensor stack(int axis, Tensor[] tensors) {
    if (tensors.length == 0) {
      throw new IllegalArgumentException("stack: needs at least one tensor");
    }
    int a = Shapes.axis("stack", axis, tensors[0].rank() + 1);
    Tensor[] expanded = new Tensor[tensors.length];
    for (int k = 0; k < tensors.length; k++) {
      if (!Arrays.equals(tensors[k].shape(), tensors[0].shape())) {
        throw new ShapeMismatchException(
            "stack: all tensors need the same shape; " + Shapes.str(tensors[0].shape()) + " and "
                + Shapes.str(tensors[k].shape()) + " differ");
      }
      expanded[k] = expandDims(tensors[k], a);
    }
    return concat(a, expanded);
  }

  // ---- take

  /** The layout shared by a take and its gradient: batch offsets and block sizes. */
  record Gather(int axis, int[] xOffsets, int[] iOffsets, int outer, int dim, int inner, int count, int[] shape, int batchAxes) {}

  static Gather gather(Tensor x, Tensor indices, int axis) {
    int a = Shapes.axis("take", axis, x.rank());
    int nb = Math.max(x.batchAxes(), indices.batchAxes());
    int[] xs = Shapes.aligned(x, nb, x.rank());
    int[] is = Shapes.aligned(indices, nb, indices.rank());
    int[] batch = Shapes.broadcast("take", Arrays.copyOf(xs, nb), Arrays.copyOf(is, nb), nb, x, indices);
    int[] logical = x.shape();
    int outer = Shapes.size(logical, 0, a);
    int dim = logical[a];
    int inner = Shapes.size(logical, a + 1, logical.length);
    int count = indices.size();
    int[] xOffsets = Shapes.blockOffsets(batch, Arrays.copyOf(xs, nb), outer * dim * inner);
    int[] iOffsets = Shapes.blockOffsets(batch, Arrays.copyOf(is, nb), count);
    int[] shape = Shapes.concat(Shapes.concat(batch, Arrays.copyOf(logical, a)),
        Shapes.concat(indices.shape(), Shapes.drop(logical, a + 1)));
    return new Gather(axis, xOffsets, iOffsets, outer, dim, inner, count, shape, nb);
  }

  static Tensor take(Tensor x, Tensor indices, int axis) {
    if (indices.isFloat()) {
      throw new IllegalArgumentException("take: indices must be int32, got " + indices.dtype());
    }
    Gather g = gather(x, indices, axis);
    int[] starts = sourceStarts(g, indices.ints);
    int n = g.inner();
    // One copy loop per element type: a single call site for both would make the JIT copy generically.
    if (!x.isFloat()) {
      int[] outInts = new int[starts.length * n];
      for (int r = 0; r < starts.length; r++) {
        System.arraycopy(x.ints, starts[r], outInts, r * n, n);
      }
      return Tensor.ints(outInts, g.shape(), g.batchAxes(), x.dtype());
    }
    float[] source = x.data();
    float[] out = TapeBuffers.uninitialized(starts.length * n);
    for (int r = 0; r < starts.length; r++) {
      System.arraycopy(source, starts[r], out, r * n, n);
    }
    return Tensor.floats(out, g.shape(), g.batchAxes(), x.node == null ? null : Gradients.take(x, indices, g));
  }

  /** Where each run of {@code g.inner()} elements a take copies starts in the source, in output order. */
  private static int[] sourceStarts(Gather g, int[] idx) {
    int[] xOffsets = g.xOffsets();
    int[] iOffsets = g.iOffsets();
    int[] starts = new int[xOffsets.length * g.outer() * g.count()];
    int at = 0;
    for (int b = 0; b < xOffsets.length; b++) {
      for (int o = 0; o < g.outer(); o++) {
        for (int j = 0; j < g.count(); j++) {
          starts[at++] = xOffsets[b] + (o * g.dim() + index(idx[iOffsets[b] + j], g.dim(), g.axis())) * g.inner();
        }
      }
    }
    return starts;
  }

  /** {@code i} checked against an axis of size {@code dim}; negative counts from the end. */
  static int index(int i, int dim, int axis) {
    int k = i < 0 ? i + dim : i;
    if (k < 0 || k >= dim) {
      throw new IndexOutOfBoundsException("take: index " + i + " is out of range for axis " + axis + " of size " + dim);
    }
    return k;
  }

  /** The gradient of a take: {@code grad} rows added back at their indices into zeros of {@code x}'s physical shape. */
  static float[] scatterAdd(float[] grad, Tensor x, Tensor indices, Gather g) {
    float[] out = new float[Shapes.size(x.physical())];
    int[] starts = sourceStarts(g, indices.ints);
    int n = g.inner();
    for (int r = 0; r < starts.length; r++) {
      for (int i = 0; i < n; i++) {
        out[starts[r] + i] += grad[r * n + i];
      }
    }
    return out;
  }

}
