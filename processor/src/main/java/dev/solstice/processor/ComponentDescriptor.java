package dev.solstice.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;

/**
 * One record component of a model, as the generators see it.
 *
 * @param name the component's name (also its accessor's name)
 * @param kind what the component holds, to the tree
 * @param container how a child holds its elements; {@link Container#SINGLE} for a static component
 * @param element the type of the child's elements without annotations: {@code Tensor}, the model
 *     record or the node type; {@code Tensor} for a static tensor, null for other static components
 * @param shape the {@code @Shape} dims of the component's tensors, or null when not annotated
 * @param nullness the component's nullability annotations
 */
record ComponentDescriptor(
    String name, ComponentKind kind, Container container, TypeName element, String shape, Nullness nullness) {

  /** The component's view in the gradient record: models become their gradients, arrays lists. */
  ComponentDescriptor inGradient() {
    TypeName gradElement = kind == ComponentKind.MODEL ? ClassNames.gradOf(model()) : element;
    return new ComponentDescriptor(name, kind, container.inGradient(), gradElement, shape, nullness);
  }

  /** The child's {@code @Model} record type; only for {@link ComponentKind#MODEL}. */
  ClassName model() {
    if (kind != ComponentKind.MODEL) {
      throw new IllegalStateException(name + " holds no models");
    }
    return (ClassName) element;
  }

  /** True when some leaf of the component is checked against a {@code @Shape} spec. */
  boolean hasShape() {
    return shape != null;
  }

  /** The component's declared type, with its {@code @Shape} and nullability type annotations. */
  TypeName type() {
    List<AnnotationSpec> onElement = new ArrayList<>(nullness.element());
    if (shape != null) {
      onElement.add(shapeAnnotation(shape));
    }
    return contain(element.annotated(onElement)).annotated(nullness.container());
  }

  /** The component's type without annotations: the type of locals in generated code. */
  TypeName localType() {
    return contain(element);
  }

  private TypeName contain(TypeName elementType) {
    return switch (container) {
      case SINGLE -> elementType;
      case LIST -> ParameterizedTypeName.get(ClassNames.LIST, elementType);
      case ARRAY -> ArrayTypeName.of(elementType);
      case OPTIONAL -> ParameterizedTypeName.get(ClassNames.OPTIONAL, elementType);
    };
  }

  /** {@code @Shape("spec")}. */
  static AnnotationSpec shapeAnnotation(String spec) {
    return AnnotationSpec.builder(ClassNames.SHAPE).addMember("value", "$S", spec).build();
  }
}
