package dev.solstice.runtime.generated;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.TreeNode;

/** {@code tanh(weight · x + bias)}: a block with parameters, flattened by the generated {@code DenseTree.NODE}. */
@Model
record Dense(@Shape("n n") Tensor weight, @Shape("n") Tensor bias) implements Block {
  @Override
  public @Shape("n") Tensor apply(@Shape("n") Tensor x) {
    return weight.matmul(x).add(bias).tanh();
  }

  @Override
  public TreeNode.Def nodeDef() {
    return DenseTree.NODE;
  }
}
