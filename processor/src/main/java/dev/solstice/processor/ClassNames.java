package dev.solstice.processor;

import com.palantir.javapoet.ClassName;

/**
 * Every type the processor names but does not link against: the runtime API used by generated
 * code, the annotations it reads, and the names of the classes it generates. The processor never
 * depends on {@code solstice-runtime}, so runtime types appear here only as names.
 */
final class ClassNames {
  static final String ANNOTATIONS_PACKAGE = "dev.solstice.annotations";
  static final String MODEL = ANNOTATIONS_PACKAGE + ".Model";
  static final String VMAP = ANNOTATIONS_PACKAGE + ".Vmap";
  static final String STATIC = ANNOTATIONS_PACKAGE + ".Static";
  static final ClassName SHAPE = ClassName.get(ANNOTATIONS_PACKAGE, "Shape");
  /** The simple name of the nullability annotations copied to gradient records, whatever their package. */
  static final String NULLABLE = "Nullable";

  static final ClassName TENSOR = ClassName.get("dev.solstice.runtime", "Tensor");
  static final ClassName AUTODIFF = ClassName.get("dev.solstice.runtime", "Autodiff");
  static final ClassName BATCHING = ClassName.get("dev.solstice.runtime", "Batching");
  static final ClassName VALUE_AND_GRAD = ClassName.get("dev.solstice.runtime", "ValueAndGrad");
  static final ClassName KEY = ClassName.get("dev.solstice.runtime.random", "Key");
  static final ClassName TREE_DEF = ClassName.get("dev.solstice.runtime.tree", "TreeDef");
  static final ClassName PYTREE = ClassName.get("dev.solstice.runtime.tree", "Pytree");
  static final ClassName TREE_NODE = ClassName.get("dev.solstice.runtime.tree", "TreeNode");
  static final ClassName TREE_NODE_DEF = TREE_NODE.nestedClass("Def");
  static final ClassName SHAPE_SCOPE = ClassName.get("dev.solstice.shape", "ShapeScope");

  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  static final ClassName LIST = ClassName.get("java.util", "List");
  static final ClassName ARRAY_LIST = ClassName.get("java.util", "ArrayList");
  static final ClassName ARRAYS = ClassName.get("java.util", "Arrays");
  static final ClassName COLLECTIONS = ClassName.get("java.util", "Collections");
  static final ClassName ITERATOR = ClassName.get("java.util", "Iterator");
  static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");
  static final ClassName NO_SUCH_ELEMENT = ClassName.get("java.util", "NoSuchElementException");
  static final ClassName FUNCTION = ClassName.get("java.util.function", "Function");
  static final ClassName BI_PREDICATE = ClassName.get("java.util.function", "BiPredicate");

  private ClassNames() {}

  /** {@code FooTree} for a model {@code Foo}; {@code FooGradTree} for its gradient {@code FooGrad}. */
  static ClassName treeOf(ClassName type) {
    return generated(type, "Tree");
  }

  /** {@code FooGrad} for a model {@code Foo}. */
  static ClassName gradOf(ClassName model) {
    return generated(model, "Grad");
  }

  /** {@code FooBatched} for a model {@code Foo}. */
  static ClassName batchedOf(ClassName model) {
    return generated(model, "Batched");
  }

  /**
   * A top-level class in the package of {@code type}, named after it plus {@code suffix}; a member
   * record {@code Outer.Foo} gives {@code Outer_FooTree}, so two nested {@code Foo}s never clash.
   */
  private static ClassName generated(ClassName type, String suffix) {
    return ClassName.get(type.packageName(), String.join("_", type.simpleNames()) + suffix);
  }
}
