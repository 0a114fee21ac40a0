package dev.solstice.runtime;

import java.util.Arrays;

/**
 * A dense, row-major, immutable n-dimensional array of float32, int32 or bool values.
 *
 * <p>Operations follow numpy: elementwise ops broadcast, reductions take an axis (negative axes
 * count from the end), {@link #matmul} follows numpy's rank rules. Int32 tensors hold labels and
 * indices, bool tensors the results of comparisons and masks; arithmetic on them converts to
 * float32 unless said otherwise.
 *
 * <p>Inside a {@link Batching} level a tensor may carry hidden leading batch axes: its {@link
 * #shape()} is then the shape of one sample, and every op runs once over all samples. Tensors
 * computed from inputs of {@link Autodiff#valueAndGrad} record how they were made, so gradients
 * can flow back; all other tensors record nothing.
 *
 * <p>This class only describes the API; the op families live in {@code Elementwise}, {@code
 * Reductions}, {@code Movement}, {@code Matmul}, {@code Composites}, and every gradient rule in
 * {@code Gradients}.
 */
public final class Tensor {
  /** The float32 elements; null for int32 and bool, and for a lazy transpose until first read. */
  private volatile float[] elements;
  final int[] ints;
  private final int[] shape;
  private final int batchAxes;
  private final DType dtype;
  final Node node;
  /**
   * For a lazy transpose, the float32 tensor whose last two physical axes this one swaps: {@link
   * #matmul} reads it with a transpose flag, so a transposed operand is never copied; any other
   * use copies it out once ({@link #data()}).
   */
  private final Tensor transposeOf;
  /** For elements lent by a {@link Autodiff#valueAndGrad} pass, whether they may still be read. */
  private final Lease lease;

  private Tensor(
      float[] floats, int[] ints, int[] shape, int batchAxes, DType dtype, Node node, Tensor transposeOf) {
    this.elements = floats;
    this.ints = ints;
    this.shape = shape;
    this.batchAxes = batchAxes;
    this.dtype = dtype;
    this.node = node;
    this.transposeOf = transposeOf;
    this.lease = floats == null ? null : leaseOf(floats);
  }

  /** A float32 tensor over {@code data} (not copied) with physical {@code shape}. */
  static Tensor floats(float[] data, int[] shape, int batchAxes, Node node) {
    return new Tensor(data, null, shape, batchAxes, DType.FLOAT32, node, null);
  }

  /** An int32 or bool tensor over {@code ints} (not copied) with physical {@code shape}. */
  static Tensor ints(int[] ints, int[] shape, int batchAxes, DType dtype) {
    return new Tensor(null, ints, shape, batchAxes, dtype, null, null);
  }

  /**
   * The float32 tensor {@code source} (not itself a lazy transpose) with its last two physical axes
   * swapped (physical {@code shape}), copied only when its elements are first read.
   */
  static Tensor lazyTranspose(Tensor source, int[] shape, int batchAxes, Node node) {
    return new Tensor(null, null, shape, batchAxes, DType.FLOAT32, node, source);
  }

  /** The same values with the same layout and a new record of origin. */
  Tensor withNode(Node node) {
    requireNotReleased();
    float[] values = elements;
    return new Tensor(values, ints, shape, batchAxes, dtype, node, values == null ? transposeOf : null);
  }

  /**
   * The float32 elements in physical row-major order (null for int32 and bool), copying a lazy
   * transpose out of its source on first use.
   */
  float[] data() {
    requireNotReleased();
    float[] values = elements;
    return values != null || transposeOf == null ? values : materialize();
  }

  private static Lease leaseOf(float[] floats) {
    Lease lease = TapeBuffers.leaseOf(floats);
    return lease != null ? lease : Donation.leaseOf(floats);
  }

  /** Whether this tensor's elements are memory that {@link Donation} may reuse now. */
  boolean donatable() {
    return lease != null && !lease.released() && Donation.leaseOf(elements) == lease;
  }

