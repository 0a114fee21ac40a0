package dev.solstice.processor;

import com.palantir.javapoet.AnnotationSpec;
import java.util.List;

/**
 * The nullability annotations of a record component (any annotation named {@code Nullable}), so
 * the gradient record can declare its matching component alike.
 *
 * @param declaration declaration annotations on the component, such as {@code
 *     javax.annotation.Nullable}
 * @param container type annotations on a list, array or optional itself ({@code @Nullable
 *     List<Tensor>}, {@code Tensor @Nullable []}); none for a single tensor, model or node
 * @param element type annotations on the tensor, model or node type ({@code @Nullable Tensor},
 *     {@code List<@Nullable Linear>})
 */
record Nullness(List<AnnotationSpec> declaration, List<AnnotationSpec> container, List<AnnotationSpec> element) {
  /** No nullability annotation. */
  static final Nullness NONE = new Nullness(List.of(), List.of(), List.of());
}
