package dev.solstice.runtime.generated;

import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.TreeDef;
import dev.solstice.runtime.tree.TreeNode;
import java.util.List;

/** {@code x²}: a block without parameters that is not a record, with a hand-written tree. */
enum Square implements Block {
  INSTANCE;

  private static final TreeDef<Square> NO_LEAVES =
      new TreeDef<>() {
        @Override
        public List<Tensor> leaves(Square tree) {
          return List.of();
        }

        @Override
        public List<String> paths(Square tree) {
          return List.of();
        }

        @Override
        public Square rebuild(Square like, List<Tensor> leaves) {
          return like;
        }
      };

  private static final TreeNode.Def DEF = TreeNode.def(Square.class, NO_LEAVES, (first, second) -> first);

  @Override
  public @Shape("n") Tensor apply(@Shape("n") Tensor x) {
    return x.square();
  }

  @Override
  public TreeNode.Def nodeDef() {
    return DEF;
  }
}
