package dev.solstice.checker;

import com.sun.source.tree.ExpressionTree;
import java.util.List;
import org.checkerframework.framework.type.AnnotatedTypeFactory;
import org.checkerframework.framework.type.AnnotatedTypeMirror.AnnotatedExecutableType;
import org.checkerframework.framework.util.typeinference8.InferenceResult;
import org.checkerframework.framework.util.typeinference8.TypeArgumentInference;

/**
 * Leaves the type arguments of generic calls to javac. The Checker Framework would infer them
 * again to find qualifiers on them, which was most of the checker's cost on code using generic
 * APIs (collections, streams, assertions); shapes do not flow through type arguments, so a call
 * of a generic method gets javac's result type with default qualifiers instead. The Checker
 * Framework does exactly that when its own inference fails, which is the result reported here;
 * {@link ShapeVisitor} does not run the check that would report that failure.
 */
final class JavacTypeArguments implements TypeArgumentInference {
  private static final InferenceResult LEFT_TO_JAVAC =
      new InferenceResult(List.of(), false, false, true, "type arguments are javac's");

  @Override
  public InferenceResult inferTypeArgs(
      AnnotatedTypeFactory typeFactory, ExpressionTree invocation, AnnotatedExecutableType methodType) {
    return LEFT_TO_JAVAC;
  }
}
