package dev.solstice.shape;

/** Compile-only stand-in for ShapeScope until it is in solstice-annotations. */
public final class ShapeScope {
  public static boolean enabled() {
    throw new UnsupportedOperationException("stub");
  }

  public ShapeScope check(String argument, String spec, int... shape) {
    throw new UnsupportedOperationException("stub");
  }
}
