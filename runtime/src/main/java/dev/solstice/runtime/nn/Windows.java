package dev.solstice.runtime.nn;

import dev.solstice.runtime.Tensor;
import dev.solstice.shape.ShapeMismatchException;
import java.util.Arrays;
import java.util.List;

/**
 * Sliding windows over the two spatial axes of one {@code [channels, height, width]} sample, for
 * {@link Conv2d} and {@link MaxPool2d}: padding, output sizes and im2col patches, all from runtime
 * ops so gradients and batching come for free.
 */
final class Windows {
  private Windows() {}

  /** The value of an int that applies to both spatial axes, as a two-element list. */
  static List<Integer> pair(int value) {
    return List.of(value, value);
  }

  /**
   * Padding as {@code [top, bottom, left, right]}: two values pad both sides of each axis alike,
   * four are taken as they are.
   */
  static List<Integer> padding(String layer, List<Integer> padding) {
    if (padding.size() == 2) {
      return List.of(padding.get(0), padding.get(0), padding.get(1), padding.get(1));
    }
    if (padding.size() == 4) {
      return List.copyOf(padding);
    }
    throw new IllegalArgumentException(
        layer + ": padding needs 2 values (per axis) or 4 ([top, bottom, left, right]), found " + padding);
  }

  /** Checks that {@code values} has {@code size} elements, each at least {@code min}. */
  static List<Integer> check(String layer, String name, List<Integer> values, int size, int min) {
    if (values.size() != size || values.stream().anyMatch(v -> v < min)) {
      throw new IllegalArgumentException(
          layer + ": " + name + " needs " + size + " values, each >= " + min + ", found " + values);
    }
    return List.copyOf(values);
  }

  /**
   * The number of window positions along an axis of size {@code input} padded by {@code before}
   * and {@code after}: {@code (input + before + after - dilation * (kernel - 1) - 1) / stride + 1}.
   */
  static int outputSize(int input, int before, int after, int kernel, int stride, int dilation) {
    int span = dilation * (kernel - 1) + 1;
    int padded = input + before + after;
    return padded < span ? 0 : (padded - span) / stride + 1;
  }

  /** Checks that {@code x} is one {@code [channels, height, width]} sample. */
  static void checkSample(String layer, Tensor x) {
    if (x.rank() != 3) {
      throw new ShapeMismatchException(
          layer + ".forward: x must be one sample of shape [channels, height, width], but has shape "
              + Arrays.toString(x.shape()) + "; for a batch use " + layer + "Batched.forward");
    }
  }

  /** Checks that the window fits in {@code x} at least once along each axis. */
  static void checkOutput(String layer, Tensor x, int outHeight, int outWidth) {
    if (outHeight <= 0 || outWidth <= 0) {
      throw new ShapeMismatchException(
          layer + ".forward: x of shape " + Arrays.toString(x.shape()) + " is smaller than the window,"
              + " even with padding; the output would be " + outHeight + "x" + outWidth);
    }
  }

  /** {@code x} with {@code before} and {@code after} elements of {@code value} around {@code axis}. */
  static Tensor pad(Tensor x, int axis, int before, int after, float value) {
    if (before == 0 && after == 0) {
      return x;
    }
    int[] shape = x.shape();
    shape[axis] = before;
    Tensor head = Tensor.full(value, shape);
    shape[axis] = after;
    Tensor tail = Tensor.full(value, shape);
    return Tensor.concat(axis, head, x, tail);
  }

  /**
   * The im2col patches of a padded {@code [channels, height, width]} sample: element {@code [c, i,
   * oh, j, ow]} is {@code x[c, i * dilation + oh * stride, j * dilation + ow * stride]}, so {@code
   * [c, :, oh, :, ow]} is the window of output position {@code (oh, ow)}. Two gathers, whose
   * gradient is a scatter-add.
   */
  static Tensor patches(
      Tensor padded, List<Integer> kernel, List<Integer> stride, List<Integer> dilation, int outHeight, int outWidth) {
    Tensor rows = positions(kernel.get(0), outHeight, stride.get(0), dilation.get(0));
    Tensor cols = positions(kernel.get(1), outWidth, stride.get(1), dilation.get(1));
    return padded.take(rows, 1).take(cols, 3);
  }

  /** The int32 {@code [kernel, out]} table of input positions {@code i * dilation + o * stride}. */
  private static Tensor positions(int kernel, int out, int stride, int dilation) {
    int[] positions = new int[kernel * out];
    for (int i = 0; i < kernel; i++) {
      for (int o = 0; o < out; o++) {
        positions[i * out + o] = i * dilation + o * stride;
      }
    }
    return Tensor.ofInts(positions, kernel, out);
  }
}
