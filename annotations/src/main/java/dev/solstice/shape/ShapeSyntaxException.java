package dev.solstice.shape;

/**
 * A dims string is not valid jaxtyping grammar. {@link #column()} is the zero-based position in
 * {@link #spec()} where the problem starts.
 */
public class ShapeSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String spec;
  private final int column;

  public ShapeSyntaxException(String spec, int column, String problem) {
    super(problem + " at column " + column + " of \"" + spec + "\"");
    this.spec = spec;
    this.column = column;
  }

  /** The dims string that failed to parse. */
  public String spec() {
    return spec;
  }

  /** Zero-based position in {@link #spec()} where the problem starts. */
  public int column() {
    return column;
  }
}
