package dev.solstice.runtime.nn;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.annotations.Vmap;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;
import dev.solstice.runtime.tree.TreeNode;
import java.util.Arrays;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Two-dimensional max pooling: {@code equinox.nn.MaxPool2d}, the maximum of each window of each
 * channel ({@code lax.reduce_window} with {@code lax.max} from {@code -inf}). Padding adds
 * {@code -inf}, so it never wins.
 *
 * <p>Note Equinox's default stride is 1, not the kernel size.
 *
 * @param kernelSize the window's {@code [height, width]}
 * @param stride the steps between windows, {@code [height, width]}
 * @param padding {@code -inf} added around the input, {@code [top, bottom, left, right]}; no side
 *     may exceed the kernel
 * @param useCeil whether a last, partial window counts (the output size rounds up rather than
 *     down), by padding {@code stride} more at the bottom or right where needed
 */
@Model
public record MaxPool2d(List<Integer> kernelSize, List<Integer> stride, List<Integer> padding, boolean useCeil)
    implements Layer {

  /** Checks and copies the hyper-parameters. */
  public MaxPool2d {
    kernelSize = Windows.check("MaxPool2d", "kernelSize", kernelSize, 2, 1);
    stride = Windows.check("MaxPool2d", "stride", stride, 2, 1);
    padding = Windows.check("MaxPool2d", "padding", padding, 4, 0);
    for (int i = 0; i < 4; i++) {
      if (padding.get(i) > kernelSize.get(i / 2)) {
        throw new IllegalArgumentException(
            "MaxPool2d: padding " + padding + " exceeds the kernel " + kernelSize
                + "; each side's padding must be at most the kernel size along its axis");
      }
    }
  }

  /** {@code MaxPool2d(kernel_size)}: a square window, stride 1, no padding. */
  public static MaxPool2d init(int kernelSize) {
    return init(kernelSize, 1);
  }

  /** {@code MaxPool2d(kernel_size, stride)}: square windows, no padding. */
  public static MaxPool2d init(int kernelSize, int stride) {
    return init(Windows.pair(kernelSize), Windows.pair(stride), Windows.pair(0), false);
  }

  /**
   * {@code MaxPool2d(kernel_size, stride, padding, use_ceil)}.
   *
   * @param padding {@code [height, width]} (both sides alike) or {@code [top, bottom, left, right]}
   */
  public static MaxPool2d init(List<Integer> kernelSize, List<Integer> stride, List<Integer> padding, boolean useCeil) {
    return new MaxPool2d(kernelSize, stride, Windows.padding("MaxPool2d.init", padding), useCeil);
  }

  /** One sample, {@code [channels, height, width]} to {@code [channels, out_height, out_width]}. */
  @Vmap
  public @Shape("channels out_height out_width") Tensor forward(@Shape("channels height width") Tensor x) {
    Windows.checkSample("MaxPool2d", x);
    int top = padding.get(0);
    int bottom = padding.get(1) + ceilPadding(x.dim(1), padding.get(0) + padding.get(1), 0);
    int left = padding.get(2);
    int right = padding.get(3) + ceilPadding(x.dim(2), padding.get(2) + padding.get(3), 1);
    if (bottom > kernelSize.get(0) || right > kernelSize.get(1)) {
      throw new IllegalArgumentException(
          "MaxPool2d.forward: with useCeil the padding of x of shape " + Arrays.toString(x.shape())
              + " grows to [" + top + ", " + bottom + ", " + left + ", " + right + "], beyond the kernel "
              + kernelSize + "; use a smaller stride or no useCeil");
    }
    int outHeight = Windows.outputSize(x.dim(1), top, bottom, kernelSize.get(0), stride.get(0), 1);
    int outWidth = Windows.outputSize(x.dim(2), left, right, kernelSize.get(1), stride.get(1), 1);
    Windows.checkOutput("MaxPool2d", x, outHeight, outWidth);
    float fill = Float.NEGATIVE_INFINITY;
    Tensor padded = Windows.pad(Windows.pad(x, 1, top, bottom, fill), 2, left, right, fill);
    return Windows.patches(padded, kernelSize, stride, Windows.pair(1), outHeight, outWidth)
        .max(new int[] {1, 3}, false);
  }

  /** The extra padding {@code use_ceil} adds after an axis: a stride, when the windows leave a remainder. */
  private int ceilPadding(int size, int padded, int axis) {
    boolean remainder = (size + padded - kernelSize.get(axis)) % stride.get(axis) != 0;
    return useCeil && remainder ? stride.get(axis) : 0;
  }

  /** {@link #forward}; the key is ignored. */
  @Override
  public Tensor apply(Tensor x, @Nullable Key key) {
    return forward(x);
  }

  @Override
  public TreeNode.Def nodeDef() {
    return MaxPool2dTree.NODE;
  }
}
