package dev.solstice.checker;

import com.sun.source.tree.MethodTree;
import java.util.HashMap;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.MonotonicNonNull;
import org.checkerframework.common.basetype.BaseTypeChecker;
import org.checkerframework.framework.source.SupportedOptions;

/**
 * Reports {@code @Shape} mismatches as compile errors: a pluggable type checker for the Checker
 * Framework in which {@code @Shape("batch 1")} qualifies {@code Tensor}.
 *
 * <p>Run it with {@code -processor dev.solstice.checker.ShapeChecker}. It is gradual: unknown
 * shapes are left to the run-time check, and only definite conflicts are errors; {@code
 * -Ashape.strict} also warns about every shape it cannot prove. {@code @SuppressWarnings("shape")}
 * silences it, and a cast such as {@code (@Shape("m n") Tensor) t} asserts a shape it cannot
 * infer.
 *
 * <p>The type system lives in {@link ShapeAnnotatedTypeFactory}, the checks in {@link
 * ShapeVisitor}, the messages in {@code messages.properties}.
 */
@SupportedOptions({ShapeChecker.STRICT})
public class ShapeChecker extends BaseTypeChecker {
  /** The option that also reports, as warnings, the shapes the checker cannot prove. */
  public static final String STRICT = "shape.strict";

  private @MonotonicNonNull Map<String, String> options;

  /** Methods that mention nothing with a shape are not checked (see {@link ShapeRelevance}). */
  @Override
  public boolean shouldSkipDefs(MethodTree tree) {
    return !((ShapeAnnotatedTypeFactory) getTypeFactory()).mentionsShapes(tree);
  }

  /**
   * The options in force, always with {@code -Aignorejdkastub}: the Checker Framework's annotated
   * JDK holds no shape qualifiers, and parsing it made up a large part of the checker's cost.
   */
  @Override
  public Map<String, String> getOptions() {
    if (options == null) {
      Map<String, String> active = new HashMap<>(super.getOptions());
      active.putIfAbsent("ignorejdkastub", null);
      options = active;
    }
    return options;
  }
}
