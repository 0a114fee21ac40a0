package dev.solstice.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;

/**
 * One record component of a model, as the generators see it.
 *
 * @param name the component's name (also its accessor's name)
 * @param kind what the component is to the tree
 * @param model the child record type when {@link ComponentKind#holdsModels()}, else null
 * @param shape the {@code @Shape} dims of the component's tensors, or null when not annotated
 */
record ComponentDescriptor(String name, ComponentKind kind, ClassName model, String shape) {

  /** The component's view in the gradient record: models become their gradients, arrays lists. */
  ComponentDescriptor inGradient() {
    return new ComponentDescriptor(
        name, kind.inGradient(), model == null ? null : ClassNames.gradOf(model), shape);
  }

  /** The same component without its {@code @Shape}: the type of locals in generated code. */
  ComponentDescriptor withoutShape() {
    return new ComponentDescriptor(name, kind, model, null);
  }

  /** How the component holds its tensors; a static tensor counts as a single one. */
  ComponentKind.Container container() {
    return kind.isStatic() ? ComponentKind.Container.SINGLE : kind.container();
  }

  /** True when some leaf of the component is checked against a {@code @Shape} spec. */
  boolean hasShape() {
    return shape != null;
  }

  /** {@code Tensor} or the model type: what the component holds, without annotations. */
  TypeName elementType() {
    return kind.holdsModels() ? model : ClassNames.TENSOR;
  }

  /** The component's declared type, with its {@code @Shape} on the tensor type where it has one. */
  TypeName type() {
    TypeName element = elementType();
    if (shape != null) {
      element = element.annotated(shapeAnnotation(shape));
    }
    return switch (container()) {
      case SINGLE -> element;
      case LIST -> ParameterizedTypeName.get(ClassNames.LIST, element);
      case ARRAY -> ArrayTypeName.of(element);
      case OPTIONAL -> ParameterizedTypeName.get(ClassNames.OPTIONAL, element);
    };
  }

  /** {@code @Shape("spec")}. */
  static AnnotationSpec shapeAnnotation(String spec) {
    return AnnotationSpec.builder(ClassNames.SHAPE).addMember("value", "$S", spec).build();
  }
}