  /**
   * Gives this tensor's memory to the next {@link Autodiff#valueAndGrad} passes on this thread if it
   * is the result of a finished pass that has not been given back yet; it and its views then refuse
   * reads, saying {@code why}. Returns whether it was given.
   */
  boolean recycle(String why) {
    return elements != null && lease != null && TapeBuffers.recycle(elements, lease, why);
  }

  /** The array holding this tensor's elements, or its lazy transpose's source's; never copies. */
  float[] memory() {
    return elements != null || transposeOf == null ? elements : transposeOf.elements;
  }

  /** Releases this tensor's lease: it and its views refuse reads from now on. */
  void release() {
    lease.release();
  }

  private void requireNotReleased() {
    if (lease != null && lease.released()) {
      throw new IllegalStateException(
          "this tensor " + Shapes.str(shape()) + " " + lease.why());
    }
  }

  private synchronized float[] materialize() {
    if (elements == null) {
      int rank = shape.length;
      int[] swap = new int[rank];
      for (int i = 0; i < rank; i++) {
        swap[i] = i;
      }
      swap[rank - 1] = rank - 2;
      swap[rank - 2] = rank - 1;
      elements = Movement.permuted(transposeOf.data(), transposeOf.physical(), swap);
    }
    return elements;
  }

  /** Whether this is a lazy transpose whose elements have not been copied out yet. */
  boolean awaitsCopy() {
    return elements == null && transposeOf != null;
  }

  /** For a lazy transpose, the tensor whose last two physical axes it swaps; else null. */
  Tensor transposeOf() {
    return transposeOf;
  }

  // ---------------------------------------------------------------- creation

  /** A float32 tensor holding a copy of {@code data} in row-major order. */
  public static Tensor of(float[] data, int... shape) {
    checkSize(data.length, shape);
    return floats(data.clone(), shape.clone(), 0, null);
  }

  /** An int32 tensor holding a copy of {@code data} in row-major order. */
  public static Tensor ofInts(int[] data, int... shape) {
    checkSize(data.length, shape);
    return ints(data.clone(), shape.clone(), 0, DType.INT32);
  }

  /** A bool tensor holding a copy of {@code data} in row-major order. */
  public static Tensor ofBools(boolean[] data, int... shape) {
    checkSize(data.length, shape);
    int[] bits = new int[data.length];
    for (int i = 0; i < data.length; i++) {
      bits[i] = data[i] ? 1 : 0;
    }
    return ints(bits, shape.clone(), 0, DType.BOOL);
  }

  /** A rank-0 float32 tensor. */
  public static Tensor scalar(float value) {
    return floats(new float[] {value}, new int[0], 0, null);
  }

  /** A float32 tensor of zeros. */
  public static Tensor zeros(int... shape) {
    return floats(new float[Shapes.size(shape)], shape.clone(), 0, null);
  }

  /** A float32 tensor of ones. */
  public static Tensor ones(int... shape) {
    return full(1f, shape);
  }

  /** A float32 tensor with every element {@code value}. */
  public static Tensor full(float value, int... shape) {
    float[] data = new float[Shapes.size(shape)];
    Arrays.fill(data, value);
    return floats(data, shape.clone(), 0, null);
  }

  /** The int32 vector {@code 0, 1, ..., n-1}. */
  public static Tensor arange(int n) {
    int[] data = new int[n];
    for (int i = 0; i < n; i++) {
      data[i] = i;
    }
    return ints(data, new int[] {n}, 0, DType.INT32);
  }

  /** {@code num} evenly spaced float32 values from {@code start} to {@code stop}, both included. */
  public static Tensor linspace(float start, float stop, int num) {
    if (num < 0) {
      throw new IllegalArgumentException("linspace: num must be >= 0, got " + num);
    }
    float[] data = new float[num];
    double step = num > 1 ? ((double) stop - start) / (num - 1) : 0;
    for (int i = 0; i < num; i++) {
      data[i] = (float) (start + i * step);
    }
    if (num > 1) {
      data[num - 1] = stop;
    }
    return floats(data, new int[] {num}, 0, null);
  }

