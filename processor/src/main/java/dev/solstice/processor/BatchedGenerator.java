package dev.solstice.processor;

import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.PUBLIC;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.solstice.processor.VmapMethodDescriptor.Parameter;
import dev.solstice.processor.VmapMethodDescriptor.ParameterKind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.annotation.processing.Filer;

/**
 * Writes {@code FooBatched}: for each {@code @Vmap} method of a model {@code Foo}, a static method
 * taking the model and the method's arguments with a batch axis where {@code inAxes} maps them.
 * It checks the shapes, opens a {@code Batching} level, marks the batch axis of each mapped
 * argument, calls the method once and moves the batch axis of the result to {@code outAxes}.
 */
final class BatchedGenerator extends SourceFileGenerator {

  BatchedGenerator(Filer filer) {
    super(filer);
  }

  @Override
  ClassName className(ModelDescriptor model) {
    return model.batched();
  }

  @Override
  CodeBlock javadoc(ModelDescriptor model) {
    return CodeBlock.of(
        "Batched versions of the {@code @Vmap} methods of {@link $T}, as {@code jax.vmap}\n"
            + "makes them: each runs its method once over the whole batch through per-op batching\n"
            + "rules, not once per sample.",
        model.model());
  }

  @Override
  TypeSpec.Builder write(ModelDescriptor model) {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(model.batched())
            .addModifiers(PUBLIC, FINAL)
            .addMethod(MethodSpec.constructorBuilder().addModifiers(PRIVATE).build());
    for (VmapMethodDescriptor method : model.vmapMethods()) {
      type.addMethod(batched(model, method));
    }
    return type;
  }

  private static MethodSpec batched(ModelDescriptor model, VmapMethodDescriptor vmap) {
    NameAllocator names = new NameAllocator();
    vmap.parameters().forEach(parameter -> names.newName(parameter.name()));
    String self = names.newName("model");
    String check = names.newName("checkShapes");
    String scope = names.newName("scope");
    String batch = names.newName("batch");
    String result = names.newName("result");

    MethodSpec.Builder method =
        MethodSpec.methodBuilder(vmap.name())
            .addModifiers(PUBLIC, STATIC)
            .returns(annotated(ClassNames.TENSOR, vmap.batchedReturnShape()))
            .addParameter(model.model(), self)
            .addExceptions(vmap.thrownTypes())
            .addJavadoc(javadoc(model, vmap, self));
    for (Parameter parameter : vmap.parameters()) {
      method.addParameter(annotated(parameter.type(), parameter.batchedShape()), parameter.name());
    }
    method.varargs(vmap.varargs());

    boolean checksArguments = vmap.parameters().stream().anyMatch(p -> p.batchedShape() != null);
    boolean checksResult = vmap.batchedReturnShape() != null;
    boolean checks = model.hasShapes() || checksArguments || checksResult;
    if (checks) {
      method.addStatement("boolean $N = $T.enabled()", check, ClassNames.SHAPE_SCOPE);
      if (model.hasShapes()) {
        method.addStatement(
            "$T $N = $N ? $T.checkShapes($N) : new $T()",
            ClassNames.SHAPE_SCOPE, scope, check, model.tree(), self, ClassNames.SHAPE_SCOPE);
      } else {
        method.addStatement("$T $N = new $T()", ClassNames.SHAPE_SCOPE, scope, ClassNames.SHAPE_SCOPE);
      }
    }
    if (checksArguments) {
      method.beginControlFlow("if ($N)", check);
      for (Parameter parameter : vmap.parameters()) {
        if (parameter.batchedShape() != null) {
          method.addStatement(
              "$N.check($S, $S, $N.shape())", scope, parameter.name(), parameter.batchedShape(), parameter.name());
        }
      }
      method.endControlFlow();
    }

    method
        .addStatement("$T $N", ClassNames.TENSOR, result)
        .beginControlFlow("try ($T $N = $T.begin($L))", ClassNames.BATCHING, batch, ClassNames.BATCHING, batchSize(vmap));
    List<CodeBlock> arguments = new ArrayList<>();
    for (Parameter parameter : vmap.parameters()) {
      if (!parameter.mapped()) {
        arguments.add(CodeBlock.of("$N", parameter.name()));
        continue;
      }
      String sample = names.newName(parameter.name() + "Sample");
      TypeName type = parameter.kind() == ParameterKind.KEY ? ClassNames.KEY : ClassNames.TENSOR;
      method.addStatement(
          "$T $N = $N.in($S, $N, $L)", type, sample, batch, parameter.name(), parameter.name(), parameter.axis());
      arguments.add(CodeBlock.of("$N", sample));
    }
    method.addStatement(
        "$N = $N.out($N.$N($L),$W$L)", result, batch, self, vmap.name(), CodeBlock.join(arguments, ",$W"), vmap.outAxis());
    method.endControlFlow();

    if (checksResult) {
      method
          .beginControlFlow("if ($N)", check)
          .addStatement("$N.checkReturn($S, $N.shape())", scope, vmap.batchedReturnShape(), result)
          .endControlFlow();
    }
    return method.addStatement("return $N", result).build();
  }

  /** The batch size: the size of the mapped axis of the first mapped argument. */
  private static CodeBlock batchSize(VmapMethodDescriptor vmap) {
    Parameter source = vmap.sizeSource();
    return source.kind() == ParameterKind.KEY
        ? CodeBlock.of("$N.keyData().dim($L)", source.name(), source.axis())
        : CodeBlock.of("$N.dim($L)", source.name(), source.axis());
  }

  private static TypeName annotated(TypeName type, String shape) {
    return shape == null ? type : type.annotated(ComponentDescriptor.shapeAnnotation(shape));
  }

  private static CodeBlock javadoc(ModelDescriptor model, VmapMethodDescriptor vmap, String self) {
    String inAxes =
        vmap.parameters().stream()
            .map(p -> p.mapped() ? Integer.toString(p.axis()) : "None")
            .collect(Collectors.joining(", ", "(None, ", ")"));
    CodeBlock.Builder doc =
        CodeBlock.builder()
            .add(
                "Runs {@link $T#$L} on a whole batch at once, as\n"
                    + "{@code jax.vmap($L.$L, in_axes=$L, out_axes=$L)}.\n"
                    + "Checks the {@code @Shape} of the model and the arguments first, and of the result\n"
                    + "last, in one scope, unless shape checks are disabled.\n\n",
                model.model(),
                vmap.name(),
                model.model().simpleName(),
                vmap.name(),
                inAxes,
                vmap.outAxis())
            .add("@param $N the model, shared by every sample\n", self);
    for (Parameter parameter : vmap.parameters()) {
      if (parameter.mapped()) {
        doc.add("@param $N a batch of samples along axis $L\n", parameter.name(), parameter.axis());
      } else {
        doc.add("@param $N shared by every sample\n", parameter.name());
      }
    }
    return doc.add("@return the results of every sample, with the batch along axis $L\n", vmap.outAxis()).build();
  }
}
