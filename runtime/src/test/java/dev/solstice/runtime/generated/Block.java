package dev.solstice.runtime.generated;

import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.TreeNode;

/** A step of a {@link Chain}: records of several types implement it, as layers of a Sequential. */
interface Block extends TreeNode {
  @Shape("n") Tensor apply(@Shape("n") Tensor x);
}
