package dev.solstice.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.solstice.annotations.Vmap;
import dev.solstice.processor.VmapMethodDescriptor.Parameter;
import dev.solstice.processor.VmapMethodDescriptor.ParameterKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/** Builds the {@link ModelDescriptor} of a {@code @Model} record that passed validation. */
final class DescriptorFactory {
  private DescriptorFactory() {}

  static ModelDescriptor describe(TypeElement record) {
    List<ComponentDescriptor> components =
        record.getRecordComponents().stream().map(DescriptorFactory::component).toList();
    List<String> componentShapes =
        components.stream().map(ComponentDescriptor::shape).filter(Objects::nonNull).toList();
    List<VmapMethodDescriptor> methods =
        VmapAxes.vmapMethods(record).stream().map(m -> vmapMethod(m, componentShapes)).toList();
    boolean treeNode = TreeTypes.isTreeNode(record.asType());
    return new ModelDescriptor(record, ClassName.get(record), components, methods, false, treeNode);
  }

  private static ComponentDescriptor component(RecordComponentElement component) {
    String name = component.getSimpleName().toString();
    TypeMirror type = component.asType();
    Optional<TreeTypes.Child> child = TreeTypes.childOf(component);
    if (child.isEmpty()) {
      boolean tensor = TreeTypes.isTensor(type);
      return new ComponentDescriptor(
          name,
          ComponentKind.STATIC,
          Container.SINGLE,
          tensor ? ClassNames.TENSOR : null,
          tensor ? TreeTypes.shapeOf(type) : null,
          Nullness.NONE);
    }
    TreeTypes.Child found = child.get();
    String shape = found.kind() == ComponentKind.TENSOR ? TreeTypes.shapeOf(found.element()) : null;
    return new ComponentDescriptor(
        name,
        found.kind(),
        found.container(),
        TypeName.get(found.element()).withoutAnnotations(),
        shape,
        NullnessReader.read(component, found));
  }

  /**
   * The descriptor of a {@code @Vmap} method; the batch axis gets a name no spec of the method or
   * the model uses ({@code batch} unless taken), so it cannot bind to one of their dims.
   */
  private static VmapMethodDescriptor vmapMethod(ExecutableElement method, List<String> componentShapes) {
    List<? extends VariableElement> parameters = method.getParameters();
    String returnShape = TreeTypes.shapeOf(method.getReturnType());
    List<String> specs = new ArrayList<>(componentShapes);
    parameters.stream().map(p -> TreeTypes.shapeOf(p.asType())).filter(Objects::nonNull).forEach(specs::add);
    if (returnShape != null) {
      specs.add(returnShape);
    }
    String batch = ShapeSpecs.freshName("batch", specs);

    int[] axes = VmapAxes.inAxes(method);
    List<Parameter> described = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      TypeMirror type = parameters.get(i).asType();
      ParameterKind kind = VmapAxes.kindOf(type);
      String shape = kind == ParameterKind.TENSOR ? TreeTypes.shapeOf(type) : null;
      int axis = axes[i];
      String batchedShape = shape;
      if (axis != Vmap.NONE && shape != null) {
        axis = VmapAxes.normalise(axis, batchedRank(shape));
        batchedShape = ShapeSpecs.withAxis(shape, batch, axis);
      }
      described.add(
          new Parameter(
              parameters.get(i).getSimpleName().toString(),
              TypeName.get(type).withoutAnnotations(),
              kind,
              batchedShape,
              axis));
    }

    int outAxis = method.getAnnotation(Vmap.class).outAxes();
    String batchedReturnShape = null;
    if (returnShape != null) {
      outAxis = VmapAxes.normalise(outAxis, batchedRank(returnShape));
      batchedReturnShape = ShapeSpecs.withAxis(returnShape, batch, outAxis);
    }
    return new VmapMethodDescriptor(
        method.getSimpleName().toString(),
        described,
        batchedReturnShape,
        outAxis,
        method.getThrownTypes().stream().map(TypeName::get).toList(),
        method.isVarArgs());
  }

  /** The rank of a batch of samples with {@code spec}, or -1 when not known. */
  private static int batchedRank(String spec) {
    int rank = ShapeSpecs.rank(spec);
    return rank < 0 ? -1 : rank + 1;
  }
}
