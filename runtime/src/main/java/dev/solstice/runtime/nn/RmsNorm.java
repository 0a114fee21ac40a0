package dev.solstice.runtime.nn;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.annotations.Vmap;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;
import dev.solstice.runtime.tree.TreeNode;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Root-mean-square normalisation: {@code equinox.nn.RMSNorm}. Rescales the whole input by
 * {@code 1 / sqrt(mean(x²) + eps)} without centring it, then scales by {@code weight} and shifts by
 * {@code bias} elementwise.
 *
 * @param weight the elementwise scale (ones at first), or null without one ({@code
 *     use_weight=False})
 * @param bias the elementwise shift (zeros at first), or null without one
 * @param shape the shape of the input
 * @param eps added to the mean square, for numerical stability
 */
@Model
public record RmsNorm(
    @Nullable @Shape("*shape") Tensor weight,
    @Nullable @Shape("*shape") Tensor bias,
    List<Integer> shape,
    float eps)
    implements Layer {

  /** Makes a copy of {@code shape}. */
  public RmsNorm {
    shape = List.copyOf(shape);
  }

  /** {@code RMSNorm(shape)}: eps 1e-5, with weight and bias (Equinox's defaults). */
  public static RmsNorm init(int... shape) {
    return init(Normalisation.shapeList(shape), 1e-5f, true, true);
  }

  /** {@code RMSNorm(shape, eps, use_weight, use_bias)}: weight ones, bias zeros. */
  public static RmsNorm init(List<Integer> shape, float eps, boolean useWeight, boolean useBias) {
    int[] dims = Normalisation.dims("RmsNorm", shape);
    return new RmsNorm(
        useWeight ? Tensor.ones(dims) : null, useBias ? Tensor.zeros(dims) : null, shape, eps);
  }

  /**
   * One sample: {@code rsqrt(mean(x²) + eps) * x * weight + bias}.
   *
   * @throws dev.solstice.shape.ShapeMismatchException if {@code x} does not have the layer's shape
   */
  @Vmap
  public @Shape("*shape") Tensor forward(@Shape("*shape") Tensor x) {
    Normalisation.checkInput("RmsNorm", shape, x);
    Tensor out = x.square().mean().add(eps).rsqrt().mul(x);
    return Normalisation.scaleAndShift(out, weight, bias);
  }

  /** {@link #forward}; the key is ignored. */
  @Override
  public Tensor apply(Tensor x, @Nullable Key key) {
    return forward(x);
  }

  @Override
  public TreeNode.Def nodeDef() {
    return RmsNormTree.NODE;
  }
}
