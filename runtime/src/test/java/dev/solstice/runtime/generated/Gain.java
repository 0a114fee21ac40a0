package dev.solstice.runtime.generated;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.TreeNode;

/** {@code factor * x}: a block with one scalar parameter. */
@Model
record Gain(@Shape("") Tensor factor) implements Block {
  @Override
  public @Shape("n") Tensor apply(@Shape("n") Tensor x) {
    return x.mul(factor);
  }

  @Override
  public TreeNode.Def nodeDef() {
    return GainTree.NODE;
  }
}
