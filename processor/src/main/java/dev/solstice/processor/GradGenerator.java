package dev.solstice.processor;

import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PUBLIC;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import javax.annotation.processing.Filer;

/**
 * Writes {@code FooGrad}, the gradient record of a model {@code Foo}: one component per child of
 * {@code Foo}, with the same {@code @Shape} and {@code Nullable} annotations, models replaced by
 * their gradient records and arrays by lists; a {@code TreeNode} child keeps its type (its
 * gradient is a node of the same run-time type). Its tree definition is the generated {@code
 * FooGradTree}.
 */
final class GradGenerator extends SourceFileGenerator {

  GradGenerator(Filer filer) {
    super(filer);
  }

  @Override
  ClassName className(ModelDescriptor model) {
    return model.grad();
  }

  @Override
  CodeBlock javadoc(ModelDescriptor model) {
    return CodeBlock.of(
        "The gradient of a {@link $T}: a tensor of the same shape for each of its leaves,\n"
            + "in the same differentiable structure (static components have no gradient). Optimizers,\n"
            + "clipping and norms work on it through {@link #TREE}.",
        model.model());
  }

  @Override
  TypeSpec.Builder write(ModelDescriptor model) {
    ModelDescriptor grad = model.gradientView();
    TypeName treeDef = ParameterizedTypeName.get(ClassNames.TREE_DEF, grad.type());
    MethodSpec.Builder components = MethodSpec.constructorBuilder();
    for (ComponentDescriptor component : grad.components()) {
      components.addParameter(
          ParameterSpec.builder(component.type(), component.name())
              .addAnnotations(component.nullness().declaration())
              .build());
    }
    return TypeSpec.recordBuilder(grad.type())
        .addModifiers(PUBLIC)
        .recordConstructor(components.build())
        .addSuperinterface(ParameterizedTypeName.get(ClassNames.PYTREE, grad.type()))
        .addField(
            FieldSpec.builder(treeDef, "TREE", PUBLIC, STATIC, FINAL)
                .addJavadoc("Flattens and rebuilds {@link $T} values.\n", grad.type())
                .initializer("$T.INSTANCE", grad.tree())
                .build())
        .addMethod(
            MethodSpec.methodBuilder("treeDef")
                .addAnnotation(Override.class)
                .addModifiers(PUBLIC)
                .returns(treeDef)
                .addJavadoc("Returns {@link #TREE}.\n")
                .addStatement("return TREE")
                .build());
  }
}
