package dev.solstice.processor;

/**
 * What a record component of a {@code @Model} is to the tree: a child holding leaves (a tensor or
 * a model, alone or in a list, array or optional) or a static value carried over unchanged.
 */
enum ComponentKind {
  TENSOR(Container.SINGLE, false),
  MODEL(Container.SINGLE, true),
  LIST_OF_TENSOR(Container.LIST, false),
  LIST_OF_MODEL(Container.LIST, true),
  ARRAY_OF_TENSOR(Container.ARRAY, false),
  ARRAY_OF_MODEL(Container.ARRAY, true),
  OPTIONAL_TENSOR(Container.OPTIONAL, false),
  OPTIONAL_MODEL(Container.OPTIONAL, true),
  /** Not a child: ints, strings, enums, functions, unsupported types and {@code @Static} components. */
  STATIC(null, false);

  /** How a child holds its tensors or models. */
  enum Container {
    SINGLE,
    LIST,
    ARRAY,
    OPTIONAL
  }

  private final Container container;
  private final boolean holdsModels;

  ComponentKind(Container container, boolean holdsModels) {
    this.container = container;
    this.holdsModels = holdsModels;
  }

  /** The kind of a child with the given container whose elements are models or tensors. */
  static ComponentKind of(Container container, boolean holdsModels) {
    for (ComponentKind kind : values()) {
      if (kind.container == container && kind.holdsModels == holdsModels) {
        return kind;
      }
    }
    throw new IllegalArgumentException("no kind for " + container);
  }

  boolean isStatic() {
    return this == STATIC;
  }

  /** The container of a child; not defined for {@link #STATIC}. */
  Container container() {
    if (isStatic()) {
      throw new IllegalStateException("a static component has no container");
    }
    return container;
  }

  /** True when the child holds {@code @Model} records rather than tensors. */
  boolean holdsModels() {
    return holdsModels;
  }

  /** The kind of the matching component of a gradient record: arrays become lists. */
  ComponentKind inGradient() {
    return container() == Container.ARRAY ? of(Container.LIST, holdsModels) : this;
  }
}
