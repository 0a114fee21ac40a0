package p;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.TreeNode;

/** A @Model record that is a TreeNode: its tree gets a NODE definition. */
@Model
public record Dense(@Shape("out in") Tensor weight) implements Layer {
  @Override
  public Tensor apply(Tensor x) {
    return weight.matmul(x);
  }

  @Override
  public TreeNode.Def nodeDef() {
    return DenseTree.NODE;
  }
}
