package dev.solstice.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A validated {@code @Model} record, or the gradient record generated for one, as the generators
 * see it.
 *
 * @param element the {@code @Model} record this descriptor came from (the originating element of
 *     every generated file, also for the gradient record)
 * @param type the record described: the model {@code Foo}, or {@code FooGrad} for a gradient
 * @param components all record components, in declaration order
 * @param vmapMethods the {@code @Vmap} methods (none for a gradient)
 * @param gradient true when this describes the generated gradient record
 * @param treeNode true when the record described implements {@code TreeNode}, so its tree gets a
 *     {@code NODE} definition for its {@code nodeDef()} to return
 */
record ModelDescriptor(
    TypeElement element,
    ClassName type,
    List<ComponentDescriptor> components,
    List<VmapMethodDescriptor> vmapMethods,
    boolean gradient,
    boolean treeNode) {

  /** The {@code @Model} record's class name. */
  ClassName model() {
    return ClassName.get(element);
  }

  /** {@code FooTree} (or {@code FooGradTree}): the tree definition of {@link #type}. */
  ClassName tree() {
    return ClassNames.treeOf(type);
  }

  /** {@code FooGrad}: the gradient record of the model. */
  ClassName grad() {
    return ClassNames.gradOf(model());
  }

  /** {@code FooBatched}: the batched {@code @Vmap} methods of the model. */
  ClassName batched() {
    return ClassNames.batchedOf(model());
  }

  /** The components that hold leaves, in declaration order. */
  List<ComponentDescriptor> children() {
    return components.stream().filter(c -> !c.kind().isStatic()).toList();
  }

  /** The gradient record {@code FooGrad} seen as a tree: the children only, as gradients. */
  ModelDescriptor gradientView() {
    List<ComponentDescriptor> gradComponents =
        children().stream().map(ComponentDescriptor::inGradient).toList();
    return new ModelDescriptor(element, grad(), gradComponents, List.of(), true, false);
  }
}
