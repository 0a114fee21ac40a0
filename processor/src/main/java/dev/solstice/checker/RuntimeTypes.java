package dev.solstice.checker;

import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The runtime classes whose ops the checker knows by name. The checker never links against the
 * runtime; it recognises these classes by their qualified names.
 */
final class RuntimeTypes {
  static final String TENSOR = "dev.solstice.runtime.Tensor";
  static final String KEY = "dev.solstice.runtime.random.Key";
  static final String LOSSES = "dev.solstice.runtime.Losses";

  private RuntimeTypes() {}

  static boolean isTensor(Element element) {
    return element instanceof TypeElement type && type.getQualifiedName().contentEquals(TENSOR);
  }

  static boolean isTensor(TypeMirror type) {
    return type instanceof DeclaredType declared && isTensor(declared.asElement());
  }

  /** The runtime class declaring {@code type}'s ops, or null when it is none of them. */
  static OpShapeRules.@Nullable Owner owner(Element type) {
    if (!(type instanceof TypeElement element)) {
      return null;
    }
    String name = element.getQualifiedName().toString();
    switch (name) {
      case TENSOR:
        return OpShapeRules.Owner.TENSOR;
      case KEY:
        return OpShapeRules.Owner.KEY;
      case LOSSES:
        return OpShapeRules.Owner.LOSSES;
      default:
        return null;
    }
  }
}
