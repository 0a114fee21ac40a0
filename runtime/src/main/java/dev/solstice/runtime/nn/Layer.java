package dev.solstice.runtime.nn;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;
import dev.solstice.runtime.tree.TreeNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A layer that {@link Sequential} can chain: one sample in, one sample out, as an Equinox module
 * called with {@code layer(x, key=key)}.
 *
 * <p>A layer is a {@link TreeNode}: a {@code @Model} component of type {@code Layer} (or a list
 * of them) is flattened through the {@link #nodeDef()} of each layer's own type. A {@code @Model}
 * record {@code Foo} implementing it returns the generated {@code FooTree.NODE}.
 */
public interface Layer extends TreeNode {

  /**
   * This layer applied to one sample.
   *
   * @param key the randomness of layers that draw (such as {@link Dropout}); other layers ignore
   *     it, and may be given null
   */
  Tensor apply(Tensor x, @Nullable Key key);
}
