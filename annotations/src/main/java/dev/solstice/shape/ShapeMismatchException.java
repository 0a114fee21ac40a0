package dev.solstice.shape;

/**
 * A tensor's shape does not match what was expected: a {@code @Shape} spec checked by {@link
 * ShapeScope}, or the operands of a runtime op. The message says which argument or op, the actual
 * shape, the expected spec or the other operand, the reason, and the dims bound so far.
 */
public class ShapeMismatchException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ShapeMismatchException(String message) {
    super(message);
  }
}
