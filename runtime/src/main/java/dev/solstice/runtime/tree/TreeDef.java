package dev.solstice.runtime.tree;

import dev.solstice.runtime.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * How to take a tree of type {@code T} apart into its differentiable leaves and put it back
 * together: JAX's {@code PyTreeDef} for one record type. Generated {@code FooTree.INSTANCE} and
 * {@code FooGrad.TREE} implement it; optimizers and tree arithmetic work on any {@code TreeDef}.
 *
 * <p>Leaves come in declaration order, depth first. Static components are not leaves; {@link
 * #rebuild} carries them over from {@code like}.
 */
public interface TreeDef<T> {

  /** The differentiable tensors of {@code tree}, in declaration order, depth first. */
  List<Tensor> leaves(T tree);

  /** The dotted path of each leaf of {@code tree}, parallel to {@link #leaves}: {@code "l1.weight"}, {@code "layers.0.bias"}. */
  List<String> paths(T tree);

  /** A tree like {@code like} (same structure and static components) with {@code leaves} in place of its own. */
  T rebuild(T like, List<Tensor> leaves);

  /** {@code tree} with {@code f} applied to every leaf. */
  default T map(T tree, UnaryOperator<Tensor> f) {
    List<Tensor> leaves = leaves(tree);
    List<Tensor> mapped = new ArrayList<>(leaves.size());
    for (Tensor leaf : leaves) {
      mapped.add(f.apply(leaf));
    }
    return rebuild(tree, mapped);
  }

  /** A tree like {@code a} whose leaves are {@code f(a leaf, b leaf)}; {@code a} and {@code b} must have the same structure. */
  default T zip(T a, T b, BinaryOperator<Tensor> f) {
    List<Tensor> left = leaves(a);
    List<Tensor> right = leaves(b);
    if (left.size() != right.size()) {
      throw new IllegalArgumentException(
          "trees differ in structure: " + left.size() + " leaves against " + right.size());
    }
    List<Tensor> zipped = new ArrayList<>(left.size());
    for (int i = 0; i < left.size(); i++) {
      zipped.add(f.apply(left.get(i), right.get(i)));
    }
    return rebuild(a, zipped);
  }
}
