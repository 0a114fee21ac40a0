package dev.solstice.runtime.optim;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.TreeDef;
import java.util.List;
import java.util.Map;

/**
 * The optimizer state for parameters of type {@code P}, as {@link GradientTransformation#init(
 * TreeDef, Object)} returns it and {@link GradientTransformation#update(dev.solstice.runtime.tree.Pytree,
 * OptState, Object)} advances it. Immutable: every update returns a new one, which the next step
 * must use.
 *
 * <p>Save and restore: store {@link #asMap()} (the {@link #leaves()} under their {@link #paths()})
 * next to the model, e.g. in safetensors; to resume, {@code opt.init(tree, model).withLeaves(saved)}
 * rebuilds the state with the saved tensors, checking every path, shape and dtype.
 *
 * @param paramsDef how the parameters flatten; update reads the params' leaves through it
 * @param tree the state itself, a tree of named tensors
 */
public record OptState<P>(TreeDef<P> paramsDef, StateTree tree) {

  /** Every tensor of the state, in {@link #paths()} order. */
  public List<Tensor> leaves() {
    return tree.leaves();
  }

  /** The dotted name of each leaf: {@code "0.count"}, {@code "0.mu.l1.weight"}. */
  public List<String> paths() {
    return tree.paths();
  }

  /**
   * Each leaf under its path, in order: store it with the model, e.g. {@code
   * Checkpoint.builder().add(MlpTree.INSTANCE, model).add("opt.", state.asMap())}.
   */
  public Map<String, Tensor> asMap() {
    return tree.asMap();
  }

  /** This state with {@code leaves} (in {@link #paths()} order, same shapes and dtypes) in place of its own. */
  public OptState<P> withLeaves(List<Tensor> leaves) {
    return new OptState<>(paramsDef, tree.withLeaves(leaves));
  }

  /** This state with the tensor stored under each of {@link #paths()} in {@code byPath}. */
  public OptState<P> withLeaves(Map<String, Tensor> byPath) {
    return new OptState<>(paramsDef, tree.withLeaves(byPath));
  }

  /** The leaf at {@code path}, e.g. the injected learning rate {@code "hyperparams.learning_rate"}. */
  public Tensor get(String path) {
    return tree.leaf(path);
  }

  /** This state with the leaf at {@code path} replaced, e.g. to lower an injected learning rate. */
  public OptState<P> with(String path, Tensor value) {
    return new OptState<>(paramsDef, tree.withLeaf(path, value));
  }
}
