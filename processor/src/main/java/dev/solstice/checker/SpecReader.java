package dev.solstice.checker;

import dev.solstice.shape.Dim;
import dev.solstice.shape.ShapeSpec;
import dev.solstice.shape.ShapeSyntaxException;
import dev.solstice.shape.SizeExpr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads {@code @Shape} spec strings into {@link SymbolicShape}s through the shared grammar
 * ({@link ShapeSpec#parse}), remembering each string it has read: the same few specs are read
 * again and again while a compilation unit is checked.
 *
 * <p>What the symbolic checker cannot reason about becomes unknown: a symbolic axis using
 * {@code //}, {@code %}, {@code min}, {@code max} or {@code abs}, and jaxtyping's tree-path
 * {@code ?name} axes.
 */
final class SpecReader {
  private final Map<String, Optional<SymbolicShape>> cache = new HashMap<>();

  /** The shape {@code spec} describes, or null when it is not valid grammar. */
  @Nullable SymbolicShape read(String spec) {
    return cache.computeIfAbsent(spec, SpecReader::parse).orElse(null);
  }

  private static Optional<SymbolicShape> parse(String spec) {
    ShapeSpec parsed;
    try {
      parsed = ShapeSpec.parse(spec);
    } catch (ShapeSyntaxException e) {
      return Optional.empty();
    }
    List<Axis> axes = new ArrayList<>();
    for (Dim dim : parsed.dims()) {
      axes.add(axis(dim));
    }
    return Optional.of(SymbolicShape.of(axes));
  }

  private static Axis axis(Dim dim) {
    if (dim instanceof Dim.Fixed fixed) {
      return new Axis.Size(DimExpr.constant(fixed.size()), fixed.broadcastable());
    }
    if (dim instanceof Dim.Named named) {
      boolean usable = !named.treePath() && !named.name().isEmpty();
      return usable ? new Axis.Size(DimExpr.name(named.name()), named.broadcastable()) : Axis.AnySize.INSTANCE;
    }
    if (dim instanceof Dim.Variadic variadic) {
      boolean usable = !variadic.isAnonymous() && !variadic.treePath() && !variadic.name().isEmpty();
      return usable ? new Axis.Rest(variadic.name(), variadic.broadcastable()) : Axis.Rest.UNKNOWN;
    }
    if (dim instanceof Dim.Expression expression) {
      DimExpr size = polynomial(expression.expr());
      return size == null ? Axis.AnySize.INSTANCE : new Axis.Size(size, expression.broadcastable());
    }
    return Axis.AnySize.INSTANCE;
  }

  /** {@code expr} as a polynomial, or null when it uses an operation polynomials do not have. */
  private static @Nullable DimExpr polynomial(SizeExpr expr) {
    if (expr instanceof SizeExpr.Literal literal) {
      return DimExpr.constant(literal.value());
    }
    if (expr instanceof SizeExpr.Ref ref) {
      return ref.name().isEmpty() ? null : DimExpr.name(ref.name());
    }
    if (expr instanceof SizeExpr.Negate negate) {
      DimExpr operand = polynomial(negate.operand());
      return operand == null ? null : operand.times(DimExpr.constant(-1));
    }
    if (expr instanceof SizeExpr.Binary binary) {
      DimExpr left = polynomial(binary.left());
      DimExpr right = polynomial(binary.right());
      if (left == null || right == null) {
        return null;
      }
      switch (binary.operator()) {
        case ADD:
          return left.plus(right);
        case SUBTRACT:
          return left.minus(right);
        case MULTIPLY:
          return left.times(right);
        default:
          return null;
      }
    }
    return null;
  }
}
