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
 * @param batchedReturnShape the {@code @Shape} of the batched result, or null when unknown
 * @param outAxis where the batch axis goes in the result; negative (counted from the end, as
 *     {@code Batching.out} accepts) only when the result's rank is not known from its spec
 * @param thrownTypes the method's {@code throws} clause
 * @param varargs whether the last parameter is variable-arity
 */
record VmapMethodDescriptor(
    String name,
    List<Parameter> parameters,
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
   * @param batchedShape the {@code @Shape} of the argument {@code FooBatched} takes (with the batch
   *     axis when mapped), or null when there is none or a variadic hides where the batch goes
   * @param axis the mapped axis of the batched argument, or {@code Vmap.NONE} when it is passed
   *     to every sample unchanged; negative (counted from the end, as {@code Batching.in} accepts)
   *     only when the argument's rank is not known
   */
  record Parameter(
      String name, TypeName type, ParameterKind kind, String batchedShape, int axis) {

    /** True when the argument has a batch axis. */
    boolean mapped() {
      return axis != Vmap.NONE;
    }
  }
}
