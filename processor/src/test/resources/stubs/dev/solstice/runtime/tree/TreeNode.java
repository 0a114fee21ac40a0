package dev.solstice.runtime.tree;

import dev.solstice.runtime.Tensor;
import java.util.Iterator;
import java.util.function.BinaryOperator;

/** Compile-only stand-in for the runtime's TreeNode. */
public interface TreeNode {
  Def nodeDef();

  interface Def extends TreeDef<TreeNode> {
    TreeNode combine(TreeNode first, TreeNode second);
  }

  static <T extends TreeNode> Def def(Class<T> type, TreeDef<T> tree, BinaryOperator<T> combine) {
    throw new UnsupportedOperationException("stub");
  }

  static TreeNode rebuildFrom(TreeNode like, Iterator<Tensor> leaves) {
    throw new UnsupportedOperationException("stub");
  }

  static TreeNode combine(TreeNode first, TreeNode second) {
    throw new UnsupportedOperationException("stub");
  }
}
