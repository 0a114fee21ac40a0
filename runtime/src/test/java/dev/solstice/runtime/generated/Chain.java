package dev.solstice.runtime.generated;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.annotations.Vmap;
import dev.solstice.runtime.Tensor;
import java.util.List;
import java.util.Optional;

/** Blocks of any type in order, then an optional head: a record with TreeNode children. */
@Model
record Chain(List<Block> blocks, Optional<Block> head) {
  @Vmap
  @Shape("n") Tensor forward(@Shape("n") Tensor x) {
    for (Block block : blocks) {
      x = block.apply(x);
    }
    return head.isPresent() ? head.get().apply(x) : x;
  }
}
