package dev.solstice.runtime.tree;

import dev.solstice.runtime.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BinaryOperator;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A value that says how to take itself apart. A {@code @Model} component whose type is an
 * interface or abstract class extending {@code TreeNode} (alone, or in a {@code List}, array or
 * {@code Optional}) may hold records of several types, as an Equinox module may hold a list of
 * any modules; the generated tree flattens and rebuilds each value through the {@link #nodeDef()}
 * of its run-time type.
 *
 * <pre>{@code
 * public interface Layer extends TreeNode {
 *   Tensor apply(Tensor x);
 * }
 *
 * @Model
 * public record Linear(@Shape("out in") Tensor weight, @Shape("out") Tensor bias) implements Layer {
 *   public Tensor apply(Tensor x) { return weight.matmul(x).add(bias); }
 *   public TreeNode.Def nodeDef() { return LinearTree.NODE; }   // generated for each @Model TreeNode
 * }
 *
 * @Model
 * public record Net(List<Layer> layers) {}   // NetTree flattens each layer by its own tree
 * }</pre>
 *
 * <p>As in Equinox, where the gradient of a module is a module, the gradient of such a child is a
 * node of the same run-time type holding gradients: {@code NetGrad} has a {@code List<Layer>}
 * whose {@code Linear}s hold the gradients of the weights and biases.
 */
public interface TreeNode {

  /**
   * The tree definition of this value's run-time type. A {@code @Model} record {@code Foo}
   * returns the generated {@code FooTree.NODE}; another type builds one with {@link #def}.
   */
  Def nodeDef();

  /**
   * The tree definition of one node type, taking any {@link TreeNode}: it rejects nodes of other
   * types with an {@link IllegalArgumentException}.
   */
  interface Def extends TreeDef<TreeNode> {

    /**
     * Equinox's {@code combine} of two nodes of this type: a node holding the leaf of {@code
     * first} wherever {@code first} has one and the leaf of {@code second} elsewhere, with the
     * static components of {@code first}. Undoes a partition.
     */
    TreeNode combine(TreeNode first, TreeNode second);
  }

  /**
   * The {@link Def} of the node type {@code type}: {@code tree} flattens and rebuilds it, {@code
   * combine} combines two of it (for a {@code @Model} record {@code Foo}: {@code
   * FooTree.INSTANCE} and {@code FooTree::combine}, which the generated {@code FooTree.NODE}
   * uses).
   */
  static <T extends TreeNode> Def def(Class<T> type, TreeDef<T> tree, BinaryOperator<T> combine) {
    return new Def() {
      @Override
      public List<Tensor> leaves(TreeNode node) {
        return tree.leaves(cast(node));
      }

      @Override
      public List<String> paths(TreeNode node) {
        return tree.paths(cast(node));
      }

      @Override
      public TreeNode rebuild(TreeNode like, List<Tensor> leaves) {
        return tree.rebuild(cast(like), leaves);
      }

      @Override
      public TreeNode combine(TreeNode first, TreeNode second) {
        return combine.apply(cast(first), cast(second));
      }

      private T cast(@Nullable TreeNode node) {
        if (!type.isInstance(node)) {
          throw new IllegalArgumentException(
              "the tree of " + type.getSimpleName() + " was given a "
                  + (node == null ? "null node" : node.getClass().getSimpleName()));
        }
        return type.cast(node);
      }
    };
  }

  /**
   * {@code like} rebuilt by its own {@link #nodeDef()} from the next leaves of {@code leaves}, as
   * many as {@code like} has. Generated trees call it for the {@code TreeNode} children of a record.
   *
   * @throws java.util.NoSuchElementException if {@code leaves} runs out first
   */
  static TreeNode rebuildFrom(TreeNode like, Iterator<Tensor> leaves) {
    Def def = like.nodeDef();
    int count = def.leaves(like).size();
    List<Tensor> own = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      own.add(leaves.next());
    }
    return def.rebuild(like, own);
  }

  /**
   * Equinox's {@code combine} of two nodes, either of which may be null (absent): the other one if
   * so, else {@link Def#combine} of {@code first}'s definition. Generated trees call it for the
   * {@code TreeNode} children of a record.
   */
  static @Nullable TreeNode combine(@Nullable TreeNode first, @Nullable TreeNode second) {
    if (first == null) {
      return second;
    }
    if (second == null) {
      return first;
    }
    return first.nodeDef().combine(first, second);
  }
}
