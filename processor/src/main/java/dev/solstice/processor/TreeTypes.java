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
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * What a type is to a model tree: a tensor, a key, a {@code @Model} record, or a list, array or
 * optional of tensors or models. Shared by validation and descriptor building so both classify
 * the same way.
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

  /** The kind of a record component: {@code @Static} first, then by its type. */
  static ComponentKind kindOf(RecordComponentElement component) {
    if (hasAnnotation(component, ClassNames.STATIC)) {
      return ComponentKind.STATIC;
    }
    return kindOf(component.asType());
  }

  /** The kind of a component of type {@code type} that is not marked {@code @Static}. */
  static ComponentKind kindOf(TypeMirror type) {
    if (isLeafOrModel(type)) {
      return ComponentKind.of(ComponentKind.Container.SINGLE, asModel(type).isPresent());
    }
    if (type.getKind() == TypeKind.ARRAY) {
      TypeMirror element = ((ArrayType) type).getComponentType();
      if (isLeafOrModel(element)) {
        return ComponentKind.of(ComponentKind.Container.ARRAY, asModel(element).isPresent());
      }
    }
    if (type.getKind() == TypeKind.DECLARED) {
      List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
      if (arguments.size() == 1 && isLeafOrModel(arguments.get(0))) {
        boolean models = asModel(arguments.get(0)).isPresent();
        if (isClass(type, ClassNames.LIST.canonicalName())) {
          return ComponentKind.of(ComponentKind.Container.LIST, models);
        }
        if (isClass(type, ClassNames.OPTIONAL.canonicalName())) {
          return ComponentKind.of(ComponentKind.Container.OPTIONAL, models);
        }
      }
    }
    return ComponentKind.STATIC;
  }

  /** The tensor or model type inside a child of the given kind, or {@code type} itself if single. */
  static TypeMirror elementOf(TypeMirror type, ComponentKind kind) {
    return switch (kind.container()) {
      case SINGLE -> type;
      case ARRAY -> ((ArrayType) type).getComponentType();
      case LIST, OPTIONAL -> ((DeclaredType) type).getTypeArguments().get(0);
    };
  }

  /** True when a tensor or a {@code @Model} type appears anywhere in {@code type}. */
  static boolean mentionsTree(TypeMirror type) {
    return anyPart(type, TreeTypes::isLeafOrModel);
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
        && isOrExtendsContainer((TypeElement) ((DeclaredType) type).asElement());
  }

  private static boolean isOrExtendsContainer(TypeElement element) {
    String name = element.getQualifiedName().toString();
    if (CONTAINERS.contains(name)) {
      return true;
    }
    List<TypeMirror> supertypes = new ArrayList<>(element.getInterfaces());
    supertypes.add(element.getSuperclass());
    return supertypes.stream()
        .filter(t -> t.getKind() == TypeKind.DECLARED)
        .anyMatch(t -> isOrExtendsContainer((TypeElement) ((DeclaredType) t).asElement()));
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

  private static boolean isLeafOrModel(TypeMirror type) {
    return isTensor(type) || asModel(type).isPresent();
  }

  private static boolean isClass(TypeMirror type, String qualifiedName) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals(qualifiedName);
  }
}
