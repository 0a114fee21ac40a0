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
 * Layer normalisation: {@code equinox.nn.LayerNorm}. Normalises the whole input by its mean and
 * variance, {@code (x - mean) / sqrt(var + eps)}, then scales by {@code weight} and shifts by
 * {@code bias} elementwise.
 *
 * <p>The statistics run over every axis of one sample; {@code LayerNormBatched.forward} normalises
 * each sample of a batch on its own, as {@code jax.vmap(layer_norm)} does.
 *
 * @param weight the elementwise scale (ones at first), or null without one ({@code
 *     use_weight=False})
 * @param bias the elementwise shift (zeros at first), or null without one
 * @param shape the shape of the input
 * @param eps added to the variance, for numerical stability
 */
@Model
public record LayerNorm(
    @Nullable @Shape("*shape") Tensor weight,
    @Nullable @Shape("*shape") Tensor bias,
    List<Integer> shape,
    float eps)
    implements Layer {

  /** Makes a copy of {@code shape}. */
  public LayerNorm {
    shape = List.copyOf(shape);
  }

  /** {@code LayerNorm(shape)}: eps 1e-5, with weight and bias. */
  public static LayerNorm init(int... shape) {
    return init(Normalisation.shapeList(shape), 1e-5f, true, true);
  }

  /** {@code LayerNorm(shape, eps, use_weight, use_bias)}: weight ones, bias zeros. */
  public static LayerNorm init(List<Integer> shape, float eps, boolean useWeight, boolean useBias) {
    int[] dims = Normalisation.dims("LayerNorm", shape);
    return new LayerNorm(
        useWeight ? Tensor.ones(dims) : null, useBias ? Tensor.zeros(dims) : null, shape, eps);
  }

  /**
   * One sample: {@code (x - mean(x)) * rsqrt(max(var(x), 0) + eps) * weight + bias}, with the
   * mean and the (biased) variance over all elements.
   *
   * @throws dev.solstice.shape.ShapeMismatchException if {@code x} does not have the layer's shape
   */
  @Vmap
  public @Shape("*shape") Tensor forward(@Shape("*shape") Tensor x) {
    Normalisation.checkInput("LayerNorm", shape, x);
    Tensor flat = x.reshape(-1);
    Tensor mean = flat.mean();
    Tensor variance = flat.var(0, false).maximum(0f);
    Tensor out = x.sub(mean).mul(variance.add(eps).rsqrt());
    return Normalisation.scaleAndShift(out, weight, bias);
  }

  /** {@link #forward}; the key is ignored. */
  @Override
  public Tensor apply(Tensor x, @Nullable Key key) {
    return forward(x);
  }

  @Override
  public TreeNode.Def nodeDef() {
    return LayerNormTree.NODE;
  }
}
