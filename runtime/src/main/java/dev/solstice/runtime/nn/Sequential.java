package dev.solstice.runtime.nn;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Vmap;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;
import dev.solstice.runtime.tree.TreeNode;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Layers applied in order: {@code equinox.nn.Sequential}. Any {@link Layer} can take part, so
 * linear layers, activations, dropout and convolutions mix freely:
 *
 * <pre>{@code
 * Key[] k = key.split(2);
 * Sequential model = Sequential.of(Linear.init(2, 16, k[0]), Activation.TANH, Linear.init(16, 1, k[1]));
 * ValueAndGrad<SequentialGrad> vg = SequentialTree.valueAndGrad(model, m -> loss(m, x, y));
 * }</pre>
 *
 * <p>A {@code @Model} record whose layers are {@link Layer}s, each flattened by its own tree
 * ({@link Layer#nodeDef()}); it can itself be a component of other {@code @Model} records. As in
 * Equinox, the gradient of a layer is a layer of the same type: {@code SequentialGrad.layers()}
 * holds, say, a {@link Linear} with the gradients of the weight and bias. {@code
 * SequentialBatched} runs batches.
 *
 * @param layers the layers, first applied first
 */
@Model
public record Sequential(List<Layer> layers) implements Layer {

  /** Makes a copy of {@code layers}. */
  public Sequential {
    layers = List.copyOf(layers);
  }

  /** {@code Sequential([layers...])}. */
  public static Sequential of(Layer... layers) {
    return new Sequential(List.of(layers));
  }

  /** One sample through every layer in turn, without keys: {@link #forward(Tensor, Key)} with none. */
  @Vmap
  public Tensor forward(Tensor x) {
    return forward(x, null);
  }

  /**
   * One sample through every layer in turn. Given a key, layer {@code i} gets key {@code i} of
   * {@code key.split(layers.size())}; without one, every layer gets null.
   */
  @Vmap
  public Tensor forward(Tensor x, @Nullable Key key) {
    Key[] keys = key == null ? new Key[layers.size()] : key.split(layers.size());
    for (int i = 0; i < layers.size(); i++) {
      x = layers.get(i).apply(x, keys[i]);
    }
    return x;
  }

  /** {@link #forward(Tensor, Key)}. */
  @Override
  public Tensor apply(Tensor x, @Nullable Key key) {
    return forward(x, key);
  }

  @Override
  public TreeNode.Def nodeDef() {
    return SequentialTree.NODE;
  }
}
