package dev.solstice.checker;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import dev.solstice.shape.ShapeSpec;
import dev.solstice.shape.ShapeSyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.checkerframework.common.basetype.BaseTypeChecker;
import org.checkerframework.common.basetype.BaseTypeVisitor;
import org.checkerframework.framework.type.AnnotatedTypeMirror;
import org.checkerframework.javacutil.TreePathUtil;
import org.checkerframework.javacutil.TreeUtils;

/**
 * The shape checks: calls (arguments, receivers, runtime ops), returned values, assignments to
 * variables with a {@code @Shape}, casts, and the grammar of every {@code @Shape} spec. Each
 * definite conflict is an error; what cannot be proven is a {@code shape.unproven} warning under
 * {@code -Ashape.strict} and silent otherwise.
 *
 * <p>A returned or assigned value is compared with the declared spec in the scope of the method
 * it is written in, where every name is a dim of that scope: distinct names are distinct dims.
 */
public class ShapeVisitor extends BaseTypeVisitor<ShapeAnnotatedTypeFactory> {
  private final boolean strict;

  /** Start positions of the malformed specs reported in the current compilation unit. */
  private final Set<Long> reportedSpecs = new HashSet<>();

  public ShapeVisitor(BaseTypeChecker checker) {
    super(checker);
    this.strict = atypeFactory.isStrict();
  }

  /**
   * Checks a call with {@link CallSites}, then visits its parts. The Checker Framework's own
   * invocation checks (type arguments, receiver, arguments) are skipped: they all pass under
   * {@link GradualTypeHierarchy}, and their type-argument inference is costly.
   */
  @Override
  public Void visitMethodInvocation(MethodInvocationTree tree, Void p) {
    CallSites.Facts facts = atypeFactory.callSites().analyze(tree);
    if (facts != null) {
      reportAll(facts.reports());
    }
    scan(tree.getTypeArguments(), p);
    scan(tree.getMethodSelect(), p);
    scan(tree.getArguments(), p);
    return null;
  }

  /** Like {@link #visitMethodInvocation}, for constructor calls and anonymous classes. */
  @Override
  public Void visitNewClass(NewClassTree tree, Void p) {
    CallSites.Facts facts = atypeFactory.callSites().analyze(tree);
    if (facts != null) {
      reportAll(facts.reports());
    }
    scan(tree.getEnclosingExpression(), p);
    scan(tree.getIdentifier(), p);
    scan(tree.getTypeArguments(), p);
    scan(tree.getArguments(), p);
    scan(tree.getClassBody(), p);
    return null;
  }

  /**
   * Visits a lambda's body without the Checker Framework's checks of its parameters and result
   * against the functional interface: shapes are not checked across that boundary, and finding
   * the interface's type needs costly inference.
   */
  @Override
  public Void visitLambdaExpression(LambdaExpressionTree tree, Void p) {
    scan(tree.getBody(), p);
    return null;
  }

  /** Returns from lambdas are not checked (see {@link #visitLambdaExpression}). */
  @Override
  public Void visitReturn(ReturnTree tree, Void p) {
    Tree enclosing = TreePathUtil.enclosingMethodOrLambda(getCurrentPath());
    if (enclosing instanceof LambdaExpressionTree) {
      scan(tree.getExpression(), p);
      return null;
    }
    return super.visitReturn(tree, p);
  }

  /** Method references are not checked against the functional interface either. */
  @Override
  public Void visitMemberReference(MemberReferenceTree tree, Void p) {
    scan(tree.getQualifierExpression(), p);
    return null;
  }

  @Override
  public void setRoot(CompilationUnitTree root) {
    super.setRoot(root);
    reportedSpecs.clear();
  }

  @Override
  public Void visitAnnotation(AnnotationTree tree, Void p) {
    AnnotationMirror annotation = TreeUtils.annotationFromAnnotationTree(tree);
    String spec = atypeFactory.specOf(annotation);
    if (spec != null) {
      try {
        ShapeSpec.parse(spec);
      } catch (ShapeSyntaxException e) {
        // javac shares a record component's annotation with its field, accessor and constructor.
        if (reportedSpecs.add(positions.getStartPosition(root, tree))) {
          checker.reportError(tree, ShapeMessages.SYNTAX, e.getMessage(), spec, " ".repeat(e.column()));
        }
      }
    }
    return super.visitAnnotation(tree, p);
  }

