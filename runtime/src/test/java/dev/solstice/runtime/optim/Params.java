package dev.solstice.runtime.optim;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.Pytree;
import dev.solstice.runtime.tree.TreeDef;
import java.util.List;

/**
 * The golden data's parameter tree {@code {w: 3x2, b: 2}}, with a hand-written {@link TreeDef}
 * (what the processor generates for a model). It serves as its own gradient type.
 */
record Params(Tensor w, Tensor b) implements Pytree<Params> {
  static final TreeDef<Params> TREE =
      new TreeDef<>() {
        @Override
        public List<Tensor> leaves(Params tree) {
          return List.of(tree.w(), tree.b());
        }

        @Override
        public List<String> paths(Params tree) {
          return List.of("w", "b");
        }

        @Override
        public Params rebuild(Params like, List<Tensor> leaves) {
          if (leaves.size() != 2) {
            throw new IllegalArgumentException("Params has 2 leaves, found " + leaves.size());
          }
          return new Params(leaves.get(0), leaves.get(1));
        }
      };

  @Override
  public TreeDef<Params> treeDef() {
    return TREE;
  }
}
