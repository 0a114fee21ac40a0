package dev.solstice.processor;

import com.palantir.javapoet.ClassName;
import dev.solstice.annotations.Vmap;
import dev.solstice.processor.VmapMethodDescriptor.ParameterKind;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/** Validates a {@code @Vmap} method of a {@code @Model} record. */
final class VmapValidator {
  private VmapValidator() {}

  /** Adds to {@code report} every reason {@code method} of {@code record} cannot be batched. */
  static void validate(TypeElement record, ExecutableElement method, ValidationReport report) {
    AnnotationMirror mirror = TreeTypes.annotationMirror(method, ClassNames.VMAP).orElseThrow();
    String name = record.getSimpleName() + "." + method.getSimpleName();
    String batched = ClassNames.batchedOf(ClassName.get(record)).simpleName();
    if (method.getModifiers().contains(Modifier.STATIC)) {
      report.addError(
          String.format(
              "@Vmap needs an instance method, but %s is static: %s.%s takes the model as its first"
                  + " argument and calls model.%s(...); remove static or remove @Vmap",
              name, batched, method.getSimpleName(), method.getSimpleName()),
          method,
          mirror);
    }
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      report.addError(
          String.format(
              "@Vmap method %s is private, but the generated %s calls it; make it package-private or public",
              name, batched),
          method,
          mirror);
    }
    if (!method.getTypeParameters().isEmpty()) {
      report.addError(
          String.format("@Vmap method %s cannot be generic; remove its type parameters", name), method, mirror);
    }
    if (!TreeTypes.isTensor(method.getReturnType())) {
      report.addError(
          String.format(
              "@Vmap method %s must return a Tensor, but it returns %s",
              name, TreeTypes.describe(method.getReturnType())),
          method,
          mirror);
    }
    ShapeValidator.check(method.getReturnType(), "the result of " + name, method, report);
    List<? extends VariableElement> parameters = method.getParameters();
    for (VariableElement parameter : parameters) {
      ShapeValidator.check(parameter.asType(), "parameter " + parameter + " of " + name, parameter, report);
    }

    Vmap vmap = method.getAnnotation(Vmap.class);
    if (vmap.inAxes().length != 0 && vmap.inAxes().length != parameters.size()) {
      report.addError(
          String.format(
              "@Vmap inAxes of %s has %d entries, but the method has %d parameters; give one axis per"
                  + " parameter (Vmap.NONE for one passed unchanged to every sample), or leave inAxes out"
                  + " to map every Tensor and Key parameter at axis 0",
              name, vmap.inAxes().length, parameters.size()),
          method,
          mirror);
      return;
    }
    int[] axes = VmapAxes.inAxes(method);
    boolean anyMapped = false;
    for (int i = 0; i < axes.length; i++) {
      if (axes[i] != Vmap.NONE) {
        anyMapped |= checkInAxis(name, i, axes[i], parameters.get(i), report);
      }
    }
    if (!anyMapped) {
      report.addError(
          String.format(
              "@Vmap method %s maps no parameter, so there is no batch; map at least one Tensor or Key"
                  + " parameter in inAxes",
              name),
          method,
          mirror);
    }
    String result = TreeTypes.shapeOf(method.getReturnType());
    String outOfRange = outOfRange(vmap.outAxes(), result);
    if (outOfRange != null) {
      report.addError(
          String.format("@Vmap outAxes = %d is out of range for the result of %s: %s", vmap.outAxes(), name, outOfRange),
          method,
          mirror);
    }
  }

  /** Checks the mapped axis of one parameter; true when the parameter can be mapped at all. */
  private static boolean checkInAxis(
      String method, int index, int axis, VariableElement parameter, ValidationReport report) {
    ParameterKind kind = VmapAxes.kindOf(parameter.asType());
    if (kind == ParameterKind.OTHER) {
      report.addError(
          String.format(
              "parameter %s of %s is %s and cannot be mapped at axis %d: only Tensor and Key parameters"
                  + " have a batch axis; use Vmap.NONE for it in inAxes",
              parameter, method, TreeTypes.describe(parameter.asType()), axis),
          parameter);
      return false;
    }
    if (kind == ParameterKind.KEY && axis < 0) {
      report.addError(
          String.format(
              "inAxes[%d] = %d counts the batch axis of Key parameter %s of %s from the end; give it from"
                  + " the front (0 for a key array)",
              index, axis, parameter, method),
          parameter);
    }
    String outOfRange = outOfRange(axis, TreeTypes.shapeOf(parameter.asType()));
    if (kind == ParameterKind.TENSOR && outOfRange != null) {
      report.addError(
          String.format("inAxes[%d] = %d is out of range for parameter %s of %s: %s", index, axis, parameter, method, outOfRange),
          parameter);
    }
    return true;
  }

  /**
   * Why {@code axis} cannot be the batch axis of a value whose samples have {@code spec}, or null
   * when it can or the rank is not known.
   */
  private static String outOfRange(int axis, String spec) {
    if (spec == null || ShapeSpecs.syntaxProblem(spec) != null) {
      return null;
    }
    int rank = ShapeSpecs.rank(spec);
    if (rank < 0 || (axis >= -(rank + 1) && axis <= rank)) {
      return null;
    }
    return String.format(
        "with @Shape(\"%s\") each sample has %d axes, so the batch has %d and the axis must be in %d..%d",
        spec, rank, rank + 1, -(rank + 1), rank);
  }
}
