package dev.solstice.runtime.nn;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;
import dev.solstice.runtime.tree.TreeDef;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A layer that {@link Sequential} can chain: one sample in, one sample out, as an Equinox module
 * called with {@code layer(x, key=key)}.
 *
 * <p>The annotation processor does not traverse components whose type is an interface, so a layer
 * also says how to take it apart into its parameters: {@link #layerTree()}, usually {@code
 * Layer.tree(Foo.class, FooTree.INSTANCE)} with the tree generated for the {@code @Model} record.
 */
public interface Layer {

  /**
   * This layer applied to one sample.
   *
   * @param key the randomness of layers that draw (such as {@link Dropout}); other layers ignore
   *     it, and may be given null
   */
  Tensor apply(Tensor x, @Nullable Key key);

  /** How to flatten this layer into its parameters and rebuild it; {@link SequentialTree} uses it. */
  TreeDef<Layer> layerTree();

  /** The tree of a layer of type {@code type}, seen as a tree of {@link Layer}s. */
  static <L extends Layer> TreeDef<Layer> tree(Class<L> type, TreeDef<L> tree) {
    return new LayerTree<>(type, tree);
  }
}
