package dev.solstice.checker;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The message keys of {@code messages.properties} and how shapes read in their arguments. The
 * texts themselves live in {@code messages.properties}, next to {@link ShapeChecker}.
 */
final class ShapeMessages {
  /** An argument of a call conflicts with its parameter's spec. */
  static final String ARGUMENT = "shape.argument";

  /** The receiver of a call conflicts with the method's receiver spec. */
  static final String RECEIVER = "shape.receiver";

  /** A returned value conflicts with the method's declared result spec. */
  static final String RETURN = "shape.return";

  /** A value assigned to a variable or field conflicts with its declared spec. */
  static final String ASSIGNMENT = "shape.assignment";

  /** A cast to a {@code @Shape} type conflicts with the value's shape. */
  static final String CAST = "shape.cast";

  /** The operands of a runtime op conflict with its shape rule. */
  static final String OP = "shape.op";

  /** A {@code @Shape} spec is not valid grammar. */
  static final String SYNTAX = "shape.syntax";

  /** Under {@code -Ashape.strict}: a shape the checker cannot prove. */
  static final String UNPROVEN = "shape.unproven";

  private ShapeMessages() {}

  /** A shape as messages show it: its spec in quotes, or {@code unknown}. */
  static String show(@Nullable SymbolicShape shape) {
    return shape == null ? "unknown" : "\"" + shape + "\"";
  }
}
