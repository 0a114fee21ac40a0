package dev.solstice.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * What a type is to a model tree: a tensor, a key, a {@code @Model} record, a {@code TreeNode}, or
 * a list, array or optional of tensors, models or nodes. Shared by validation and descriptor
 * building so both classify the same way.
 */
final class TreeTypes {
  private static final Set<String> CONTAINERS =
      Set.of("java.lang.Iterable", "java.util.Map", "java.util.Optional");

  private TreeTypes() {}

  static boolean isTensor(TypeMirror type) {
    return isClass(type, ClassNames.TENSOR.canonicalName());
  }

  static boolean isKey(TypeMirror type) {
    return isClass(type, ClassNames.KEY.canonicalName());
  }

  /** The {@code @Model} type {@code type} names, if it names one. */
  static Optional<TypeElement> asModel(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    return hasAnnotation(element, ClassNames.MODEL) ? Optional.of(element) : Optional.empty();
  }

  /** True when {@code element} carries the annotation with the given qualified name. */
  static boolean hasAnnotation(Element element, String annotation) {
    return annotationMirror(element, annotation).isPresent();
  }

  /** The annotation with the given qualified name on {@code element}, if present. */
  static Optional<AnnotationMirror> annotationMirror(Element element, String annotation) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(annotation)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /** The {@code @Shape} dims on {@code type} itself, or null. */
  static String shapeOf(TypeMirror type) {
    for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
      TypeElement annotation = (TypeElement) mirror.getAnnotationType().asElement();
      if (annotation.getQualifiedName().contentEquals(ClassNames.SHAPE.canonicalName())) {
        return mirror.getElementValues().values().stream()
            .map(value -> (String) value.getValue())
            .findFirst()
            .orElseThrow();
      }
    }
    return null;
  }

  /**
   * What a child component holds and how.
   *
   * @param kind tensors, models or nodes (never {@link ComponentKind#STATIC})
   * @param container how the component holds them
   * @param element the type of one tensor, model or node
   */
  record Child(ComponentKind kind, Container container, TypeMirror element) {}

  /** The child {@code component} is, or empty when it is static: marked {@code @Static}, or by its type. */
  static Optional<Child> childOf(RecordComponentElement component) {
    if (hasAnnotation(component, ClassNames.STATIC)) {
      return Optional.empty();
    }
    return childOf(component.asType());
  }

  /**
   * The child a component of type {@code type} is: a tensor, a {@code @Model} record or a {@code
   * TreeNode}, alone or in a {@code List}, array or {@code Optional}; empty for any other type.
   */
  static Optional<Child> childOf(TypeMirror type) {
    ComponentKind single = elementKind(type);
    if (single != null) {
      return Optional.of(new Child(single, Container.SINGLE, type));
    }
    if (type.getKind() == TypeKind.ARRAY) {
      TypeMirror element = ((ArrayType) type).getComponentType();
      ComponentKind kind = elementKind(element);
      if (kind != null) {
        return Optional.of(new Child(kind, Container.ARRAY, element));
      }
    }
    if (type.getKind() == TypeKind.DECLARED) {
      List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
      ComponentKind kind = arguments.size() == 1 ? elementKind(arguments.get(0)) : null;
      if (kind != null && isClass(type, ClassNames.LIST.canonicalName())) {
        return Optional.of(new Child(kind, Container.LIST, arguments.get(0)));
      }
      if (kind != null && isClass(type, ClassNames.OPTIONAL.canonicalName())) {
        return Optional.of(new Child(kind, Container.OPTIONAL, arguments.get(0)));
      }
    }
    return Optional.empty();
  }

  /** What a tensor, model or node type is to the tree, or null for any other type. */
  private static ComponentKind elementKind(TypeMirror type) {
    if (isTensor(type)) {
      return ComponentKind.TENSOR;
    }
    if (asModel(type).isPresent()) {
      return ComponentKind.MODEL;
    }
    return isTreeNode(type) ? ComponentKind.NODE : null;
  }

  /** True when {@code type} is {@code dev.solstice.runtime.tree.TreeNode} or a subtype of it. */
  static boolean isTreeNode(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && isOrExtends((TypeElement) ((DeclaredType) type).asElement(), Set.of(ClassNames.TREE_NODE.canonicalName()));
  }

  /**
   * The interface or abstract class declared outside the JDK that {@code type} is, or holds in a
   * {@code List}, array or {@code Optional}: a component of that type may hold records with
   * tensors that a static component would never train.
   */
  static Optional<TypeElement> openType(TypeMirror type) {
    List<TypeMirror> candidates = new ArrayList<>(List.of(type));
    if (type.getKind() == TypeKind.ARRAY) {
      candidates.add(((ArrayType) type).getComponentType());
    }
    if (isClass(type, ClassNames.LIST.canonicalName()) || isClass(type, ClassNames.OPTIONAL.canonicalName())) {
      candidates.addAll(((DeclaredType) type).getTypeArguments());
    }
    return candidates.stream()
        .filter(t -> t.getKind() == TypeKind.DECLARED)
        .map(t -> (TypeElement) ((DeclaredType) t).asElement())
        .filter(TreeTypes::isOpen)
        .findFirst();
  }

  private static boolean isOpen(TypeElement element) {
    boolean open =
        element.getKind() == ElementKind.INTERFACE
            || (element.getKind() == ElementKind.CLASS && element.getModifiers().contains(Modifier.ABSTRACT));
    String name = element.getQualifiedName().toString();
    return open && !name.startsWith("java.") && !name.startsWith("javax.");
  }

  /** True when a tensor, a {@code @Model} type or a {@code TreeNode} appears anywhere in {@code type}. */
  static boolean mentionsTree(TypeMirror type) {
    return anyPart(type, part -> elementKind(part) != null);
  }

  /**
   * True for the types that hold values the way lists do: arrays, {@link Iterable}s, {@code Map}s
   * and {@code Optional}. Functions that merely mention {@code Tensor} are not containers.
   */
  static boolean isContainer(TypeMirror type) {
    if (type.getKind() == TypeKind.ARRAY) {
      return true;
    }
    return type.getKind() == TypeKind.DECLARED
        && isOrExtends((TypeElement) ((DeclaredType) type).asElement(), CONTAINERS);
  }

  /** True when {@code element} or one of its supertypes has one of the qualified {@code names}. */
  static boolean isOrExtends(TypeElement element, Set<String> names) {
    if (names.contains(element.getQualifiedName().toString())) {
      return true;
    }
    List<TypeMirror> supertypes = new ArrayList<>(element.getInterfaces());
    supertypes.add(element.getSuperclass());
    return supertypes.stream()
        .filter(t -> t.getKind() == TypeKind.DECLARED)
        .anyMatch(t -> isOrExtends((TypeElement) ((DeclaredType) t).asElement(), names));
  }

  /** True when part of {@code type} could not be resolved (yet). */
  static boolean hasErrors(TypeMirror type) {
    return anyPart(type, part -> part.getKind() == TypeKind.ERROR);
  }

  /** True when {@code type} is a record that is not a {@code @Model} but has a tensor component. */
  static boolean isRecordHoldingTensors(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED || asModel(type).isPresent()) {
      return false;
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    return element.getKind() == ElementKind.RECORD
        && element.getRecordComponents().stream().anyMatch(c -> isTensor(c.asType()));
  }

  /** {@code type} as a person writes it, with simple names and without annotations: {@code List<Tensor>}. */
  static String describe(TypeMirror type) {
    return switch (type.getKind()) {
      case DECLARED, ERROR -> {
        DeclaredType declared = (DeclaredType) type;
        String name = declared.asElement().getSimpleName().toString();
        yield declared.getTypeArguments().isEmpty()
            ? name
            : name
                + declared.getTypeArguments().stream()
                    .map(TreeTypes::describe)
                    .collect(Collectors.joining(", ", "<", ">"));
      }
      case ARRAY -> describe(((ArrayType) type).getComponentType()) + "[]";
      case WILDCARD -> {
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          yield "? extends " + describe(wildcard.getExtendsBound());
        }
        yield wildcard.getSuperBound() != null ? "? super " + describe(wildcard.getSuperBound()) : "?";
      }
      default -> type.getKind().isPrimitive() ? type.getKind().name().toLowerCase(Locale.ROOT) : type.toString();
    };
  }

  /** True when {@code test} holds for {@code type} or for a type nested in it. */
  static boolean anyPart(TypeMirror type, Predicate<TypeMirror> test) {
    return parts(type).stream().anyMatch(test);
  }

  /** {@code type} and every type nested in it (type arguments, array elements, wildcard bounds). */
  static List<TypeMirror> parts(TypeMirror type) {
    List<TypeMirror> parts = new ArrayList<>();
    addParts(type, parts);
    return parts;
  }

  private static void addParts(TypeMirror type, List<TypeMirror> parts) {
    parts.add(type);
    switch (type.getKind()) {
      case ARRAY -> addParts(((ArrayType) type).getComponentType(), parts);
      case DECLARED -> ((DeclaredType) type).getTypeArguments().forEach(t -> addParts(t, parts));
      case WILDCARD -> {
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          addParts(wildcard.getExtendsBound(), parts);
        }
        if (wildcard.getSuperBound() != null) {
          addParts(wildcard.getSuperBound(), parts);
        }
      }
      default -> {}
    }
  }

  private static boolean isClass(TypeMirror type, String qualifiedName) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals(qualifiedName);
  }
}
