package dev.solstice.runtime.nn;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.annotations.Vmap;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;
import dev.solstice.runtime.tree.TreeNode;
import dev.solstice.shape.ShapeMismatchException;
import java.util.Arrays;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A two-dimensional convolution: {@code equinox.nn.Conv2d} with zero padding ({@code
 * lax.conv_general_dilated} on one sample). Input channels are split into {@code groups} groups,
 * each convolved with its own {@code out_channels / groups} filters.
 *
 * <p>Computed as im2col and one (grouped) matrix product: the windows of the padded input are
 * gathered into a {@code [groups, group_channels * kernel_height * kernel_width, out_height *
 * out_width]} matrix, which the weight, seen as {@code [groups, out_channels / groups,
 * group_channels * kernel_height * kernel_width]}, multiplies.
 *
 * @param weight the filters, {@code [out_channels, in_channels / groups, kernel_height,
 *     kernel_width]}
 * @param bias the per-channel bias {@code [out_channels, 1, 1]}, or null without one
 * @param stride the steps between windows, {@code [height, width]}
 * @param padding zeros added around the input, {@code [top, bottom, left, right]}
 * @param dilation the spacing between kernel taps, {@code [height, width]}
 * @param groups the number of channel groups
 */
@Model
public record Conv2d(
    @Shape("out_channels group_channels kernel_height kernel_width") Tensor weight,
    @Nullable @Shape("out_channels 1 1") Tensor bias,
    List<Integer> stride,
    List<Integer> padding,
    List<Integer> dilation,
    int groups)
    implements Layer {

  /** Checks and copies the hyper-parameters. */
  public Conv2d {
    stride = Windows.check("Conv2d", "stride", stride, 2, 1);
    padding = Windows.check("Conv2d", "padding", padding, 4, 0);
    dilation = Windows.check("Conv2d", "dilation", dilation, 2, 1);
    if (groups < 1) {
      throw new IllegalArgumentException("Conv2d: groups must be >= 1, found " + groups);
    }
  }

  /** A square kernel with stride 1, no padding, dilation 1, one group and a bias. */
  public static Conv2d init(int inChannels, int outChannels, int kernelSize, Key key) {
    return init(inChannels, outChannels, kernelSize, 1, 0, key);
  }

  /** A square kernel with the same stride and padding along both axes, one group and a bias. */
  public static Conv2d init(int inChannels, int outChannels, int kernelSize, int stride, int padding, Key key) {
    return init(
        inChannels,
        outChannels,
        Windows.pair(kernelSize),
        Windows.pair(stride),
        Windows.pair(padding),
        Windows.pair(1),
        1,
        true,
        key);
  }

  /**
   * As {@code Conv2d(in_channels, out_channels, kernel_size, stride, padding, dilation, groups,
   * use_bias, key=key)}: weight and bias uniform in {@code [-lim, lim)}, {@code lim = 1 /
   * sqrt(in_channels / groups * kernel_height * kernel_width)}, from the two halves of {@code
   * key.split(2)}.
   *
   * @param kernelSize {@code [height, width]}
   * @param stride {@code [height, width]}
   * @param padding {@code [height, width]} (both sides alike) or {@code [top, bottom, left, right]}
   * @param dilation {@code [height, width]}
   */
  public static Conv2d init(
      int inChannels,
      int outChannels,
      List<Integer> kernelSize,
      List<Integer> stride,
      List<Integer> padding,
      List<Integer> dilation,
      int groups,
      boolean useBias,
      Key key) {
    Windows.check("Conv2d", "kernelSize", kernelSize, 2, 1);
    if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0) {
      throw new IllegalArgumentException(
          "Conv2d.init: in_channels (" + inChannels + ") and out_channels (" + outChannels
              + ") must be divisible by groups (" + groups + ")");
    }
    Key[] keys = key.split(2);
    int groupChannels = inChannels / groups;
    float limit = (float) (1 / Math.sqrt(groupChannels * kernelSize.get(0) * kernelSize.get(1)));
    Tensor weight = keys[0].uniform(-limit, limit, outChannels, groupChannels, kernelSize.get(0), kernelSize.get(1));
    Tensor bias = useBias ? keys[1].uniform(-limit, limit, outChannels, 1, 1) : null;
    return new Conv2d(weight, bias, stride, Windows.padding("Conv2d.init", padding), dilation, groups);
  }

  /** The kernel's {@code [height, width]}. */
  public List<Integer> kernelSize() {
    return List.of(weight.dim(2), weight.dim(3));
  }

  /** The number of input channels, {@code groups} times the channels of one group. */
  public int inChannels() {
    return weight.dim(1) * groups;
  }

  /** The number of output channels. */
  public int outChannels() {
    return weight.dim(0);
  }

  /**
   * One sample, {@code [in_channels, height, width]} to {@code [out_channels, out_height,
   * out_width]} with {@code out = (in + pad_before + pad_after - dilation * (kernel - 1) - 1) /
   * stride + 1} per axis.
   */
  @Vmap
  public @Shape("out_channels out_height out_width") Tensor forward(
      @Shape("in_channels height width") Tensor x) {
    Windows.checkSample("Conv2d", x);
    if (x.dim(0) != inChannels()) {
      throw new ShapeMismatchException(
          "Conv2d.forward: x of shape " + Arrays.toString(x.shape()) + " has " + x.dim(0)
              + " channels, but the layer takes " + inChannels());
    }
    List<Integer> kernel = kernelSize();
    int outHeight =
        Windows.outputSize(x.dim(1), padding.get(0), padding.get(1), kernel.get(0), stride.get(0), dilation.get(0));
    int outWidth =
        Windows.outputSize(x.dim(2), padding.get(2), padding.get(3), kernel.get(1), stride.get(1), dilation.get(1));
    Windows.checkOutput("Conv2d", x, outHeight, outWidth);
    Tensor padded = Windows.pad(Windows.pad(x, 1, padding.get(0), padding.get(1), 0f), 2, padding.get(2), padding.get(3), 0f);
    int taps = weight.dim(1) * kernel.get(0) * kernel.get(1);
    Tensor columns = Windows.patches(padded, kernel, stride, dilation, outHeight, outWidth)
        .transpose(0, 1, 3, 2, 4)
        .reshape(groups, taps, outHeight * outWidth);
    Tensor filters = weight.reshape(groups, outChannels() / groups, taps);
    Tensor y = filters.matmul(columns).reshape(outChannels(), outHeight, outWidth);
    return bias == null ? y : y.add(bias);
  }

  /** {@link #forward}; the key is ignored. */
  @Override
  public Tensor apply(Tensor x, @Nullable Key key) {
    return forward(x);
  }

  @Override
  public TreeNode.Def nodeDef() {
    return Conv2dTree.NODE;
  }
}
