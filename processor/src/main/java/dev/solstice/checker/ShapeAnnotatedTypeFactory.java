package dev.solstice.checker;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.NewClassTree;
import dev.solstice.annotations.Shape;
import dev.solstice.annotations.ShapeBottom;
import dev.solstice.annotations.UnknownShape;
import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.checkerframework.common.basetype.BaseAnnotatedTypeFactory;
import org.checkerframework.common.basetype.BaseTypeChecker;
import org.checkerframework.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.dataflow.cfg.UnderlyingAST;
import org.checkerframework.dataflow.cfg.UnderlyingAST.CFGMethod;
import org.checkerframework.dataflow.cfg.UnderlyingAST.CFGStatement;
import org.checkerframework.framework.flow.CFAbstractAnalysis.FieldInitialValue;
import org.checkerframework.framework.flow.CFStore;
import org.checkerframework.framework.flow.CFValue;
import org.checkerframework.framework.type.AnnotatedTypeMirror;
import org.checkerframework.framework.type.AnnotatedTypeMirror.AnnotatedArrayType;
import org.checkerframework.framework.type.AnnotatedTypeMirror.AnnotatedExecutableType;
import org.checkerframework.framework.type.QualifierHierarchy;
import org.checkerframework.framework.type.TypeHierarchy;
import org.checkerframework.framework.type.treeannotator.ListTreeAnnotator;
import org.checkerframework.framework.type.treeannotator.TreeAnnotator;
import org.checkerframework.framework.util.AnnotatedTypes;
import org.checkerframework.framework.util.typeinference8.TypeArgumentInference;
import org.checkerframework.javacutil.AnnotationBuilder;
import org.checkerframework.javacutil.AnnotationUtils;
import org.checkerframework.javacutil.TreeUtils;
import org.plumelib.util.IPair;

/**
 * The shape type system: {@code @UnknownShape} (the default) above {@code @Shape(spec)} above
 * {@code @ShapeBottom}. Calls of methods and constructors with specs, and of runtime ops, get
 * their result shape from {@link CallSites}; flow refinement carries inferred shapes into
 * unannotated locals.
 *
 * <p>The names in a spec belong to a scope: in the type of an expression they are dims of the
 * enclosing method (and, in instance methods, of {@code this}). A callee's specs therefore never
 * leak into a caller: at a call site its parameter, receiver and result types are cleared here
 * and the call's result shape is computed in the caller's terms.
 */
public class ShapeAnnotatedTypeFactory extends BaseAnnotatedTypeFactory {
  private final AnnotationMirror unknown;
  private final AnnotationMirror bottom;
  private final ExecutableElement shapeValue;
  private final SpecReader specs = new SpecReader();
  private final Map<String, AnnotationMirror> shapeAnnotations = new HashMap<>();
  private final CallSites callSites;
  private final ShapeRelevance relevance;
  private final SplitKeys splitKeys;

  @SuppressWarnings("this-escape")
  public ShapeAnnotatedTypeFactory(BaseTypeChecker checker) {
    super(checker);
    unknown = AnnotationBuilder.fromClass(elements, UnknownShape.class);
    bottom = AnnotationBuilder.fromClass(elements, ShapeBottom.class);
    shapeValue = TreeUtils.getMethod(Shape.class, "value", 0, processingEnv);
    callSites = new CallSites(this);
    relevance = new ShapeRelevance(this);
    splitKeys = new SplitKeys(this);
    postInit();
  }

  @Override
  protected Set<Class<? extends Annotation>> createSupportedTypeQualifiers() {
    return new LinkedHashSet<>(List.of(UnknownShape.class, Shape.class, ShapeBottom.class));
  }

  @Override
  protected QualifierHierarchy createQualifierHierarchy() {
    return new ShapeQualifierHierarchy(getSupportedTypeQualifiers(), elements, this);
  }

  @Override
  protected TypeHierarchy createTypeHierarchy() {
    return new GradualTypeHierarchy();
  }

  @Override
  protected TypeArgumentInference createTypeArgumentInference() {
    return new JavacTypeArguments();
  }

  /**
   * The functional interface a lambda or method reference implements, as javac typed it, with
   * default qualifiers: shapes do not flow through functional interfaces, and the Checker
   * Framework's own way of finding it infers the type arguments of the enclosing call again.
   */
  @Override
  public IPair<AnnotatedTypeMirror, AnnotatedExecutableType> getFnInterfaceFromTree(Tree tree) {
    TypeMirror target = TreeUtils.typeOf(tree);
    boolean ground =
        target instanceof DeclaredType declared
            && declared.getTypeArguments().stream().noneMatch(t -> t.getKind() == TypeKind.WILDCARD);
    if (!ground) {
      return super.getFnInterfaceFromTree(tree);
    }
    AnnotatedTypeMirror functionalInterface = AnnotatedTypeMirror.createType(target, this, false);
    addDefaultAnnotations(functionalInterface);
    ExecutableElement function = TreeUtils.findFunction(tree, processingEnv);
    return IPair.of(functionalInterface, AnnotatedTypes.asMemberOf(types, this, functionalInterface, function));
  }

