package dev.solstice.runtime.nn;

import dev.solstice.runtime.Autodiff;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.ValueAndGrad;
import dev.solstice.runtime.tree.TreeDef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The tree of a {@link Sequential}: the leaves of its layers in order, each layer flattened by its
 * own {@link Layer#layerTree()}, with paths {@code "layers.0.weight"}. Written by hand in the shape
 * of a generated {@code FooTree}, which the annotation processor cannot make for a list of an
 * interface type.
 */
public final class SequentialTree implements TreeDef<Sequential> {
  /** The tree of every {@link Sequential}; it holds no state. */
  public static final SequentialTree INSTANCE = new SequentialTree();

  private SequentialTree() {}

  @Override
  public List<Tensor> leaves(Sequential tree) {
    List<Tensor> leaves = new ArrayList<>();
    for (Layer layer : tree.layers()) {
      leaves.addAll(layer.layerTree().leaves(layer));
    }
    return leaves;
  }

  @Override
  public List<String> paths(Sequential tree) {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < tree.layers().size(); i++) {
      Layer layer = tree.layers().get(i);
      for (String path : layer.layerTree().paths(layer)) {
        paths.add("layers." + i + "." + path);
      }
    }
    return paths;
  }

  /**
   * The {@link Sequential} with the layers of {@code like}, each rebuilt from its share of {@code
   * leaves}.
   *
   * @throws IllegalArgumentException if {@code leaves} does not have one tensor per leaf of {@code
   *     like}
   */
  @Override
  public Sequential rebuild(Sequential like, List<Tensor> leaves) {
    int expected = leaves(like).size();
    if (leaves.size() != expected) {
      throw new IllegalArgumentException(
          "cannot rebuild Sequential: like has " + expected + " leaves, but " + leaves.size() + " were given");
    }
    List<Layer> layers = new ArrayList<>(like.layers().size());
    int next = 0;
    for (Layer layer : like.layers()) {
      TreeDef<Layer> tree = layer.layerTree();
      int count = tree.leaves(layer).size();
      layers.add(tree.rebuild(layer, leaves.subList(next, next + count)));
      next += count;
    }
    return new Sequential(layers);
  }

  /**
   * The value of {@code loss} at {@code model} and its gradient with respect to every parameter,
   * as a {@link Sequential} of the same structure holding gradients; {@code loss} must return a
   * scalar.
   */
  public static ValueAndGrad<Sequential> valueAndGrad(Sequential model, Function<Sequential, Tensor> loss) {
    ValueAndGrad<List<Tensor>> flat =
        Autodiff.valueAndGrad(INSTANCE.leaves(model), leaves -> loss.apply(INSTANCE.rebuild(model, leaves)));
    return new ValueAndGrad<>(flat.value(), INSTANCE.rebuild(model, flat.grad()));
  }

  /**
   * {@code model} with each parameter replaced by {@code parameter.add(update)}, Optax's {@code
   * apply_updates}.
   *
   * @throws IllegalArgumentException if {@code updates} does not match the structure or the shapes
   *     of {@code model}
   */
  public static Sequential applyUpdates(Sequential model, Sequential updates) {
    List<Tensor> params = INSTANCE.leaves(model);
    List<Tensor> deltas = INSTANCE.leaves(updates);
    if (deltas.size() != params.size()) {
      throw new IllegalArgumentException(
          "the updates have " + deltas.size() + " leaves, but the Sequential has " + params.size());
    }
    List<Tensor> updated = new ArrayList<>(params.size());
    for (int i = 0; i < params.size(); i++) {
      if (!Arrays.equals(params.get(i).shape(), deltas.get(i).shape())) {
        throw new IllegalArgumentException(
            "the update of " + INSTANCE.paths(model).get(i) + " has shape " + Arrays.toString(deltas.get(i).shape())
                + " but the parameter has shape " + Arrays.toString(params.get(i).shape()));
      }
      updated.add(params.get(i).add(deltas.get(i)));
    }
    return INSTANCE.rebuild(model, updated);
  }
}
