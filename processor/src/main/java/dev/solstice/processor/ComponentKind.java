package dev.solstice.processor;

/**
 * What a record component of a {@code @Model} holds, to the tree: tensors, child models, tree
 * nodes flattened through their run-time type, or a static value carried over unchanged. How a
 * child holds them (alone, in a list, ...) is its {@link Container}.
 */
enum ComponentKind {
  /** {@code Tensor} leaves. */
  TENSOR,
  /** {@code @Model} records, flattened by their generated {@code FooTree}. */
  MODEL,
  /**
   * Values of a type extending {@code dev.solstice.runtime.tree.TreeNode}, typically an interface
   * implemented by several {@code @Model} records: flattened by the {@code nodeDef()} of each
   * value's run-time type. Their gradient is a node of the same type.
   */
  NODE,
  /** Not a child: ints, strings, enums, functions and {@code @Static} components. */
  STATIC;

  boolean isStatic() {
    return this == STATIC;
  }
}
