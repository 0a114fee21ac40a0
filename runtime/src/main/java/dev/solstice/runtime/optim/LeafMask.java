package dev.solstice.runtime.optim;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.FlatTree;
import java.util.function.Predicate;

/**
 * Which leaves a transformation applies to, decided from each leaf's path and tensor: Optax's
 * boolean mask tree or mask function, e.g. {@code (path, leaf) -> leaf.rank() > 1} (no weight
 * decay on biases and norms). Methods that take a mask also take a {@code Predicate<String>} of
 * the path alone, e.g. {@code path -> !path.endsWith("bias")}.
 */
@FunctionalInterface
public interface LeafMask {

  /** Whether the leaf at {@code path} is selected. */
  boolean test(String path, Tensor leaf);

  /** A mask that looks at the path only. */
  static LeafMask byPath(Predicate<String> selected) {
    return (path, leaf) -> selected.test(path);
  }

  /** The flags of {@code tree}'s leaves, in order. */
  default boolean[] flags(FlatTree tree) {
    boolean[] flags = new boolean[tree.size()];
    for (int i = 0; i < flags.length; i++) {
      flags[i] = test(tree.paths().get(i), tree.leaves().get(i));
    }
    return flags;
  }
}
