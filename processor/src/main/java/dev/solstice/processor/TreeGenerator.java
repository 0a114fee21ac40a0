package dev.solstice.processor;

import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.PUBLIC;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.annotation.processing.Filer;

/**
 * Writes {@code FooTree}, the {@code TreeDef} of a model {@code Foo} (leaves, paths, rebuilding,
 * shape checks, partition and combine, plus {@code valueAndGrad} and {@code applyUpdates}), and
 * {@code FooGradTree}, the {@code TreeDef} of its gradient record.
 *
 * <p>Every child may be absent — a null tensor or model, an empty optional, a null list element
 * — and then contributes no leaves. That is how {@code partition} marks the leaves that belong to
 * the other part, as Equinox marks them with {@code None}.
 *
 * <p>Children of a {@code @Model} type are reached through their generated trees' static methods
 * ({@code addLeaves}, {@code rebuildFrom}, ...), so flattening a whole model fills one list and
 * rebuilding it reads one iterator. {@code TreeNode} children go through the {@code nodeDef()} of
 * their run-time type. Shapes are checked once per tree, by {@code rebuild} and by {@code
 * FooBatched}, not on every record rebuilt inside.
 */
final class TreeGenerator extends SourceFileGenerator {
  private static final TypeName TENSORS = ParameterizedTypeName.get(ClassNames.LIST, ClassNames.TENSOR);
  private static final TypeName STRINGS =
      ParameterizedTypeName.get(ClassNames.LIST, ClassName.get(String.class));
  private static final TypeName LEAF_ITERATOR = ParameterizedTypeName.get(ClassNames.ITERATOR, ClassNames.TENSOR);

  TreeGenerator(Filer filer) {
    super(filer);
  }

  @Override
  ClassName className(ModelDescriptor tree) {
    return tree.tree();
  }

  @Override
  CodeBlock javadoc(ModelDescriptor tree) {
    if (tree.gradient()) {
      return CodeBlock.of(
          "The tree definition of {@link $T}, the gradient of {@link $T}:\n"
              + "its leaves ($L), their paths and rebuilding, for optimizers and tree arithmetic.",
          tree.type(),
          tree.model(),
          names(tree.children()));
    }
    List<ComponentDescriptor> statics =
        tree.components().stream().filter(c -> c.kind().isStatic()).toList();
    return CodeBlock.of(
        "The tree definition of {@link $T}: its differentiable leaves ($L)\n"
            + "in declaration order, depth first, their paths, rebuilding from leaves, gradients\n"
            + "({@link $T}) and updates.\n"
            + "Static components ($L) are carried over unchanged.",
        tree.type(),
        names(tree.children()),
        tree.grad(),
        names(statics));
  }

