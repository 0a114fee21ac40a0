package dev.solstice.checker;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import dev.solstice.annotations.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.checkerframework.framework.type.AnnotatedTypeMirror;
import org.checkerframework.framework.type.AnnotatedTypeMirror.AnnotatedArrayType;
import org.checkerframework.framework.type.AnnotatedTypeMirror.AnnotatedExecutableType;
import org.checkerframework.javacutil.ElementUtils;
import org.checkerframework.javacutil.TreeUtils;

/**
 * The shape facts of calls: for a runtime op its {@link OpShapeRules rule}, for a method or
 * constructor with {@code @Shape} specs the {@link Signature unification} of its specs with the
 * shapes of its receiver and arguments. The result shape types the call expression; the reports
 * are what {@link ShapeVisitor} prints.
 */
final class CallSites {
  /** The result shape of a call (null when unknown) and its diagnostics. */
  record Facts(@Nullable SymbolicShape result, List<Report> reports) {}

  /**
   * What the checker knows about a method or constructor: a runtime op, or the {@code @Shape}
   * specs of its signature, or nothing ({@link #isRelevant()} false).
   *
   * @param owner the runtime class of an op, else null
   * @param signature the specs, else null
   * @param instanceSpecs the specs of the declaring class's instance fields, whose dims a method
   *     called on {@code this} shares with its caller
   * @param name the callee as messages show it: {@code Linear.forward}, {@code new Linear}
   */
  record Callee(
      OpShapeRules.@Nullable Owner owner,
      @Nullable Signature signature,
      List<SymbolicShape> instanceSpecs,
      String name) {
    boolean isRelevant() {
      return owner != null || signature != null;
    }
  }

  private static final String SHAPE = Shape.class.getCanonicalName();

  private final ShapeAnnotatedTypeFactory factory;
  private final IntArguments ints;
  private final Map<ExecutableElement, Callee> callees = new HashMap<>();
  private final Map<TypeElement, List<SymbolicShape>> instanceSpecs = new HashMap<>();

  CallSites(ShapeAnnotatedTypeFactory factory) {
    this.factory = factory;
    this.ints = new IntArguments(this::shapeOf);
  }

  /** What the checker knows about {@code method}; computed once per method. */
  Callee callee(ExecutableElement method) {
    Callee known = callees.get(method);
    if (known == null) {
      known = classify(method);
      callees.put(method, known);
    }
    return known;
  }

  /** The facts of a method call, or null when the callee has neither a rule nor specs. */
  @Nullable Facts analyze(MethodInvocationTree call) {
    ExecutableElement method = TreeUtils.elementFromUse(call);
    Callee callee = callee(method);
    if (callee.owner() != null) {
      return op(call, method, callee);
    }
    if (callee.signature() == null) {
      return null;
    }
    ExpressionTree receiver = TreeUtils.getReceiverTree(call);
    Bindings bindings =
        callsOnThis(method, receiver) && !callee.instanceSpecs().isEmpty()
            ? Bindings.identity(callee.instanceSpecs(), "this")
            : Bindings.empty();
    return unify(call, method, callee, receiver, call.getArguments(), bindings);
  }

  /** The facts of a constructor call, or null when the constructor has no specs. */
  @Nullable Facts analyze(NewClassTree call) {
    ExecutableElement constructor = TreeUtils.elementFromUse(call);
    Callee callee = callee(constructor);
    if (callee.signature() == null) {
      return null;
    }
    return unify(call, constructor, callee, null, call.getArguments(), Bindings.empty());
  }

  /** The shape of a tensor expression, or null when unknown. */
  @Nullable SymbolicShape shapeOf(ExpressionTree expression) {
    return factory.shapeOf(factory.getAnnotatedType(expression));
  }

