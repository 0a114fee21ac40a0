package dev.solstice.runtime.nn;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.annotations.Vmap;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;
import dev.solstice.runtime.tree.TreeNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Dropout: {@code equinox.nn.Dropout}. In training each element is zeroed with probability
 * {@code p} and the others are scaled by {@code 1 / (1 - p)}; in inference it does nothing.
 *
 * <p>Under {@code DropoutBatched.forward(dropout, xs, keys)} every sample draws with its own key
 * of the key array {@code keys} (for example {@code key.splitArray(batch)}), as {@code
 * jax.vmap(dropout)(xs, key=keys)}.
 *
 * @param p the probability of zeroing an element, in {@code [0, 1]}
 * @param inference true to pass inputs through unchanged; {@link #withInference} toggles it, as
 *     {@code equinox.nn.inference_mode} does
 */
@Model
public record Dropout(float p, boolean inference) implements Layer {

  /** Checks that {@code p} is a probability. */
  public Dropout {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("Dropout: p must be in [0, 1], found " + p);
    }
  }

  /** {@code Dropout()}: p 0.5, in training mode. */
  public static Dropout init() {
    return new Dropout(0.5f, false);
  }

  /** {@code Dropout(p)}, in training mode. */
  public static Dropout init(float p) {
    return new Dropout(p, false);
  }

  /** {@code Dropout(p, inference)}. */
  public static Dropout init(float p, boolean inference) {
    return new Dropout(p, inference);
  }

  /** This layer with its inference flag set to {@code inference}. */
  public Dropout withInference(boolean inference) {
    return new Dropout(p, inference);
  }

  /**
   * One sample, in the mode of {@link #inference()}.
   *
   * @param key the randomness; may be null in inference mode only
   */
  @Vmap
  public @Shape("*shape") Tensor forward(@Shape("*shape") Tensor x, @Nullable Key key) {
    return forward(x, key, inference);
  }

  /**
   * One sample, in inference mode if {@code inference} is true (overriding {@link #inference()}).
   * With {@code p} 0 it does nothing either. Otherwise each element is kept with probability {@code
   * q = 1 - p} (jax's {@code bernoulli(key, q, x.shape)}) and divided by {@code q}.
   *
   * @param key the randomness; may be null when nothing is dropped
   * @throws IllegalArgumentException if elements are to be dropped but {@code key} is null
   */
  @Vmap(inAxes = {0, 0, Vmap.NONE})
  public @Shape("*shape") Tensor forward(@Shape("*shape") Tensor x, @Nullable Key key, boolean inference) {
    if (inference || p == 0) {
      return x;
    }
    if (key == null) {
      throw new IllegalArgumentException(
          "Dropout needs a key when it is not in inference mode (p=" + p + "); pass a Key, or set"
              + " inference with withInference(true)");
    }
    float q = 1 - p;
    Tensor keep = key.bernoulli(q, x.shape());
    // x / q as XLA computes it (times the float32 reciprocal of the constant), so the kept values
    // are bit-for-bit those of jax.
    return Tensor.where(keep, x.mul(1 / q), Tensor.scalar(0));
  }

  /** {@link #forward(Tensor, Key)}. */
  @Override
  public Tensor apply(Tensor x, @Nullable Key key) {
    return forward(x, key);
  }

  @Override
  public TreeNode.Def nodeDef() {
    return DropoutTree.NODE;
  }
}
