package dev.solstice.processor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Validates a type annotated {@code @Model}: everything the generators rely on, reported on the
 * offending element. It never generates anything.
 */
final class ModelValidator {
  private ModelValidator() {}

  /** Every reason code cannot be generated for {@code type}; clean when there is none. */
  static ValidationReport validate(TypeElement type) {
    ValidationReport report = new ValidationReport();
    AnnotationMirror model = TreeTypes.annotationMirror(type, ClassNames.MODEL).orElseThrow();
    String name = type.getSimpleName().toString();
    if (type.getKind() != ElementKind.RECORD) {
      report.addError(
          String.format(
              "@Model applies to records, but %s is %s; declare it as a record whose components are its"
                  + " tensors, child models and static values: record %s(...)",
              name, kindName(type.getKind()), name),
          type,
          model);
      return report;
    }
    if (!type.getTypeParameters().isEmpty()) {
      report.addError(
          String.format(
              "@Model record %s cannot be generic: its generated tree code needs concrete component types;"
                  + " remove the type parameters %s",
              name, type.getTypeParameters()),
          type,
          model);
    }
    for (Element e = type; e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        report.addError(
            String.format(
                "@Model record %s %s private, but the code generated for it in the same package must use"
                    + " it; make %s package-private or public",
                name, e == type ? "is" : "is nested in " + e.getSimpleName() + ", which is", e.getSimpleName()),
            type,
            model);
      }
    }
    for (RecordComponentElement component : type.getRecordComponents()) {
      checkComponent(type, component, report);
    }
    checkNoCycle(type, report);
    for (ExecutableElement method : VmapAxes.vmapMethods(type)) {
      VmapValidator.validate(type, method, report);
    }
    return report;
  }

  private static void checkComponent(TypeElement record, RecordComponentElement component, ValidationReport report) {
    Element at = positionOf(record, component);
    TypeMirror type = component.asType();
    String what = "component " + component.getSimpleName() + " of " + record.getSimpleName();
    ShapeValidator.check(type, what, at, report);
    if (TreeTypes.hasAnnotation(component, ClassNames.STATIC)) {
      return;
    }
    Optional<TreeTypes.Child> child = TreeTypes.childOf(type);
    if (child.isPresent()) {
      checkNodeType(child.get(), what, at, report);
      return;
    }
    Optional<TypeElement> open = TreeTypes.openType(type);
    if (TreeTypes.isContainer(type) && TreeTypes.mentionsTree(type)) {
      report.addError(
          String.format(
              "%s has type %s, a container of tensors or models that @Model cannot traverse (supported:"
                  + " Tensor, a @Model record or a TreeNode, or a List, array or Optional of one of those);"
                  + " hold them in a nested @Model record, or mark the component @Static to carry it over"
                  + " unchanged",
              what, TreeTypes.describe(type)),
          at);
    } else if (TreeTypes.isRecordHoldingTensors(type)) {
      String typeName = TreeTypes.describe(type);
      report.addError(
          String.format(
              "%s has type %s, a record with Tensor components that is not annotated @Model, so its"
                  + " tensors would never be trained; annotate %s with @Model, or mark the component"
                  + " @Static to carry it over unchanged",
              what, typeName, typeName),
          at);
    } else if (open.isPresent()) {
      TypeElement openType = open.get();
      boolean isInterface = openType.getKind() == ElementKind.INTERFACE;
      report.addError(
          String.format(
              "%s has type %s, and %s is %s, so the tensors of the records behind it would never be"
                  + " trained; make %s %s %s (each @Model record implementing it returns its generated"
                  + " FooTree.NODE from nodeDef()), or use a @Model record type, or mark the component"
                  + " @Static if it holds no trainable tensors",
              what,
              TreeTypes.describe(type),
              openType.getSimpleName(),
              isInterface ? "an interface" : "an abstract class",
              openType.getSimpleName(),
              isInterface ? "extend" : "implement",
              ClassNames.TREE_NODE.canonicalName()),
          at);
    }
  }

  /**
   * Reports a {@code TreeNode} element type with type arguments: generated code casts rebuilt
   * nodes to it, which would be an unchecked cast.
   */
  private static void checkNodeType(TreeTypes.Child child, String what, Element at, ValidationReport report) {
    if (child.kind() != ComponentKind.NODE || ((DeclaredType) child.element()).getTypeArguments().isEmpty()) {
      return;
    }
    report.addError(
        String.format(
            "%s holds %s, a TreeNode type with type arguments, which generated code cannot rebuild without"
                + " an unchecked cast; use a TreeNode type without type arguments",
            what, TreeTypes.describe(child.element())),
        at);
  }

  /** Reports a chain of child models that leads from {@code record} back to itself. */
  private static void checkNoCycle(TypeElement record, ValidationReport report) {
    List<RecordComponentElement> cycle = new ArrayList<>();
    if (!findPathTo(record, record, new HashSet<>(), cycle)) {
      return;
    }
    String path =
        cycle.stream()
            .map(c -> c.getEnclosingElement().getSimpleName() + "." + c.getSimpleName())
            .collect(Collectors.joining(" -> "));
    report.addError(
        String.format(
            "@Model record %s contains itself through %s -> %s; a model is a finite tree, so mark one of"
                + " these components @Static or remove the cycle",
            record.getSimpleName(), path, record.getSimpleName()),
        positionOf(record, cycle.get(0)));
  }

  /**
   * Depth-first search through the child models of {@code from} for {@code target}; on success
   * {@code path} holds the components that lead there.
   */
  private static boolean findPathTo(
      TypeElement from, TypeElement target, Set<TypeElement> visited, List<RecordComponentElement> path) {
    for (RecordComponentElement component : from.getRecordComponents()) {
      Optional<TreeTypes.Child> found = TreeTypes.childOf(component);
      if (found.isEmpty() || found.get().kind() != ComponentKind.MODEL) {
        continue;
      }
      TypeElement child = TreeTypes.asModel(found.get().element()).orElseThrow();
      path.add(component);
      if (child.equals(target) || (visited.add(child) && findPathTo(child, target, visited, path))) {
        return true;
      }
      path.remove(path.size() - 1);
    }
    return false;
  }

  /**
   * Where to report about a record component: its private field, since javac positions nothing on
   * the component element itself.
   */
  static Element positionOf(TypeElement record, RecordComponentElement component) {
    return ElementFilter.fieldsIn(record.getEnclosedElements()).stream()
        .filter(field -> field.getSimpleName().equals(component.getSimpleName()))
        .<Element>map(field -> field)
        .findFirst()
        .orElse(record);
  }

  private static String kindName(ElementKind kind) {
    return switch (kind) {
      case INTERFACE -> "an interface";
      case ENUM -> "an enum";
      case ANNOTATION_TYPE -> "an annotation type";
      default -> "a " + kind.name().toLowerCase(Locale.ROOT);
    };
  }
}