  private Facts unify(
      Tree call,
      ExecutableElement method,
      Callee callee,
      @Nullable ExpressionTree receiver,
      List<? extends ExpressionTree> arguments,
      Bindings bindings) {
    Signature signature = callee.signature();
    boolean spread = spreadsVarargs(method, arguments);
    int last = signature.parameters().size() - 1;
    SymbolicShape receiverShape =
        signature.receiver() == null || receiver == null ? null : shapeOf(receiver);
    List<@Nullable SymbolicShape> shapes = new ArrayList<>();
    for (int i = 0; i < arguments.size(); i++) {
      boolean hasSpec = signature.parameters().get(Math.min(i, last)) != null;
      boolean arrayPassed = signature.varargs() && !spread && i == last;
      shapes.add(hasSpec && !arrayPassed ? shapeOf(arguments.get(i)) : null);
    }
    Signature.Outcome outcome = signature.apply(bindings, receiverShape, shapes, spread);
    List<Report> reports = new ArrayList<>();
    for (Signature.Problem problem : outcome.problems()) {
      boolean onReceiver = problem.argument() == Signature.RECEIVER;
      Tree where = onReceiver ? (receiver == null ? call : receiver) : arguments.get(problem.argument());
      SymbolicShape spec = onReceiver ? signature.receiver() : signature.parameters().get(Math.min(problem.argument(), last));
      SymbolicShape found = onReceiver ? receiverShape : shapes.get(problem.argument());
      Mismatch mismatch = problem.mismatch();
      if (!mismatch.definite()) {
        String what = (onReceiver ? "the receiver" : "argument " + problem.parameter()) + " of " + callee.name()
            + " (" + ShapeMessages.show(found) + " for " + ShapeMessages.show(spec) + ")";
        reports.add(Report.unproven(where, what, mismatch.reason()));
      } else if (onReceiver) {
        reports.add(Report.error(where, ShapeMessages.RECEIVER, callee.name(), ShapeMessages.show(spec),
            ShapeMessages.show(found), mismatch.reason(), mismatch.bound()));
      } else {
        reports.add(Report.error(where, ShapeMessages.ARGUMENT, callee.name(), problem.parameter(),
            ShapeMessages.show(spec), ShapeMessages.show(found), mismatch.reason(), mismatch.bound()));
      }
    }
    return new Facts(outcome.result(), reports);
  }

  private Facts op(MethodInvocationTree call, ExecutableElement method, Callee callee) {
    List<? extends ExpressionTree> arguments = call.getArguments();
    ExpressionTree receiverTree = TreeUtils.getReceiverTree(call);
    boolean shapedReceiver =
        callee.owner() != OpShapeRules.Owner.LOSSES && !method.getModifiers().contains(Modifier.STATIC);
    SymbolicShape receiver = shapedReceiver && receiverTree != null ? shapeOf(receiverTree) : null;
    List<OpValue> values = opValues(method, arguments);
    OpShapeRules.Outcome outcome =
        OpShapeRules.apply(callee.owner(), method.getSimpleName().toString(), receiver, values);
    List<Report> reports = new ArrayList<>();
    if (!outcome.problems().isEmpty()) {
      String operands = operands(method, receiverTree, receiver, values);
      for (OpShapeRules.Problem problem : outcome.problems()) {
        Tree where = problem.position() < 0 ? call : arguments.get(problem.position());
        reports.add(problem.definite()
            ? Report.error(where, ShapeMessages.OP, callee.name(), problem.reason(), operands)
            : Report.unproven(where, callee.name() + " of " + operands, problem.reason()));
      }
    }
    return new Facts(outcome.result(), reports);
  }

