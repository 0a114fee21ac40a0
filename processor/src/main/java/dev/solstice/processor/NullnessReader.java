package dev.solstice.processor;

import com.palantir.javapoet.AnnotationSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.AnnotatedConstruct;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;

/**
 * Reads the nullability annotations of a child component: every annotation whose simple name is
 * {@code Nullable}, from any package, as a type annotation (Checker Framework, JSpecify) or a
 * declaration annotation (JSR 305, Android).
 */
final class NullnessReader {
  private NullnessReader() {}

  /** The {@code Nullable} annotations of {@code component}, a child described by {@code child}. */
  static Nullness read(RecordComponentElement component, TreeTypes.Child child) {
    List<AnnotationSpec> element = nullable(child.element());
    List<AnnotationSpec> container =
        child.container() == Container.SINGLE ? List.of() : nullable(component.asType());
    Set<String> onTypes =
        Stream.concat(element.stream(), container.stream()).map(a -> a.type().toString()).collect(Collectors.toSet());
    // javac puts a declaration annotation on the component, its accessor or both, depending on
    // its @Target; a TYPE_USE one that is also a declaration annotation is copied on the type only.
    Map<String, AnnotationSpec> declaration = new LinkedHashMap<>();
    for (AnnotatedConstruct declared : List.of(component, component.getAccessor())) {
      for (AnnotationSpec annotation : nullable(declared)) {
        if (!onTypes.contains(annotation.type().toString())) {
          declaration.putIfAbsent(annotation.type().toString(), annotation);
        }
      }
    }
    if (element.isEmpty() && container.isEmpty() && declaration.isEmpty()) {
      return Nullness.NONE;
    }
    return new Nullness(List.copyOf(declaration.values()), container, element);
  }

  private static List<AnnotationSpec> nullable(AnnotatedConstruct construct) {
    List<AnnotationSpec> found = new ArrayList<>();
    for (AnnotationMirror mirror : construct.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getSimpleName().contentEquals(ClassNames.NULLABLE)) {
        found.add(AnnotationSpec.get(mirror));
      }
    }
    return found;
  }
}