  /** Float32 zeros with the logical shape of {@code like}. */
  public static Tensor zerosLike(Tensor like) {
    return zeros(like.shape());
  }

  /** Float32 ones with the logical shape of {@code like}. */
  public static Tensor onesLike(Tensor like) {
    return ones(like.shape());
  }

  /** The tensors joined along an existing {@code axis}; other axes must agree. */
  public static Tensor concat(int axis, Tensor... tensors) {
    return Movement.concat(axis, tensors);
  }

  /** The tensors, all of one shape, stacked along a new {@code axis}. */
  public static Tensor stack(int axis, Tensor... tensors) {
    return Movement.stack(axis, tensors);
  }

  /** Elements of {@code a} where {@code cond} is true, of {@code b} elsewhere; all three broadcast. */
  public static Tensor where(Tensor cond, Tensor a, Tensor b) {
    return Elementwise.where(cond, a, b);
  }

  /** The bool {@code n x n} mask that is true on and below the diagonal (a causal mask). */
  public static Tensor tril(int n) {
    return triangle(n, true);
  }

  /** The bool {@code n x n} mask that is true on and above the diagonal. */
  public static Tensor triu(int n) {
    return triangle(n, false);
  }

  private static Tensor triangle(int n, boolean lower) {
    int[] bits = new int[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        bits[i * n + j] = (lower ? j <= i : j >= i) ? 1 : 0;
      }
    }
    return ints(bits, new int[] {n, n}, 0, DType.BOOL);
  }

  // ---------------------------------------------------------------- reading

  /** The element type. */
  public DType dtype() {
    return dtype;
  }

  /** A copy of the logical shape: inside a {@link Batching} level, the shape of one sample. */
  public int[] shape() {
    return Shapes.drop(shape, batchAxes);
  }

  /** The number of logical axes. */
  public int rank() {
    return shape.length - batchAxes;
  }

  /** The size of logical {@code axis}; negative axes count from the end. */
  public int dim(int axis) {
    return shape[batchAxes + Shapes.axis("dim", axis, rank())];
  }

  /** The number of elements of the logical shape. */
  public int size() {
    return Shapes.size(shape, batchAxes, shape.length);
  }

  /**
   * Low level, for batching rules outside this package (the PRNG's {@code Key}): how many hidden
   * leading batch axes this tensor carries, one per enclosing {@link Batching} level it depends on.
   */
  public int batchAxes() {
    return batchAxes;
  }

  /**
   * Low level, for batching rules outside this package: a copy of the physical shape, the hidden
   * batch axes ({@link #batchAxes()} of them, size 1 where the tensor does not vary along a level)
   * followed by the logical shape.
   */
  public int[] physicalShape() {
    return shape.clone();
  }

  int[] physical() {
    return shape;
  }

  /** A copy of the elements as floats, row-major. */
  public float[] toFloatArray() {
    requireUnbatched("toFloatArray()");
    return physicalFloats();
  }

  /** A copy of the elements as ints, row-major; floats are truncated toward zero. */
  public int[] toIntArray() {
    requireUnbatched("toIntArray()");
    return physicalInts();
  }

  /** Low level: a copy of every element of every sample as floats, in physical row-major order. */
  public float[] physicalFloats() {
    if (isFloat()) {
      return data().clone();
    }
    float[] out = new float[ints.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = ints[i];
    }
    return out;
  }

  /** Low level: a copy of every element of every sample as ints, in physical row-major order. */
  public int[] physicalInts() {
    if (ints != null) {
      return ints.clone();
    }
    float[] values = data();
    int[] out = new int[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (int) values[i];
    }
    return out;
  }

  /**
   * Low level, for batching rules outside this package: a float32 tensor over a copy of {@code
   * data} whose first {@code batchAxes} axes of {@code physicalShape} are hidden batch axes (see
   * {@link #physicalShape()}).
   */
  public static Tensor ofPhysical(float[] data, int batchAxes, int... physicalShape) {
    checkSize(data.length, physicalShape);
    checkBatchAxes(batchAxes, physicalShape);
    return floats(data.clone(), physicalShape.clone(), batchAxes, null);
  }

  /** Low level: as {@link #ofPhysical(float[], int, int...)} for an int32 tensor. */
  public static Tensor ofPhysicalInts(int[] data, int batchAxes, int... physicalShape) {
    checkSize(data.length, physicalShape);
    checkBatchAxes(batchAxes, physicalShape);
    return ints(data.clone(), physicalShape.clone(), batchAxes, DType.INT32);
  }

  /** The single element of a one-element tensor. */
  public float item() {
    requireUnbatched("item()");
    if (size() != 1) {
      throw new IllegalStateException("item() needs a one-element tensor, not shape " + Shapes.str(shape));
    }
    return isFloat() ? data()[0] : ints[0];
  }

  /** Whether no element (of any sample) is NaN or infinite. */
  public boolean isFinite() {
    if (!isFloat()) {
      return true;
    }
    for (float v : data()) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** Whether gradients flow back through this tensor (it was computed from a differentiated input). */
  public boolean isTracked() {
    return node != null;
  }

  // ---------------------------------------------------------------- elementwise

  /** Elementwise sum, broadcasting. */
  public Tensor add(Tensor other) {
    return Elementwise.binary(BinaryOp.ADD, this, other);
  }

  /** Adds {@code other} to every element. */
  public Tensor add(float other) {
    return add(scalar(other));
  }

  /** Elementwise difference, broadcasting. */
  public Tensor sub(Tensor other) {
    return Elementwise.binary(BinaryOp.SUB, this, other);
  }

  /** Subtracts {@code other} from every element. */
  public Tensor sub(float other) {
    return sub(scalar(other));
  }

  /** Elementwise product, broadcasting. */
  public Tensor mul(Tensor other) {
    return Elementwise.binary(BinaryOp.MUL, this, other);
  }

  /** Multiplies every element by {@code other}. */
  public Tensor mul(float other) {
    return mul(scalar(other));
  }

  /** Elementwise quotient, broadcasting (always float32). */
  public Tensor div(Tensor other) {
    return Elementwise.binary(BinaryOp.DIV, this, other);
  }

  /** Divides every element by {@code other}. */
  public Tensor div(float other) {
    return div(scalar(other));
  }

  /** This raised to {@code exponent}, elementwise. */
  public Tensor pow(Tensor exponent) {
    return Elementwise.binary(BinaryOp.POW, this, exponent);
  }

  /** Every element raised to {@code exponent}. */
  public Tensor pow(float exponent) {
    return pow(scalar(exponent));
  }

  /** The larger of each pair; at ties the gradient is shared equally, as in JAX. */
  public Tensor maximum(Tensor other) {
    return Elementwise.binary(BinaryOp.MAXIMUM, this, other);
  }

  /** The larger of each element and {@code other}. */
  public Tensor maximum(float other) {
    return maximum(scalar(other));
  }

  /** The smaller of each pair; at ties the gradient is shared equally, as in JAX. */
  public Tensor minimum(Tensor other) {
    return Elementwise.binary(BinaryOp.MINIMUM, this, other);
  }

  /** The smaller of each element and {@code other}. */
  public Tensor minimum(float other) {
    return minimum(scalar(other));
  }

  /** {@code -x}. */
  public Tensor neg() {
    return Elementwise.unary(UnaryOp.NEG, this);
  }

  /** {@code x * x}. */
  public Tensor square() {
    return Elementwise.unary(UnaryOp.SQUARE, this);
  }

  /** The square root. */
  public Tensor sqrt() {
    return Elementwise.unary(UnaryOp.SQRT, this);
  }

  /** {@code 1 / sqrt(x)}. */
  public Tensor rsqrt() {
    return Elementwise.unary(UnaryOp.RSQRT, this);
  }

  /** {@code e^x}. */
  public Tensor exp() {
    return Elementwise.unary(UnaryOp.EXP, this);
  }

  /** The natural logarithm. */
  public Tensor log() {
    return Elementwise.unary(UnaryOp.LOG, this);
  }

  /** The hyperbolic tangent. */
  public Tensor tanh() {
    return Elementwise.unary(UnaryOp.TANH, this);
  }

  /** {@code max(x, 0)}; the gradient at 0 is 0. */
  public Tensor relu() {
    return Elementwise.unary(UnaryOp.RELU, this);
  }

  /** The logistic function {@code 1 / (1 + e^-x)}, computed without overflow. */
  public Tensor sigmoid() {
    return Elementwise.unary(UnaryOp.SIGMOID, this);
  }

  /** GELU, tanh approximation (JAX's default {@code approximate=True}). */
  public Tensor gelu() {
    return Elementwise.unary(UnaryOp.GELU, this);
  }

  /** The absolute value; the gradient at 0 is 0. */
  public Tensor abs() {
    return Elementwise.unary(UnaryOp.ABS, this);
  }

  /** -1, 0 or 1; its gradient is zero. */
  public Tensor sign() {
    return Elementwise.unary(UnaryOp.SIGN, this);
  }

  /** Elementwise {@code this > other} as a bool tensor. */
  public Tensor gt(Tensor other) {
    return Elementwise.compare(CompareOp.GT, this, other);
  }

  /** Elementwise {@code this > other} as a bool tensor. */
  public Tensor gt(float other) {
    return gt(scalar(other));
  }

  /** Elementwise {@code this >= other} as a bool tensor, broadcasting. */
  public Tensor ge(Tensor other) {
    return Elementwise.compare(CompareOp.GE, this, other);
  }

  /** Elementwise {@code this >= other} as a bool tensor. */
  public Tensor ge(float other) {
    return ge(scalar(other));
  }

  /** Elementwise {@code this < other} as a bool tensor, broadcasting. */
  public Tensor lt(Tensor other) {
    return Elementwise.compare(CompareOp.LT, this, other);
  }

  /** Elementwise {@code this < other} as a bool tensor. */
  public Tensor lt(float other) {
    return lt(scalar(other));
  }

  /** Elementwise {@code this <= other} as a bool tensor, broadcasting. */
  public Tensor le(Tensor other) {
    return Elementwise.compare(CompareOp.LE, this, other);
  }

  /** Elementwise {@code this <= other} as a bool tensor. */
  public Tensor le(float other) {
    return le(scalar(other));
  }

  /** Elementwise {@code this == other} as a bool tensor, broadcasting. */
  public Tensor eq(Tensor other) {
    return Elementwise.compare(CompareOp.EQ, this, other);
  }

  /** Elementwise {@code this == other} as a bool tensor. */
  public Tensor eq(float other) {
    return eq(scalar(other));
  }

  /** Elementwise {@code this != other} as a bool tensor, broadcasting. */
  public Tensor ne(Tensor other) {
    return Elementwise.compare(CompareOp.NE, this, other);
  }

  /** Elementwise {@code this != other} as a bool tensor. */
  public Tensor ne(float other) {
    return ne(scalar(other));
  }

  /** The values converted to {@code type} (floats truncate toward zero; bool is {@code != 0}). */
  public Tensor asType(DType type) {
    return Elementwise.asType(this, type);
  }

  // ---------------------------------------------------------------- reductions

  /** The sum of all elements (of each sample, inside {@link Batching}). */
  public Tensor sum() {
    return Reductions.sum(this, null, false);
  }

  /** The sum along {@code axis}, which is removed. */
  public Tensor sum(int axis) {
    return Reductions.sum(this, new int[] {axis}, false);
  }

  /** The sum along {@code axis}, kept with size 1 if {@code keepdims}. */
  public Tensor sum(int axis, boolean keepdims) {
    return Reductions.sum(this, new int[] {axis}, keepdims);
  }

  /** The sum along every axis in {@code axes}. */
  public Tensor sum(int[] axes, boolean keepdims) {
    return Reductions.sum(this, axes, keepdims);
  }

  /** The mean of all elements (of each sample, inside {@link Batching}). */
  public Tensor mean() {
    return Reductions.mean(this, null, false);
  }

  /** The mean along {@code axis}, which is removed. */
  public Tensor mean(int axis) {
    return Reductions.mean(this, new int[] {axis}, false);
  }

  /** The mean along {@code axis}, kept with size 1 if {@code keepdims}. */
  public Tensor mean(int axis, boolean keepdims) {
    return Reductions.mean(this, new int[] {axis}, keepdims);
  }

  /** The mean along every axis in {@code axes}. */
  public Tensor mean(int[] axes, boolean keepdims) {
    return Reductions.mean(this, axes, keepdims);
  }

  /** The largest element; at ties the gradient is shared equally, as in JAX. */
  public Tensor max() {
    return Reductions.extremum(this, null, false, true);
  }

  /** The maximum along {@code axis}, which is removed. */
  public Tensor max(int axis) {
    return Reductions.extremum(this, new int[] {axis}, false, true);
  }

  /** The maximum along {@code axis}, kept with size 1 if {@code keepdims}. */
  public Tensor max(int axis, boolean keepdims) {
    return Reductions.extremum(this, new int[] {axis}, keepdims, true);
  }

  /** The maximum along every axis in {@code axes}. */
  public Tensor max(int[] axes, boolean keepdims) {
    return Reductions.extremum(this, axes, keepdims, true);
  }

  /** The smallest element; at ties the gradient is shared equally. */
  public Tensor min() {
    return Reductions.extremum(this, null, false, false);
  }

  /** The minimum along {@code axis}, which is removed. */
  public Tensor min(int axis) {
    return Reductions.extremum(this, new int[] {axis}, false, false);
  }

  /** The minimum along {@code axis}, kept with size 1 if {@code keepdims}. */
  public Tensor min(int axis, boolean keepdims) {
    return Reductions.extremum(this, new int[] {axis}, keepdims, false);
  }

  /** The minimum along every axis in {@code axes}. */
  public Tensor min(int[] axes, boolean keepdims) {
    return Reductions.extremum(this, axes, keepdims, false);
  }

  /** The index of the largest element along {@code axis} (the first one at ties), as int32. */
  public Tensor argmax(int axis) {
    return Reductions.argmax(this, axis);
  }

  /** The biased variance along {@code axis} (divides by the count, as numpy's default). */
  public Tensor var(int axis, boolean keepdims) {
    return Composites.var(this, axis, keepdims);
  }

  /** {@code log(sum(exp(x), axis))}, computed without overflow. */
  public Tensor logsumexp(int axis) {
    return Composites.logsumexp(this, axis, false);
  }

  /** {@link #logsumexp(int)}, keeping {@code axis} with size 1 if {@code keepdims}. */
  public Tensor logsumexp(int axis, boolean keepdims) {
    return Composites.logsumexp(this, axis, keepdims);
  }

  /** {@code exp(x) / sum(exp(x), axis)}, computed without overflow. */
  public Tensor softmax(int axis) {
    return Softmax.applies("softmax", this, axis) ? Softmax.softmax(this) : Composites.softmax(this, axis);
  }

  /** {@code x - logsumexp(x, axis)}. */
  public Tensor logSoftmax(int axis) {
    return Softmax.applies("logSoftmax", this, axis) ? Softmax.logSoftmax(this) : Composites.logSoftmax(this, axis);
  }

  // ---------------------------------------------------------------- shape

  /** The same elements in a new shape; one dimension may be -1 (inferred). */
  public Tensor reshape(int... newShape) {
    return Movement.reshape(this, newShape);
  }

  /** The axes in reverse order. */
  public Tensor transpose() {
    int[] perm = new int[rank()];
    for (int i = 0; i < perm.length; i++) {
      perm[i] = perm.length - 1 - i;
    }
    return transpose(perm);
  }

  /** Axis {@code i} of the result is axis {@code perm[i]} of this. */
  public Tensor transpose(int... perm) {
    return Movement.transpose(this, perm);
  }

  /** Axes {@code a} and {@code b} exchanged. */
  public Tensor swapaxes(int a, int b) {
    return Movement.swapaxes(this, a, b);
  }

  /** A new axis of size 1 at {@code axis} (of the result; negative counts from the end). */
  public Tensor expandDims(int axis) {
    return Movement.expandDims(this, axis);
  }

  /** Removes {@code axis}, which must have size 1. */
  public Tensor squeeze(int axis) {
    return Movement.squeeze(this, axis);
  }

  /** This broadcast to {@code newShape} by numpy rules (copies). */
  public Tensor broadcastTo(int... newShape) {
    return Movement.broadcastTo(this, newShape);
  }

  /** Elements {@code start} (included) to {@code stop} (excluded) along {@code axis}; negative positions count from the end. */
  public Tensor slice(int axis, int start, int stop) {
    return Movement.slice(this, axis, start, stop);
  }

  /** Rows {@code indices} (an int32 tensor of any shape) along axis 0: an embedding lookup. */
  public Tensor take(Tensor indices) {
    return Movement.take(this, indices, 0);
  }

  /** Entries {@code indices} along {@code axis}: result shape is {@code shape[:axis] + indices.shape + shape[axis+1:]}. */
  public Tensor take(Tensor indices, int axis) {
    return Movement.take(this, indices, axis);
  }

  /**
   * The same values in memory of their own ({@code jnp.copy}); gradients flow through unchanged.
   * A tensor computed inside {@link Autodiff#valueAndGrad} is released when it returns; a copy made
   * inside stays readable.
   */
  public Tensor copy() {
    if (!isFloat()) {
      return ints(ints.clone(), shape, batchAxes, dtype);
    }
    return floats(data().clone(), shape, batchAxes, node == null ? null : Gradients.copy(this));
  }

  /** The same values with no gradient flowing back through them ({@code stop_gradient}). */
  public Tensor detach() {
    return node == null ? this : withNode(null);
  }

  // ---------------------------------------------------------------- linear algebra

  /** Matrix product with numpy's rank rules: 1-D operands are vectors, leading axes broadcast as batches. */
  public Tensor matmul(Tensor other) {
    return Matmul.matmul(this, other);
  }

  // ---------------------------------------------------------------- internals

  boolean isFloat() {
    return dtype == DType.FLOAT32;
  }

  /** The elements as a float array, shared when this is float32 already. */
  float[] floatData() {
    return isFloat() ? data() : physicalFloats();
  }

  private void requireUnbatched(String what) {
    if (batchAxes > 0) {
      throw new IllegalStateException(
          what + " on a tensor batched by Batching: it holds one value per sample; "
              + "return it through Batching.out(...) to read it");
    }
  }

  private static void checkSize(int length, int[] shape) {
    if (length != Shapes.size(shape)) {
      throw new IllegalArgumentException(
          length + " elements do not fill shape " + Shapes.str(shape) + " (" + Shapes.size(shape) + " elements)");
    }
  }

  private static void checkBatchAxes(int batchAxes, int[] shape) {
    if (batchAxes < 0 || batchAxes > shape.length) {
      throw new IllegalArgumentException(
          "batchAxes " + batchAxes + " must be between 0 and the rank " + shape.length);
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Tensor").append(Arrays.toString(shape()));
    s.append(' ').append(dtype);
    if (batchAxes > 0) {
      s.append(" batched ").append(Arrays.toString(Arrays.copyOf(shape, batchAxes)));
    }
    if (size() <= 16 && batchAxes == 0) {
      s.append(' ').append(isFloat() ? Arrays.toString(data()) : Arrays.toString(ints));
    }
    return s.toString();
  }
}