  /** The arguments of an op, one value per parameter (varargs gathered into one). */
  private List<OpValue> opValues(ExecutableElement method, List<? extends ExpressionTree> arguments) {
    List<? extends VariableElement> parameters = method.getParameters();
    boolean spread = spreadsVarargs(method, arguments);
    List<OpValue> values = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      TypeMirror type = parameters.get(i).asType();
      if (spread && i == parameters.size() - 1) {
        values.add(gathered(((ArrayType) type).getComponentType(), arguments.subList(i, arguments.size()), i));
      } else {
        values.add(value(type, arguments.get(i), i));
      }
    }
    return values;
  }

  private OpValue value(TypeMirror type, ExpressionTree argument, int position) {
    if (type.getKind() == TypeKind.INT) {
      return new OpValue.Int(ints.value(argument), position);
    }
    if (type.getKind() == TypeKind.BOOLEAN) {
      return new OpValue.Bool(booleanConstant(argument));
    }
    if (RuntimeTypes.isTensor(type)) {
      return new OpValue.Tensor(shapeOf(argument), position);
    }
    if (type instanceof ArrayType array && array.getComponentType().getKind() == TypeKind.INT) {
      return new OpValue.Ints(ints.values(argument), position);
    }
    if (type instanceof ArrayType array && RuntimeTypes.isTensor(array.getComponentType())) {
      return new OpValue.Tensors(null);
    }
    return new OpValue.Other();
  }

  private OpValue gathered(TypeMirror component, List<? extends ExpressionTree> arguments, int position) {
    if (component.getKind() == TypeKind.INT) {
      List<Axis> sizes = new ArrayList<>();
      for (ExpressionTree argument : arguments) {
        sizes.add(ints.value(argument));
      }
      return new OpValue.Ints(sizes, position);
    }
    if (RuntimeTypes.isTensor(component)) {
      List<OpValue.Tensor> tensors = new ArrayList<>();
      for (int i = 0; i < arguments.size(); i++) {
        tensors.add(new OpValue.Tensor(shapeOf(arguments.get(i)), position + i));
      }
      return new OpValue.Tensors(tensors);
    }
    return new OpValue.Other();
  }

  /** The operands of an op for a message: {@code this "3 4", other "5 2"}. */
  private static String operands(
      ExecutableElement method, @Nullable ExpressionTree receiverTree, @Nullable SymbolicShape receiver, List<OpValue> values) {
    List<String> parts = new ArrayList<>();
    if (receiverTree != null && !method.getModifiers().contains(Modifier.STATIC)) {
      parts.add("this " + ShapeMessages.show(receiver));
    }
    for (int i = 0; i < values.size(); i++) {
      String name = method.getParameters().get(i).getSimpleName().toString();
      OpValue value = values.get(i);
      if (value instanceof OpValue.Tensor tensor) {
        parts.add(name + " " + ShapeMessages.show(tensor.shape()));
      } else if (value instanceof OpValue.Int number) {
        parts.add(name + " " + number.value());
      } else if (value instanceof OpValue.Ints sizes && sizes.values() != null) {
        parts.add(name + " [" + SymbolicShape.of(sizes.values()).toString().replace(' ', ',') + "]");
      } else if (value instanceof OpValue.Tensors tensors && tensors.elements() != null) {
        for (int j = 0; j < tensors.elements().size(); j++) {
          parts.add(name + "[" + j + "] " + ShapeMessages.show(tensors.elements().get(j).shape()));
        }
      }
    }
    return String.join(", ", parts);
  }

  private Callee classify(ExecutableElement method) {
    Element owner = method.getEnclosingElement();
    String ownerName = owner.getSimpleName().toString();
    boolean constructor = method.getKind() == ElementKind.CONSTRUCTOR;
    String name = constructor ? "new " + ownerName : ownerName + "." + method.getSimpleName();
    OpShapeRules.Owner runtime = constructor ? null : RuntimeTypes.owner(owner);
    if (runtime != null) {
      return new Callee(runtime, null, List.of(), name);
    }
    boolean noSpecs = ElementUtils.isElementFromSourceCode(method) ? !writesShapes(method) : isInJdk(owner);
    if (noSpecs) {
      return new Callee(null, null, List.of(), name);
    }
    AnnotatedExecutableType type = factory.getAnnotatedType(method);
    List<@Nullable SymbolicShape> parameters = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<AnnotatedTypeMirror> parameterTypes = type.getParameterTypes();
    for (int i = 0; i < parameterTypes.size(); i++) {
      AnnotatedTypeMirror parameter = parameterTypes.get(i);
      boolean element = method.isVarArgs() && i == parameterTypes.size() - 1;
      parameters.add(factory.shapeOf(element ? ((AnnotatedArrayType) parameter).getComponentType() : parameter));
      names.add(method.getParameters().get(i).getSimpleName().toString());
    }
    SymbolicShape receiver = type.getReceiverType() == null ? null : factory.shapeOf(type.getReceiverType());
    SymbolicShape result = constructor ? null : factory.shapeOf(type.getReturnType());
    Signature signature = new Signature(receiver, parameters, names, result, method.isVarArgs());
    if (signature.isEmpty()) {
      return new Callee(null, null, List.of(), name);
    }
    boolean instance = !constructor && !method.getModifiers().contains(Modifier.STATIC);
    List<SymbolicShape> shared = instance && owner instanceof TypeElement type2 ? instanceSpecs(type2) : List.of();
    return new Callee(null, signature, shared, name);
  }

  /**
   * Whether {@code @Shape} is written anywhere on the receiver, parameters or result of {@code
   * method}: a quick look at javac's types that spares most methods the annotated-type lookup.
   * Only for methods compiled from source: javac does not put the type annotations it reads from
   * class files on the types of their members.
   */
  private static boolean writesShapes(ExecutableElement method) {
    if (hasShape(method.getReturnType()) || hasShape(method.getReceiverType())) {
      return true;
    }
    return method.getParameters().stream().anyMatch(parameter -> hasShape(parameter.asType()));
  }

  private static boolean hasShape(@Nullable TypeMirror type) {
    if (type == null) {
      return false;
    }
    for (AnnotationMirror annotation : type.getAnnotationMirrors()) {
      if (((TypeElement) annotation.getAnnotationType().asElement()).getQualifiedName().contentEquals(SHAPE)) {
        return true;
      }
    }
    return type instanceof ArrayType array && hasShape(array.getComponentType());
  }

  /** Whether {@code type} belongs to the JDK, which cannot mention {@code @Shape}. */
  private boolean isInJdk(Element type) {
    ModuleElement module = factory.getElementUtils().getModuleOf(type);
    if (module == null || module.isUnnamed()) {
      return false;
    }
    String name = module.getQualifiedName().toString();
    return name.startsWith("java.") || name.startsWith("jdk.");
  }

  /** The specs on the instance fields of {@code type}: the dims each instance binds. */
  private List<SymbolicShape> instanceSpecs(TypeElement type) {
    return instanceSpecs.computeIfAbsent(
        type,
        t -> {
          List<SymbolicShape> specs = new ArrayList<>();
          for (Element member : t.getEnclosedElements()) {
            if (member.getKind() == ElementKind.FIELD && !member.getModifiers().contains(Modifier.STATIC)) {
              SymbolicShape spec = factory.shapeOf(factory.getAnnotatedType(member));
              if (spec != null) {
                specs.add(spec);
              }
            }
          }
          return specs;
        });
  }

  /** Whether an instance method is called on {@code this}, whose dims the caller shares. */
  private static boolean callsOnThis(ExecutableElement method, @Nullable ExpressionTree receiver) {
    if (method.getModifiers().contains(Modifier.STATIC)) {
      return false;
    }
    if (receiver == null) {
      return true;
    }
    ExpressionTree expression = TreeUtils.withoutParens(receiver);
    if (expression instanceof IdentifierTree identifier) {
      return identifier.getName().contentEquals("this");
    }
    return expression instanceof MemberSelectTree select && select.getIdentifier().contentEquals("this");
  }

  /** Whether the trailing arguments of a varargs call are passed one by one. */
  private static boolean spreadsVarargs(ExecutableElement method, List<? extends ExpressionTree> arguments) {
    if (!method.isVarArgs()) {
      return false;
    }
    int parameters = method.getParameters().size();
    if (arguments.size() != parameters) {
      return true;
    }
    return TreeUtils.typeOf(arguments.get(parameters - 1)).getKind() != TypeKind.ARRAY;
  }

  private static @Nullable Boolean booleanConstant(ExpressionTree argument) {
    ExpressionTree expression = TreeUtils.withoutParens(argument);
    if (expression instanceof LiteralTree literal && literal.getValue() instanceof Boolean value) {
      return value;
    }
    Element element = TreeUtils.elementFromTree(expression);
    if (element instanceof VariableElement variable && variable.getConstantValue() instanceof Boolean value) {
      return value;
    }
    return null;
  }
}
