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
 * It takes the batch size from the first mapped argument that is not null, checks the shapes of
 * the model and the arguments, opens a {@code Batching} level, marks the batch axis of each mapped
 * argument (passing a null one through), calls the method once and moves the batch axis of the
 * result to {@code outAxes}.
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
    String size = names.newName("size");
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

    String batchedName = model.batched().simpleName() + "." + vmap.name();
    List<Parameter> mapped = vmap.parameters().stream().filter(Parameter::mapped).toList();
    CodeBlock batchSize;
    if (mapped.size() == 1) {
      Parameter only = mapped.get(0);
      method
          .beginControlFlow("if ($N == null)", only.name())
          .addStatement(
              "throw new $T($S$W+ $S)",
              IllegalArgumentException.class,
              batchedName + " needs a batch, but ",
              only.name() + ", its only mapped argument, is null")
          .endControlFlow();
      batchSize = batchSize(only);
    } else {
      method.addStatement("int $N", size);
      for (int i = 0; i < mapped.size(); i++) {
        String condition = (i == 0 ? "if" : "else if") + " ($N != null)";
        if (i == 0) {
          method.beginControlFlow(condition, mapped.get(i).name());
        } else {
          method.nextControlFlow(condition, mapped.get(i).name());
        }
        method.addStatement("$N = $L", size, batchSize(mapped.get(i)));
      }
      method
          .nextControlFlow("else")
          .addStatement(
              "throw new $T($S$W+ $S)",
              IllegalArgumentException.class,
              batchedName + " needs a batch, but every mapped argument ",
              mapped.stream().map(Parameter::name).collect(Collectors.joining(", ", "(", ") is null")))
          .endControlFlow();
      batchSize = CodeBlock.of("$N", size);
    }

    List<Parameter> checked = vmap.parameters().stream().filter(p -> p.batchedShape() != null).toList();
    boolean checksResult = vmap.batchedReturnShape() != null;
    if (checksResult) {
      method.addStatement("$T $N = null", ClassNames.SHAPE_SCOPE, scope);
    }
    method.beginControlFlow("if ($T.enabled())", ClassNames.SHAPE_SCOPE);
    if (checksResult) {
      method.addStatement("$N = $T.checkShapes($N)", scope, model.tree(), self);
    } else if (!checked.isEmpty()) {
      method.addStatement("$T $N = $T.checkShapes($N)", ClassNames.SHAPE_SCOPE, scope, model.tree(), self);
    } else {
      method.addStatement("$T.checkShapes($N)", model.tree(), self);
    }
    for (Parameter parameter : checked) {
      CodeBlock check =
          CodeBlock.of(
              "$N.check($S, $S, $N.shape())", scope, parameter.name(), parameter.batchedShape(), parameter.name());
      if (mayBeNull(parameter, mapped)) {
        method.beginControlFlow("if ($N != null)", parameter.name()).addStatement(check).endControlFlow();
      } else {
        method.addStatement(check);
      }
    }
    method.endControlFlow();

    method
        .addStatement("$T $N", ClassNames.TENSOR, result)
        .beginControlFlow("try ($T $N = $T.begin($L))", ClassNames.BATCHING, batch, ClassNames.BATCHING, batchSize);
    List<CodeBlock> arguments = new ArrayList<>();
    for (Parameter parameter : vmap.parameters()) {
      if (!parameter.mapped()) {
        arguments.add(CodeBlock.of("$N", parameter.name()));
        continue;
      }
      String sample = names.newName(parameter.name() + "Sample");
      TypeName type = parameter.kind() == ParameterKind.KEY ? ClassNames.KEY : ClassNames.TENSOR;
      CodeBlock in = CodeBlock.of("$N.in($S, $N, $L)", batch, parameter.name(), parameter.name(), parameter.axis());
      if (mayBeNull(parameter, mapped)) {
        method.addStatement("$T $N = $N == null ? null : $L", type, sample, parameter.name(), in);
      } else {
        method.addStatement("$T $N = $L", type, sample, in);
      }
      arguments.add(CodeBlock.of("$N", sample));
    }
    method.addStatement(
        "$N = $N.out($N.$N($L),$W$L)", result, batch, self, vmap.name(), CodeBlock.join(arguments, ",$W"), vmap.outAxis());
    method.endControlFlow();

    if (checksResult) {
      method
          .beginControlFlow("if ($N != null)", scope)
          .addStatement("$N.checkReturn($S, $N.shape())", scope, vmap.batchedReturnShape(), result)
          .endControlFlow();
    }
    return method.addStatement("return $N", result).build();
  }

  /**
   * Whether the argument may be null when the method runs: any but the only mapped one, which
   * gives the batch size and was checked for null first.
   */
  private static boolean mayBeNull(Parameter parameter, List<Parameter> mapped) {
    return !(mapped.size() == 1 && mapped.get(0) == parameter);
  }

  /** The batch size given by the mapped argument {@code source}: the size of its mapped axis. */
  private static CodeBlock batchSize(Parameter source) {
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
                    + "last, in one scope, unless shape checks are disabled; each child model of the model\n"
                    + "is checked in a scope of its own. A null argument is not mapped: every sample gets\n"
                    + "null, as {@code jax.vmap} passes {@code None} through.\n\n",
                model.model(),
                vmap.name(),
                model.model().simpleName(),
                vmap.name(),
                inAxes,
                vmap.outAxis())
            .add("@param $N the model, shared by every sample\n", self);
    List<Parameter> mapped = vmap.parameters().stream().filter(Parameter::mapped).toList();
    for (Parameter parameter : vmap.parameters()) {
      if (parameter.mapped() && mayBeNull(parameter, mapped)) {
        doc.add("@param $N a batch of samples along axis $L, or null for none\n", parameter.name(), parameter.axis());
      } else if (parameter.mapped()) {
        doc.add("@param $N a batch of samples along axis $L\n", parameter.name(), parameter.axis());
      } else {
        doc.add("@param $N shared by every sample\n", parameter.name());
      }
    }
    return doc.add("@return the results of every sample, with the batch along axis $L\n", vmap.outAxis())
        .add("@throws IllegalArgumentException if every mapped argument is null, so there is no batch\n")
        .build();
  }
}
