package dev.solstice.runtime.nn;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.TreeDef;
import java.util.List;

/** The tree of a layer type {@code L}, taking any {@link Layer} and checking that it is an {@code L}. */
record LayerTree<L extends Layer>(Class<L> type, TreeDef<L> tree) implements TreeDef<Layer> {

  @Override
  public List<Tensor> leaves(Layer layer) {
    return tree.leaves(cast(layer));
  }

  @Override
  public List<String> paths(Layer layer) {
    return tree.paths(cast(layer));
  }

  @Override
  public Layer rebuild(Layer like, List<Tensor> leaves) {
    return tree.rebuild(cast(like), leaves);
  }

  private L cast(Layer layer) {
    if (!type.isInstance(layer)) {
      throw new IllegalArgumentException(
          "the tree of " + type.getSimpleName() + " was given a " + layer.getClass().getSimpleName());
    }
    return type.cast(layer);
  }
}