  /**
   * Skips the value's type where the target has no shape: the Checker Framework's own check would
   * pass anyway ({@link GradualTypeHierarchy}), and computing the type is what costs.
   */
  @Override
  protected boolean commonAssignmentCheck(
      AnnotatedTypeMirror varType, ExpressionTree valueExpTree, String errorKey, Object... extraArgs) {
    if (atypeFactory.shapeOf(varType) == null) {
      return true;
    }
    return super.commonAssignmentCheck(varType, valueExpTree, errorKey, extraArgs);
  }

  /**
   * Shape qualifiers need no well-formedness check beyond their grammar, which {@link
   * #visitAnnotation} checks; validating every type is a large part of the Checker Framework's
   * cost.
   */
  @Override
  public boolean validateTypeOf(Tree tree) {
    return true;
  }

  @Override
  protected boolean validateType(Tree tree, AnnotatedTypeMirror type) {
    return true;
  }

  @Override
  protected boolean commonAssignmentCheck(
      AnnotatedTypeMirror varType,
      AnnotatedTypeMirror valueType,
      Tree valueExpTree,
      String errorKey,
      Object... extraArgs) {
    boolean isReturn = errorKey.equals("return");
    if (isReturn || errorKey.equals("assignment") || errorKey.equals("enhancedfor")) {
      SymbolicShape declared = atypeFactory.shapeOf(varType);
      if (declared != null) {
        String key = isReturn ? ShapeMessages.RETURN : ShapeMessages.ASSIGNMENT;
        String target = isReturn ? returningMethod() : assignedVariable();
        compareInScope(declared, atypeFactory.shapeOf(valueType), valueExpTree, key, target);
      }
    }
    return super.commonAssignmentCheck(varType, valueType, valueExpTree, errorKey, extraArgs);
  }

  /** Casts are trusted assertions of a shape, unless the value certainly has another one. */
  @Override
  protected void checkTypecastSafety(TypeCastTree tree) {
    SymbolicShape cast = atypeFactory.shapeOf(atypeFactory.getAnnotatedTypeFromTypeTree(tree.getType()));
    if (cast != null) {
      SymbolicShape value = atypeFactory.shapeOf(atypeFactory.getAnnotatedType(tree.getExpression()));
      Mismatch conflict = firstConflict(match(cast, value));
      if (conflict != null) {
        checker.reportError(tree, ShapeMessages.CAST, ShapeMessages.show(cast), ShapeMessages.show(value), conflict.reason());
      }
    }
  }

  /**
   * Compares a value's shape with a spec declared in the same scope: an error on a conflict, a
   * strict-mode warning when the match cannot be proven.
   */
  private void compareInScope(
      SymbolicShape declared, @Nullable SymbolicShape value, Tree where, String key, String target) {
    List<Mismatch> problems = match(declared, value);
    Mismatch conflict = firstConflict(problems);
    if (conflict != null) {
      checker.reportError(where, key, target, ShapeMessages.show(declared), ShapeMessages.show(value), conflict.reason());
    } else if (strict && !problems.isEmpty()) {
      String what = target + " (" + ShapeMessages.show(value) + " for " + ShapeMessages.show(declared) + ")";
      checker.reportWarning(where, ShapeMessages.UNPROVEN, what, problems.get(0).reason());
    }
  }

  /** Matches a value against a spec of the same scope, where each name stands for itself. */
  private static List<Mismatch> match(SymbolicShape declared, @Nullable SymbolicShape value) {
    Unifier unifier = new Unifier(Bindings.identity(List.of(declared), "this scope"));
    List<Mismatch> problems = new ArrayList<>(unifier.match(declared, value, "the value"));
    for (Unifier.Finding late : unifier.finish()) {
      problems.add(late.mismatch());
    }
    return problems;
  }

  private static @Nullable Mismatch firstConflict(List<Mismatch> problems) {
    return problems.stream().filter(Mismatch::definite).findFirst().orElse(null);
  }

  private void reportAll(List<Report> reports) {
    for (Report report : reports) {
      Object[] arguments = report.arguments().toArray();
      if (report.definite()) {
        checker.reportError(report.where(), report.key(), arguments);
      } else if (strict) {
        checker.reportWarning(report.where(), report.key(), arguments);
      }
    }
  }

  /** The method a return statement being checked belongs to, for messages. */
  private String returningMethod() {
    MethodTree method = TreePathUtil.enclosingMethod(getCurrentPath());
    return method == null ? "the method" : "method " + method.getName();
  }

  /** The variable an assignment being checked writes, for messages. */
  private String assignedVariable() {
    Tree leaf = getCurrentPath().getLeaf();
    if (leaf instanceof VariableTree variable) {
      return "variable " + variable.getName();
    }
    if (leaf instanceof AssignmentTree assignment) {
      return "variable " + assignment.getVariable();
    }
    return "the variable";
  }
}
