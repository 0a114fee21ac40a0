package p;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.TreeNode;

/** A layer of a Net: each record implementing it is flattened by its own tree. */
public interface Layer extends TreeNode {
  Tensor apply(Tensor x);
}