  @Override
  protected TreeAnnotator createTreeAnnotator() {
    return new ListTreeAnnotator(new ShapeTreeAnnotator(this), super.createTreeAnnotator());
  }

  @Override
  protected ParameterizedExecutableType methodFromUse(MethodInvocationTree tree, boolean inferTypeArgs) {
    ParameterizedExecutableType result = super.methodFromUse(tree, inferTypeArgs);
    clearSpecs(TreeUtils.elementFromUse(tree), result.executableType);
    return result;
  }

  @Override
  protected ParameterizedExecutableType constructorFromUse(NewClassTree tree, boolean inferTypeArgs) {
    ParameterizedExecutableType result = super.constructorFromUse(tree, inferTypeArgs);
    clearSpecs(TreeUtils.elementFromUse(tree), result.executableType);
    return result;
  }

  /**
   * Skips the flow analysis of methods that mention nothing with a shape (see {@link
   * ShapeRelevance}); {@link ShapeChecker} skips visiting them too.
   */
  @Override
  protected @Nullable ControlFlowGraph analyze(
      Queue<IPair<ClassTree, @Nullable CFStore>> classQueue,
      Queue<IPair<LambdaExpressionTree, @Nullable CFStore>> lambdaQueue,
      UnderlyingAST ast,
      List<FieldInitialValue<CFValue>> fieldValues,
      @Nullable ControlFlowGraph cfg,
      boolean isInitializationCode,
      boolean updateInitializationStore,
      boolean isStatic,
      @Nullable CFStore capturedStore) {
    boolean irrelevant =
        ast instanceof CFGMethod method && !mentionsShapes(method.getMethod())
            || ast instanceof CFGStatement statement && !mentionsShapes(statement.getCode());
    if (irrelevant) {
      return null;
    }
    return super.analyze(
        classQueue, lambdaQueue, ast, fieldValues, cfg, isInitializationCode, updateInitializationStore, isStatic, capturedStore);
  }

  /** Whether {@code code} (a method, a field, an initializer) mentions anything with a shape. */
  boolean mentionsShapes(Tree code) {
    return relevance.mentionsShapes(code);
  }

  /** The call-site analysis shared by the tree annotator and the visitor. */
  CallSites callSites() {
    return callSites;
  }

  /** The key shapes of elements of {@code Key.split(n)}, for the tree annotator. */
  SplitKeys splitKeys() {
    return splitKeys;
  }

  /** The shape a type's {@code @Shape} says, or null when unknown (or not valid grammar). */
  @Nullable SymbolicShape shapeOf(AnnotatedTypeMirror type) {
    AnnotationMirror annotation = type.getPrimaryAnnotationInHierarchy(unknown);
    return annotation == null ? null : shapeOf(annotation);
  }

  /** The shape a {@code @Shape} annotation says, or null for any other qualifier. */
  @Nullable SymbolicShape shapeOf(AnnotationMirror annotation) {
    String spec = specOf(annotation);
    return spec == null ? null : specs.read(spec);
  }

  /** The spec string of a {@code @Shape} annotation, or null for any other annotation. */
  @Nullable String specOf(AnnotationMirror annotation) {
    if (!AnnotationUtils.areSameByName(annotation, Shape.class.getCanonicalName())) {
      return null;
    }
    return AnnotationUtils.getElementValue(annotation, shapeValue, String.class);
  }

  /** {@code @Shape(shape)}, or {@code @UnknownShape} for null. */
  AnnotationMirror annotationFor(@Nullable SymbolicShape shape) {
    if (shape == null) {
      return unknown;
    }
    return shapeAnnotations.computeIfAbsent(
        shape.toString(),
        spec -> {
          AnnotationBuilder builder = new AnnotationBuilder(processingEnv, Shape.class);
          builder.setValue("value", spec);
          return builder.build();
        });
  }

  AnnotationMirror bottom() {
    return bottom;
  }

  /** Whether {@code -Ashape.strict} asks to report what cannot be proven. */
  boolean isStrict() {
    return checker.hasOption(ShapeChecker.STRICT);
  }

  /**
   * Clears the specs of a callee's receiver, parameters and result at a call site: they are in
   * the callee's scope, and {@link CallSites} has matched them already.
   */
  private void clearSpecs(ExecutableElement callee, AnnotatedExecutableType type) {
    if (callSites.callee(callee).signature() == null) {
      return;
    }
    for (AnnotatedTypeMirror parameter : type.getParameterTypes()) {
      clear(parameter);
    }
    if (type.getReceiverType() != null) {
      clear(type.getReceiverType());
    }
    clear(type.getReturnType());
  }

  private void clear(AnnotatedTypeMirror type) {
    if (type.hasPrimaryAnnotation(Shape.class)) {
      type.replaceAnnotation(unknown);
    }
    if (type instanceof AnnotatedArrayType array) {
      clear(array.getComponentType());
    }
  }
}
