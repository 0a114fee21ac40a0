package dev.solstice.runtime.nn;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.annotations.Vmap;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;
import dev.solstice.runtime.tree.TreeNode;
import dev.solstice.shape.ShapeScope;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A dense layer {@code weight · x + bias}: {@code equinox.nn.Linear}.
 *
 * <p>One sample at a time, as in Equinox; {@code LinearBatched.forward(linear, xs)} runs a batch
 * {@code [batch, in]}.
 *
 * @param weight the {@code [out, in]} weight matrix
 * @param bias the {@code [out]} bias, or null for a layer without one ({@code use_bias=False})
 */
@Model
public record Linear(@Shape("out in") Tensor weight, @Nullable @Shape("out") Tensor bias) implements Layer {

  /** A layer with a bias, as {@code Linear(in_features, out_features, key=key)}. */
  public static Linear init(int inFeatures, int outFeatures, Key key) {
    return init(inFeatures, outFeatures, true, key);
  }

  /**
   * Equinox's initialisation: weight and bias uniform in {@code [-1/√in, 1/√in)} (bound 1 when
   * {@code in} is 0), drawn from the two halves of {@code key.split(2)}, as {@code
   * Linear(in_features, out_features, use_bias, key=key)}.
   */
  public static Linear init(int inFeatures, int outFeatures, boolean useBias, Key key) {
    if (inFeatures < 0 || outFeatures < 0) {
      throw new IllegalArgumentException(
          "Linear.init: feature counts must be >= 0, found in=" + inFeatures + ", out=" + outFeatures);
    }
    Key[] keys = key.split(2);
    float limit = inFeatures == 0 ? 1f : (float) (1 / Math.sqrt(inFeatures));
    Tensor weight = keys[0].uniform(-limit, limit, outFeatures, inFeatures);
    Tensor bias = useBias ? keys[1].uniform(-limit, limit, outFeatures) : null;
    return new Linear(weight, bias);
  }

  /** The input size {@code in}. */
  public int inFeatures() {
    return weight.dim(1);
  }

  /** The output size {@code out}. */
  public int outFeatures() {
    return weight.dim(0);
  }

  /** One sample: {@code weight · x + bias}. */
  @Vmap
  public @Shape("out") Tensor forward(@Shape("in") Tensor x) {
    if (ShapeScope.enabled()) {
      LinearTree.checkShapes(this).check("x of Linear.forward", "in", x.shape());
    }
    Tensor y = weight.matmul(x);
    return bias == null ? y : y.add(bias);
  }

  /** {@link #forward}; the key is ignored. */
  @Override
  public Tensor apply(Tensor x, @Nullable Key key) {
    return forward(x);
  }

  @Override
  public TreeNode.Def nodeDef() {
    return LinearTree.NODE;
  }
}
