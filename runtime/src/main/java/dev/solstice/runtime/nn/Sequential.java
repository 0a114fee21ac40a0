package dev.solstice.runtime.nn;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;
import dev.solstice.runtime.tree.Pytree;
import dev.solstice.runtime.tree.TreeDef;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Layers applied in order: {@code equinox.nn.Sequential}. Any {@link Layer} can take part, so
 * linear layers, activations, dropout and convolutions mix freely:
 *
 * <pre>{@code
 * Key[] k = key.split(2);
 * Sequential model = Sequential.of(Linear.init(2, 16, k[0]), Activation.TANH, Linear.init(16, 1, k[1]));
 * ValueAndGrad<Sequential> vg = SequentialTree.valueAndGrad(model, m -> loss(m, x, y));
 * }</pre>
 *
 * <p>Not a {@code @Model} record: the annotation processor does not look inside a list of an
 * interface type, so {@link SequentialTree} flattens it by asking each layer for its {@link
 * Layer#layerTree()}. As in Equinox, its gradient has its own type: a {@code Sequential} whose
 * layers hold the gradients of the parameters. {@link SequentialBatched} runs batches.
 *
 * @param layers the layers, first applied first
 */
public record Sequential(List<Layer> layers) implements Layer, Pytree<Sequential> {

  /** Makes a copy of {@code layers}. */
  public Sequential {
    layers = List.copyOf(layers);
  }

  /** {@code Sequential([layers...])}. */
  public static Sequential of(Layer... layers) {
    return new Sequential(List.of(layers));
  }

  /**
   * One sample through every layer in turn. Given a key, layer {@code i} gets key {@code i} of
   * {@code key.split(layers.size())}; without one, every layer gets null.
   */
  public Tensor forward(Tensor x, @Nullable Key key) {
    Key[] keys = key == null ? new Key[layers.size()] : key.split(layers.size());
    for (int i = 0; i < layers.size(); i++) {
      x = layers.get(i).apply(x, keys[i]);
    }
    return x;
  }

  /** {@link #forward}. */
  @Override
  public Tensor apply(Tensor x, @Nullable Key key) {
    return forward(x, key);
  }

  @Override
  public TreeDef<Layer> layerTree() {
    return Layer.tree(Sequential.class, SequentialTree.INSTANCE);
  }

  /** {@link SequentialTree#INSTANCE}: a {@code Sequential} holding gradients is flattened like one holding parameters. */
  @Override
  public TreeDef<Sequential> treeDef() {
    return SequentialTree.INSTANCE;
  }
}
