package dev.solstice.processor;

import com.palantir.javapoet.TypeName;
import dev.solstice.annotations.Vmap;
import java.util.List;

/**
 * A {@code @Vmap} method of a model, with its axes resolved: what {@code FooBatched} needs to
 * write the batched version.
 *
 * @param name the method's name
 * @param parameters the method's parameters, in order
 * @param returnShape the {@code @Shape} of the per-sample result, or null
 * @param batchedReturnShape the {@code @Shape} of the batched result, or null when unknown
 * @param outAxis where the batch axis goes in the result; negative (counted from the end) only
 *     when the result's rank is not known from its spec
 * @param thrownTypes the method's {@code throws} clause
 * @param varargs whether the last parameter is variable-arity
 */
record VmapMethodDescriptor(
    String name,
    List<Parameter> parameters,
    String returnShape,
    String batchedReturnShape,
    int outAxis,
    List<TypeName> thrownTypes,
    boolean varargs) {

  /** What a parameter is to batching. */
  enum ParameterKind {
    TENSOR,
    KEY,
    OTHER
  }

  /**
   * One parameter of a {@code @Vmap} method.
   *
   * @param name the parameter's name
   * @param type its type, without annotations
   * @param kind whether it is a tensor, a key or anything else
   * @param shape its per-sample {@code @Shape}, or null
   * @param batchedShape the {@code @Shape} of the batched argument, or null when unknown
   * @param axis the mapped axis of the batched argument, or {@code Vmap.NONE} when it is passed
   *     to every sample unchanged; negative only when the argument's rank is not known
   */
  record Parameter(
      String name, TypeName type, ParameterKind kind, String shape, String batchedShape, int axis) {

    /** True when the argument has a batch axis. */
    boolean mapped() {
      return axis != Vmap.NONE;
    }
  }

  /** The first mapped parameter, which gives the batch size; validation ensures there is one. */
  Parameter sizeSource() {
    return parameters.stream()
        .filter(Parameter::mapped)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(name + " maps no parameter"));
  }
}
