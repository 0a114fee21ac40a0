package dev.solstice.runtime;

import java.util.Arrays;

/**
 * A dense, row-major, immutable n-dimensional array of float32 (or int32) values.
 *
 * <p>This is the seed of the runtime's one array type; operations, autodiff and batching are
 * added around this representation.
 */
public final class Tensor {
  private final float[] floats;
  private final int[] ints;
  private final int[] shape;
  private final DType dtype;

  private Tensor(float[] floats, int[] ints, int[] shape, DType dtype) {
    this.floats = floats;
    this.ints = ints;
    this.shape = shape;
    this.dtype = dtype;
  }

  /** A float32 tensor holding a copy of {@code data} in row-major order. */
  public static Tensor of(float[] data, int... shape) {
    checkSize(data.length, shape);
    return new Tensor(data.clone(), null, shape.clone(), DType.FLOAT32);
  }

  /** An int32 tensor holding a copy of {@code data} in row-major order. */
  public static Tensor ofInts(int[] data, int... shape) {
    checkSize(data.length, shape);
    return new Tensor(null, data.clone(), shape.clone(), DType.INT32);
  }

  /** A rank-0 float32 tensor. */
  public static Tensor scalar(float value) {
    return new Tensor(new float[] {value}, null, new int[0], DType.FLOAT32);
  }

  public DType dtype() {
    return dtype;
  }

  /** A copy of the shape. */
  public int[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  /** The size of {@code axis}; negative axes count from the end. */
  public int dim(int axis) {
    return shape[axis < 0 ? axis + shape.length : axis];
  }

  /** The number of elements. */
  public int size() {
    return sizeOf(shape);
  }

  /** A copy of the elements as floats, row-major. */
  public float[] toFloatArray() {
    if (floats != null) {
      return floats.clone();
    }
    float[] out = new float[ints.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = ints[i];
    }
    return out;
  }

  /** A copy of the elements as ints, row-major; floats are truncated toward zero. */
  public int[] toIntArray() {
    if (ints != null) {
      return ints.clone();
    }
    int[] out = new int[floats.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (int) floats[i];
    }
    return out;
  }

  /** The single element of a one-element tensor. */
  public float item() {
    if (size() != 1) {
      throw new IllegalStateException("item() needs a one-element tensor, not shape " + Arrays.toString(shape));
    }
    return floats != null ? floats[0] : ints[0];
  }

  @Override
  public String toString() {
    return "Tensor" + Arrays.toString(shape) + " " + dtype;
  }

  static int sizeOf(int[] shape) {
    int size = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      size = Math.multiplyExact(size, d);
    }
    return size;
  }

  private static void checkSize(int length, int[] shape) {
    if (length != sizeOf(shape)) {
      throw new IllegalArgumentException(
          length + " elements do not fill shape " + Arrays.toString(shape) + " (" + sizeOf(shape) + " elements)");
    }
  }
}