  @Override
  TypeSpec.Builder write(ModelDescriptor tree) {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(tree.tree())
            .addModifiers(PUBLIC, FINAL)
            .addSuperinterface(ParameterizedTypeName.get(ClassNames.TREE_DEF, tree.type()))
            .addField(
                FieldSpec.builder(tree.tree(), "INSTANCE", PUBLIC, STATIC, FINAL)
                    .addJavadoc("The tree definition of {@link $T}; it holds no state.\n", tree.type())
                    .initializer("new $T()", tree.tree())
                    .build());
    if (tree.treeNode()) {
      type.addField(node(tree));
    }
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(PRIVATE).build())
        .addMethod(leaves(tree))
        .addMethod(addLeaves(tree))
        .addMethod(paths(tree))
        .addMethod(addPaths(tree))
        .addMethod(rebuild(tree))
        .addMethod(leafCountError(tree));
    if (!tree.gradient()) {
      type.addMethod(valueAndGrad(tree)).addMethod(applyUpdates(tree));
    }
    type.addMethod(partition(tree)).addMethod(combine(tree)).addMethod(rebuildFrom(tree));
    if (!tree.gradient()) {
      type.addMethod(gradFrom(tree));
    }
    return type.addMethod(checkShapes(tree));
  }

  private static FieldSpec node(ModelDescriptor tree) {
    return FieldSpec.builder(ClassNames.TREE_NODE_DEF, "NODE", PUBLIC, STATIC, FINAL)
        .addJavadoc(
            "This tree as the tree of any {@link $T}: what {@link $T#nodeDef()} returns, so that\n"
                + "records holding a {@link $T} in a component of a {@code TreeNode} type flatten it.\n",
            ClassNames.TREE_NODE,
            tree.type(),
            tree.type())
        .initializer("$T.def($T.class, INSTANCE, $T::combine)", ClassNames.TREE_NODE, tree.type(), tree.tree())
        .build();
  }

  private static MethodSpec leaves(ModelDescriptor tree) {
    return MethodSpec.methodBuilder("leaves")
        .addAnnotation(Override.class)
        .addModifiers(PUBLIC)
        .returns(TENSORS)
        .addParameter(tree.type(), "tree")
        .addJavadoc(
            "The differentiable tensors of {@code tree}, in declaration order, depth first;\n"
                + "an absent (null or empty) child has none.\n")
        .addStatement("$T leaves = new $T<>()", TENSORS, ClassNames.ARRAY_LIST)
        .addStatement("addLeaves(tree, leaves)")
        .addStatement("return leaves")
        .build();
  }

  private static MethodSpec addLeaves(ModelDescriptor tree) {
    NameAllocator names = new NameAllocator();
    String self = names.newName("tree");
    String leaves = names.newName("leaves");
    Walk walk = new Walk(self, names.newName("i"), names.newName("leaf"), names.newName("child"));
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("addLeaves")
            .addModifiers(PUBLIC, STATIC)
            .addParameter(tree.type(), self)
            .addParameter(TENSORS, leaves)
            .addJavadoc(
                "Adds the leaves of {@code $N} to {@code $N}, in the order of {@link #leaves}. The trees\n"
                    + "of records holding {@link $T} children call it.\n",
                self,
                leaves,
                tree.type());
    for (ComponentDescriptor child : tree.children()) {
      method.addCode(
          walk.forEachPresent(
              child,
              (element, index) ->
                  switch (child.kind()) {
                    case TENSOR -> CodeBlock.builder().addStatement("$N.add($L)", leaves, element).build();
                    case MODEL -> CodeBlock.builder()
                        .addStatement("$T.addLeaves($L, $N)", childTree(child), element, leaves)
                        .build();
                    case NODE -> CodeBlock.builder()
                        .addStatement("$N.addAll($L.nodeDef().leaves($L))", leaves, element, element)
                        .build();
                    case STATIC -> throw new IllegalStateException("static child " + child.name());
                  }));
    }
    return method.build();
  }

  private static MethodSpec paths(ModelDescriptor tree) {
    return MethodSpec.methodBuilder("paths")
        .addAnnotation(Override.class)
        .addModifiers(PUBLIC)
        .returns(STRINGS)
        .addParameter(tree.type(), "tree")
        .addJavadoc(
            "The path of each leaf of {@code tree}, parallel to {@link #leaves}: component\n"
                + "names and list indices joined by dots, such as {@code \"layers.0.bias\"}.\n")
        .addStatement("$T paths = new $T<>()", STRINGS, ClassNames.ARRAY_LIST)
        .addStatement("addPaths(tree, $S, paths)", "")
        .addStatement("return paths")
        .build();
  }

  private static MethodSpec addPaths(ModelDescriptor tree) {
    NameAllocator names = new NameAllocator();
    String self = names.newName("tree");
    String prefix = names.newName("prefix");
    String paths = names.newName("paths");
    String path = names.newName("path");
    Walk walk = new Walk(self, names.newName("i"), names.newName("leaf"), names.newName("child"));
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("addPaths")
            .addModifiers(PUBLIC, STATIC)
            .addParameter(tree.type(), self)
            .addParameter(String.class, prefix)
            .addParameter(STRINGS, paths)
            .addJavadoc(
                "Adds the path of each leaf of {@code $N}, after {@code $N}, to {@code $N}, in the order of\n"
                    + "{@link #leaves}. The trees of records holding {@link $T} children call it.\n",
                self,
                prefix,
                paths,
                tree.type());
    for (ComponentDescriptor child : tree.children()) {
      method.addCode(
          walk.forEachPresent(
              child,
              (element, index) ->
                  switch (child.kind()) {
                    case TENSOR -> CodeBlock.builder()
                        .addStatement("$N.add($L)", paths, path(prefix, child.name(), index, false))
                        .build();
                    case MODEL -> CodeBlock.builder()
                        .addStatement(
                            "$T.addPaths($L, $L, $N)",
                            childTree(child),
                            element,
                            path(prefix, child.name(), index, true),
                            paths)
                        .build();
                    case NODE -> CodeBlock.builder()
                        .beginControlFlow("for ($T $N : $L.nodeDef().paths($L))", String.class, path, element, element)
                        .addStatement("$N.add($L + $N)", paths, path(prefix, child.name(), index, true), path)
                        .endControlFlow()
                        .build();
                    case STATIC -> throw new IllegalStateException("static child " + child.name());
                  }));
    }
    return method.build();
  }

  private static MethodSpec rebuild(ModelDescriptor tree) {
    return MethodSpec.methodBuilder("rebuild")
        .addAnnotation(Override.class)
        .addModifiers(PUBLIC)
        .returns(tree.type())
        .addParameter(tree.type(), "like")
        .addParameter(TENSORS, "leaves")
        .addJavadoc(
            "The {@link $T} with the structure and static components of {@code like} and the\n"
                + "given leaves in place of its own, its shapes checked by {@link #checkShapes} when\n"
                + "shape checks are enabled.\n\n"
                + "@throws IllegalArgumentException if {@code leaves} does not have one tensor per leaf of\n"
                + "    {@code like}\n",
            tree.type())
        .addStatement("$T next = leaves.iterator()", LEAF_ITERATOR)
        .addStatement("$T tree", tree.type())
        .beginControlFlow("try")
        .addStatement("tree = rebuildFrom(like, next)")
        .nextControlFlow("catch ($T tooFew)", ClassNames.NO_SUCH_ELEMENT)
        .addStatement("throw leafCountError(like, leaves)")
        .endControlFlow()
        .beginControlFlow("if (next.hasNext())")
        .addStatement("throw leafCountError(like, leaves)")
        .endControlFlow()
        .beginControlFlow("if ($T.enabled())", ClassNames.SHAPE_SCOPE)
        .addStatement("checkShapes(tree)")
        .endControlFlow()
        .addStatement("return tree")
        .build();
  }

  private static MethodSpec leafCountError(ModelDescriptor tree) {
    return MethodSpec.methodBuilder("leafCountError")
        .addModifiers(PRIVATE, STATIC)
        .returns(IllegalArgumentException.class)
        .addParameter(tree.type(), "like")
        .addParameter(TENSORS, "leaves")
        .addStatement(
            "return new $T($S + INSTANCE.leaves(like).size() +$W$S + leaves.size() +$W$S)",
            IllegalArgumentException.class,
            "cannot rebuild " + tree.type().simpleName() + ": like has ",
            " leaves, but ",
            " were given")
        .build();
  }

  private static MethodSpec valueAndGrad(ModelDescriptor tree) {
    TypeName gradResult = ParameterizedTypeName.get(ClassNames.VALUE_AND_GRAD, tree.grad());
    return MethodSpec.methodBuilder("valueAndGrad")
        .addModifiers(PUBLIC, STATIC)
        .returns(gradResult)
        .addParameter(tree.type(), "model")
        .addParameter(ParameterizedTypeName.get(ClassNames.FUNCTION, tree.type(), ClassNames.TENSOR), "loss")
        .addJavadoc(
            "The value of {@code loss} at {@code model} and its gradient with respect to every\n"
                + "leaf of {@code model}, as {@link $T}; {@code loss} must return a scalar.\n",
            tree.grad())
        .addStatement(
            "$T flat =$W$T.valueAndGrad(INSTANCE.leaves(model),$Wleaves -> loss.apply(rebuildFrom(model, leaves.iterator())))",
            ParameterizedTypeName.get(ClassNames.VALUE_AND_GRAD, TENSORS),
            ClassNames.AUTODIFF)
        .addStatement("return new $T<>(flat.value(),$WgradFrom(model, flat.grad().iterator()))", ClassNames.VALUE_AND_GRAD)
        .build();
  }

  private static MethodSpec applyUpdates(ModelDescriptor tree) {
    return MethodSpec.methodBuilder("applyUpdates")
        .addModifiers(PUBLIC, STATIC)
        .returns(tree.type())
        .addParameter(tree.type(), "model")
        .addParameter(tree.grad(), "updates")
        .addJavadoc(
            "{@code model} with each leaf replaced by {@code leaf.add(update)}: Optax's\n"
                + "{@code apply_updates}, for updates an optimizer computed as {@link $T}.\n\n"
                + "@throws IllegalArgumentException if {@code updates} does not match the structure or the\n"
                + "    shapes of {@code model}\n",
            tree.grad())
        .addStatement("$T params = INSTANCE.leaves(model)", TENSORS)
        .addStatement("$T deltas = $T.INSTANCE.leaves(updates)", TENSORS, ClassNames.treeOf(tree.grad()))
        .beginControlFlow("if (deltas.size() != params.size())")
        .addStatement(
            "throw new $T($S + deltas.size() +$W$S + params.size())",
            IllegalArgumentException.class,
            "the updates have ",
            " leaves, but the " + tree.type().simpleName() + " has ")
        .endControlFlow()
        .addStatement("$T updated = new $T<>(params.size())", TENSORS, ClassNames.ARRAY_LIST)
        .beginControlFlow("for (int i = 0; i < params.size(); i++)")
        .addStatement("$T param = params.get(i)", ClassNames.TENSOR)
        .addStatement("$T delta = deltas.get(i)", ClassNames.TENSOR)
        .beginControlFlow("if (!$T.equals(param.shape(), delta.shape()))", ClassNames.ARRAYS)
        .addStatement(
            "throw new $T($S + INSTANCE.paths(model).get(i) +$W$S + $T.toString(delta.shape()) +$W$S"
                + " + $T.toString(param.shape()))",
            IllegalArgumentException.class,
            "the update of ",
            " has shape ",
            ClassNames.ARRAYS,
            " but the parameter has shape ",
            ClassNames.ARRAYS)
        .endControlFlow()
        .addStatement("updated.add(param.add(delta))")
        .endControlFlow()
        .addComment("each update has its parameter's shape, so the rebuilt model needs no shape check")
        .addStatement("return rebuildFrom(model, updated.iterator())")
        .build();
  }

  private static MethodSpec partition(ModelDescriptor tree) {
    return MethodSpec.methodBuilder("partition")
        .addModifiers(PUBLIC, STATIC)
        .returns(ParameterizedTypeName.get(ClassNames.LIST, tree.type()))
        .addParameter(tree.type(), "tree")
        .addParameter(
            ParameterizedTypeName.get(ClassNames.BI_PREDICATE, ClassName.get(String.class), ClassNames.TENSOR),
            "filter")
        .addJavadoc(
            "Equinox's {@code partition}: splits {@code tree} into two trees with its structure and static\n"
                + "components, the first holding the leaves {@code filter} accepts, the second the others. In\n"
                + "each part a leaf of the other part is absent (null, or an empty optional), so it is not a\n"
                + "leaf of that part: differentiating or updating a part touches its own leaves only. {@link\n"
                + "#combine} puts the parts back together.\n\n"
                + "@param filter is given each leaf's path (as in {@link #paths}) and the leaf\n"
                + "@return the accepted part, then the rest\n")
        .addStatement("$T leaves = INSTANCE.leaves(tree)", TENSORS)
        .addStatement("$T paths = INSTANCE.paths(tree)", STRINGS)
        .addStatement("$T accepted = new $T<>(leaves.size())", TENSORS, ClassNames.ARRAY_LIST)
        .addStatement("$T rest = new $T<>(leaves.size())", TENSORS, ClassNames.ARRAY_LIST)
        .beginControlFlow("for (int i = 0; i < leaves.size(); i++)")
        .addStatement("boolean accept = filter.test(paths.get(i), leaves.get(i))")
        .addStatement("accepted.add(accept ? leaves.get(i) : null)")
        .addStatement("rest.add(accept ? null : leaves.get(i))")
        .endControlFlow()
        .addStatement("return $T.of(rebuildFrom(tree, accepted.iterator()),$WrebuildFrom(tree, rest.iterator()))", ClassNames.LIST)
        .build();
  }

  private static MethodSpec combine(ModelDescriptor tree) {
    NameAllocator names = new NameAllocator();
    String first = names.newName("first");
    String second = names.newName("second");
    String index = names.newName("i");
    List<String> locals = new ArrayList<>();
    for (ComponentDescriptor child : tree.children()) {
      locals.add(names.newName(child.name()));
    }
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("combine")
            .addModifiers(PUBLIC, STATIC)
            .returns(tree.type())
            .addParameter(tree.type(), first)
            .addParameter(tree.type(), second)
            .addJavadoc(
                "Equinox's {@code combine}: the tree holding at each leaf the leaf of {@code $N} where it is\n"
                    + "present and the leaf of {@code $N} otherwise, with the static components of {@code $N}.\n"
                    + "Undoes {@link #partition}. A null tree counts as absent as a whole.\n\n"
                    + "@throws IllegalArgumentException if a list or array has different lengths in the two\n"
                    + "    trees\n",
                first,
                second,
                first)
            .beginControlFlow("if ($N == null)", first)
            .addStatement("return $N", second)
            .endControlFlow()
            .beginControlFlow("if ($N == null)", second)
            .addStatement("return $N", first)
            .endControlFlow();
    List<CodeBlock> arguments = new ArrayList<>();
    int next = 0;
    for (ComponentDescriptor component : tree.components()) {
      if (component.kind().isStatic()) {
        arguments.add(CodeBlock.of("$N.$N()", first, component.name()));
        continue;
      }
      String local = locals.get(next++);
      method.addCode(combineComponent(tree, component, local, first, second, index));
      arguments.add(constructorArgument(component.container(), local));
    }
    return method.addStatement("return new $T($L)", tree.type(), CodeBlock.join(arguments, ",$W")).build();
  }

  private static CodeBlock combineComponent(
      ModelDescriptor tree, ComponentDescriptor child, String local, String first, String second, String index) {
    CodeBlock a = CodeBlock.of("$N.$N()", first, child.name());
    CodeBlock b = CodeBlock.of("$N.$N()", second, child.name());
    TypeName type = child.localType();
    CodeBlock.Builder code = CodeBlock.builder();
    switch (child.container()) {
      case SINGLE -> code.addStatement("$T $N = $L", type, local, combineElements(child, a, b));
      case OPTIONAL -> {
        if (child.kind() == ComponentKind.TENSOR) {
          code.addStatement("$T $N = $L.isPresent()$W? $L$W: $L", type, local, a, a, b);
        } else {
          code.addStatement(
              "$T $N = $T.ofNullable($L)",
              type,
              local,
              ClassNames.OPTIONAL,
              combineElements(child, CodeBlock.of("$L.orElse(null)", a), CodeBlock.of("$L.orElse(null)", b)));
        }
      }
      case LIST, ARRAY -> {
        boolean list = child.container() == Container.LIST;
        String length = list ? "size()" : "length";
        code.beginControlFlow("if ($L.$L != $L.$L)", b, length, a, length)
            .addStatement(
                "throw new $T($S +$W$L.$L +$W$S + $L.$L + $S)",
                IllegalArgumentException.class,
                "cannot combine two " + tree.type().simpleName() + " trees: " + child.name() + " has ",
                a, length, " elements in the first and ", b, length, " in the second")
            .endControlFlow();
        CodeBlock elementA = list ? CodeBlock.of("$L.get($N)", a, index) : CodeBlock.of("$L[$N]", a, index);
        CodeBlock elementB = list ? CodeBlock.of("$L.get($N)", b, index) : CodeBlock.of("$L[$N]", b, index);
        if (list) {
          code.addStatement("$T $N = new $T<>($L.size())", type, local, ClassNames.ARRAY_LIST, a)
              .beginControlFlow("for (int $N = 0; $N < $L.size(); $N++)", index, index, a, index)
              .addStatement("$N.add($L)", local, combineElements(child, elementA, elementB));
        } else {
          code.addStatement("$T $N = new $T[$L.length]", type, local, child.element(), a)
              .beginControlFlow("for (int $N = 0; $N < $N.length; $N++)", index, index, local, index)
              .addStatement("$N[$N] = $L", local, index, combineElements(child, elementA, elementB));
        }
        code.endControlFlow();
      }
    }
    return code.build();
  }

  /** The element of the combined tree: {@code a} where present, else {@code b}. */
  private static CodeBlock combineElements(ComponentDescriptor child, CodeBlock a, CodeBlock b) {
    return switch (child.kind()) {
      case TENSOR -> CodeBlock.of("$L != null$W? $L$W: $L", a, a, b);
      case MODEL -> CodeBlock.of("$T.combine($L,$W$L)", childTree(child), a, b);
      case NODE -> castToNode(child, CodeBlock.of("$T.combine($L,$W$L)", ClassNames.TREE_NODE, a, b));
      case STATIC -> throw new IllegalStateException("static child " + child.name());
    };
  }

  private static MethodSpec rebuildFrom(ModelDescriptor tree) {
    NameAllocator names = new NameAllocator();
    String like = names.newName("like");
    String leaves = names.newName("leaves");
    Construction construction = new Construction(tree, like, leaves, false, names);
    return MethodSpec.methodBuilder("rebuildFrom")
        .addModifiers(PUBLIC, STATIC)
        .returns(tree.type())
        .addParameter(tree.type(), like)
        .addParameter(LEAF_ITERATOR, leaves)
        .addJavadoc(
            "The {@link $T} with the structure and static components of {@code $N} whose\n"
                + "leaves are the next ones from {@code $N}, in the order of {@link #leaves}; a null\n"
                + "leaf makes that child absent. It checks no shapes ({@link #rebuild} does, once for\n"
                + "the whole tree). The trees of records holding {@link $T} children call it.\n",
            tree.type(),
            like,
            leaves,
            tree.type())
        .addCode(construction.locals())
        .addStatement("return new $T($L)", tree.type(), construction.arguments())
        .build();
  }

  private static MethodSpec gradFrom(ModelDescriptor tree) {
    NameAllocator names = new NameAllocator();
    String like = names.newName("like");
    String grads = names.newName("grads");
    Construction construction = new Construction(tree, like, grads, true, names);
    return MethodSpec.methodBuilder("gradFrom")
        .addModifiers(PUBLIC, STATIC)
        .returns(tree.grad())
        .addParameter(tree.type(), like)
        .addParameter(LEAF_ITERATOR, grads)
        .addJavadoc(
            "The {@link $T} with the differentiable structure of {@code $N} holding\n"
                + "the next tensors from {@code $N}, in the order of {@link #leaves}.\n"
                + "{@link #valueAndGrad} and the trees of records holding {@link $T} children call\n"
                + "it.\n",
            tree.grad(),
            like,
            grads,
            tree.type())
        .addCode(construction.locals())
        .addStatement("return new $T($L)", tree.grad(), construction.arguments())
        .build();
  }

  private static MethodSpec checkShapes(ModelDescriptor tree) {
    NameAllocator names = new NameAllocator();
    String self = names.newName("tree");
    String scope = names.newName("scope");
    Walk walk = new Walk(self, names.newName("i"), names.newName("leaf"), names.newName("child"));
    String record = tree.type().simpleName();
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("checkShapes")
            .addModifiers(PUBLIC, STATIC)
            .returns(ClassNames.SHAPE_SCOPE)
            .addParameter(tree.type(), self)
            .addJavadoc(
                "Checks each tensor of {@code $N} against the {@code @Shape} of its component, all in one\n"
                    + "scope, so a dim named by several components must have one size, and each child model\n"
                    + "by its own {@code checkShapes}, in a scope of its own; returns the scope of {@code $N}.\n"
                    + "Children held as {@code TreeNode}s are not checked.\n\n"
                    + "@throws dev.solstice.shape.ShapeMismatchException naming the component, if a tensor does\n"
                    + "    not match\n",
                self,
                self)
            .addStatement("$T $N = new $T()", ClassNames.SHAPE_SCOPE, scope, ClassNames.SHAPE_SCOPE);
    for (ComponentDescriptor component : tree.components()) {
      if (component.hasShape()) {
        method.addCode(
            walk.forEachPresent(
                component,
                (element, index) ->
                    CodeBlock.builder()
                        .addStatement(
                            "$N.check($L, $S, $L.shape())",
                            scope,
                            path(null, record + "." + component.name(), index, false),
                            component.shape(),
                            element)
                        .build()));
      } else if (component.kind() == ComponentKind.MODEL) {
        method.addCode(
            walk.forEachPresent(
                component,
                (element, index) ->
                    CodeBlock.builder().addStatement("$T.checkShapes($L)", childTree(component), element).build()));
      }
    }
    return method.addStatement("return $N", scope).build();
  }

  /** The constructor argument for a child held in local {@code local}. */
  private static CodeBlock constructorArgument(Container container, String local) {
    return container == Container.LIST
        ? CodeBlock.of("$T.unmodifiableList($N)", ClassNames.COLLECTIONS, local)
        : CodeBlock.of("$N", local);
  }

  /**
   * The path of a component's leaf, or the prefix of the paths inside a child, as a string
   * expression: the value of variable {@code prefix} (if not null), {@code name}, the list index
   * held in variable {@code index} (if not null), and a closing dot for a prefix.
   */
  private static CodeBlock path(String prefix, String name, String index, boolean asPrefix) {
    List<CodeBlock> parts = new ArrayList<>();
    if (prefix != null) {
      parts.add(CodeBlock.of("$N", prefix));
    }
    if (index == null) {
      parts.add(CodeBlock.of("$S", asPrefix ? name + "." : name));
    } else {
      parts.add(CodeBlock.of("$S", name + "."));
      parts.add(CodeBlock.of("$N", index));
      if (asPrefix) {
        parts.add(CodeBlock.of("$S", "."));
      }
    }
    return CodeBlock.join(parts, " + ");
  }

  /**
   * {@code node}, a {@code TreeNode} expression, cast to the node type of {@code child} unless that
   * is {@code TreeNode} itself (javac would warn of a redundant cast).
   */
  private static CodeBlock castToNode(ComponentDescriptor child, CodeBlock node) {
    return child.element().equals(ClassNames.TREE_NODE) ? node : CodeBlock.of("($T) $L", child.element(), node);
  }

  private static ClassName childTree(ComponentDescriptor child) {
    return ClassNames.treeOf(child.model());
  }

  private static String names(List<ComponentDescriptor> components) {
    return components.isEmpty()
        ? "none"
        : components.stream().map(ComponentDescriptor::name).collect(Collectors.joining(", "));
  }

  /** Code run on one present element of a child: the element expression and its list index variable (or null). */
  private interface ElementAction {
    CodeBlock apply(CodeBlock element, String index);
  }

  /** Visits the present elements of the children of the record held in variable {@code tree}. */
  private record Walk(String tree, String index, String leaf, String child) {
    CodeBlock forEachPresent(ComponentDescriptor component, ElementAction action) {
      CodeBlock value = CodeBlock.of("$N.$N()", tree, component.name());
      CodeBlock.Builder code = CodeBlock.builder();
      switch (component.container()) {
        case SINGLE -> code.beginControlFlow("if ($L != null)", value)
            .add(action.apply(value, null))
            .endControlFlow();
        case OPTIONAL -> code.beginControlFlow("if ($L.isPresent())", value)
            .add(action.apply(CodeBlock.of("$L.get()", value), null))
            .endControlFlow();
        case LIST, ARRAY -> {
          boolean list = component.container() == Container.LIST;
          String element = component.kind() == ComponentKind.TENSOR ? leaf : child;
          code.beginControlFlow(
                  "for (int $N = 0; $N < $L.$L; $N++)", index, index, value, list ? "size()" : "length", index)
              .addStatement(
                  list ? "$T $N = $L.get($N)" : "$T $N = $L[$N]", component.element(), element, value, index)
              .beginControlFlow("if ($N != null)", element)
              .add(action.apply(CodeBlock.of("$N", element), index))
              .endControlFlow()
              .endControlFlow();
        }
      }
      return code.build();
    }
  }

  /**
   * The statements that build a record like the one in variable {@code like} from the tensors of
   * iterator {@code leaves}: the model itself, or its gradient record when {@code toGrad}.
   */
  private static final class Construction {
    private final CodeBlock.Builder locals = CodeBlock.builder();
    private final List<CodeBlock> arguments = new ArrayList<>();

    Construction(ModelDescriptor tree, String like, String leaves, boolean toGrad, NameAllocator names) {
      String index = names.newName("i");
      String leaf = names.newName("leaf");
      String child = names.newName("child");
      List<String> localNames = new ArrayList<>();
      for (ComponentDescriptor component : tree.children()) {
        localNames.add(names.newName(component.name()));
      }
      int next = 0;
      for (ComponentDescriptor component : tree.components()) {
        if (component.kind().isStatic()) {
          if (!toGrad) {
            arguments.add(CodeBlock.of("$N.$N()", like, component.name()));
          }
          continue;
        }
        String local = localNames.get(next++);
        ComponentDescriptor target = toGrad ? component.inGradient() : component;
        TypeName type = target.localType();
        CodeBlock value = CodeBlock.of("$N.$N()", like, component.name());
        String element = component.kind() == ComponentKind.TENSOR ? leaf : child;
        switch (target.container()) {
          case SINGLE -> locals.addStatement(
              "$T $N = $L == null$W? null$W: $L", type, local, value, next(component, value, leaves, toGrad));
          case OPTIONAL -> locals.addStatement(
              "$T $N = $L.map($N ->$W$L)", type, local, value, element, next(component, CodeBlock.of("$N", element), leaves, toGrad));
          case LIST -> {
            boolean fromList = component.container() == Container.LIST;
            String length = fromList ? "size()" : "length";
            locals.addStatement("$T $N = new $T<>($L.$L)", type, local, ClassNames.ARRAY_LIST, value, length)
                .beginControlFlow("for (int $N = 0; $N < $L.$L; $N++)", index, index, value, length, index)
                .addStatement(
                    fromList ? "$T $N = $L.get($N)" : "$T $N = $L[$N]", component.element(), element, value, index)
                .addStatement(
                    "$N.add($N == null ? null : $L)",
                    local,
                    element,
                    next(component, CodeBlock.of("$N", element), leaves, toGrad))
                .endControlFlow();
          }
          case ARRAY -> {
            CodeBlock old = CodeBlock.of("$L[$N]", value, index);
            locals.addStatement("$T $N = new $T[$L.length]", type, local, target.element(), value)
                .beginControlFlow("for (int $N = 0; $N < $N.length; $N++)", index, index, local, index)
                .addStatement(
                    "$N[$N] = $L == null$W? null$W: $L", local, index, old, next(component, old, leaves, toGrad))
                .endControlFlow();
          }
        }
        arguments.add(constructorArgument(target.container(), local));
      }
    }

    /**
     * The new element replacing the present element {@code old}: the next leaf, a rebuilt child
     * model (or its gradient), or a rebuilt node (whose gradient is a node of the same type).
     */
    private static CodeBlock next(ComponentDescriptor component, CodeBlock old, String leaves, boolean toGrad) {
      return switch (component.kind()) {
        case TENSOR -> CodeBlock.of("$N.next()", leaves);
        case MODEL -> CodeBlock.of(
            "$T.$N($L, $N)", childTree(component), toGrad ? "gradFrom" : "rebuildFrom", old, leaves);
        case NODE -> castToNode(component, CodeBlock.of("$T.rebuildFrom($L, $N)", ClassNames.TREE_NODE, old, leaves));
        case STATIC -> throw new IllegalStateException("static child " + component.name());
      };
    }

    CodeBlock locals() {
      return locals.build();
    }

    CodeBlock arguments() {
      return CodeBlock.join(arguments, ",$W");
    }
  }
}
