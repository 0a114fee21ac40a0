package dev.solstice.processor;

import dev.solstice.annotations.Vmap;
import dev.solstice.processor.VmapMethodDescriptor.ParameterKind;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/** Reads {@code @Vmap} methods and the axes they map, for validation and descriptors alike. */
final class VmapAxes {
  private VmapAxes() {}

  /** The methods of {@code record} annotated {@code @Vmap}, in declaration order. */
  static List<ExecutableElement> vmapMethods(TypeElement record) {
    return ElementFilter.methodsIn(record.getEnclosedElements()).stream()
        .filter(method -> TreeTypes.hasAnnotation(method, ClassNames.VMAP))
        .toList();
  }

  /**
   * The mapped axis of each parameter as declared by {@code inAxes}, or by default: 0 for every
   * {@code Tensor} and {@code Key} parameter, {@link Vmap#NONE} for the rest. Validation has made
   * sure a declared {@code inAxes} has one entry per parameter.
   */
  static int[] inAxes(ExecutableElement method) {
    int[] declared = method.getAnnotation(Vmap.class).inAxes();
    if (declared.length > 0) {
      return declared;
    }
    return method.getParameters().stream()
        .mapToInt(p -> kindOf(p.asType()) == ParameterKind.OTHER ? Vmap.NONE : 0)
        .toArray();
  }

  /** Whether a parameter of this type is a tensor, a key, or something that cannot be mapped. */
  static ParameterKind kindOf(TypeMirror type) {
    if (TreeTypes.isTensor(type)) {
      return ParameterKind.TENSOR;
    }
    return TreeTypes.isKey(type) ? ParameterKind.KEY : ParameterKind.OTHER;
  }

  /** {@code axis} counted from the front of a batched value of {@code batchedRank} axes, if negative and the rank is known. */
  static int normalise(int axis, int batchedRank) {
    return axis < 0 && batchedRank >= 0 ? axis + batchedRank : axis;
  }
}
