package dev.solstice.runtime;

/**
 * The binary float ops over whole arrays: two arrays of one length, or an array and a scalar.
 * Every loop indexes all of its arrays with the bare loop counter, the one form JDK 17's C2
 * vectorises: with different offsets into possibly the same array it cannot rule out that a store
 * feeds a later load, and runs the loop scalar (measured 3x slower for an add of 268K floats).
 * These are the loops of same-shape and scalar operands: most of an optimizer's and a backward
 * pass's arithmetic.
 */
final class WholeArrayLoops {
  private WholeArrayLoops() {}

  /** {@code o[i] = a[i] op b[i]}; all three arrays have one length. */
  static void arrays(BinaryOp op, float[] a, float[] b, float[] o) {
    int n = o.length;
    switch (op) {
      case ADD -> { for (int i = 0; i < n; i++) o[i] = a[i] + b[i]; }
      case SUB -> { for (int i = 0; i < n; i++) o[i] = a[i] - b[i]; }
      case MUL -> { for (int i = 0; i < n; i++) o[i] = a[i] * b[i]; }
      case DIV -> { for (int i = 0; i < n; i++) o[i] = a[i] / b[i]; }
      case MAXIMUM -> { for (int i = 0; i < n; i++) o[i] = Math.max(a[i], b[i]); }
      case MINIMUM -> { for (int i = 0; i < n; i++) o[i] = Math.min(a[i], b[i]); }
      case POW -> { for (int i = 0; i < n; i++) o[i] = Elementwise.pow(a[i], b[i]); }
    }
  }

  /** {@code o[i] = a[i] op y}. */
  static void arrayScalar(BinaryOp op, float[] a, float y, float[] o) {
    int n = o.length;
    switch (op) {
      case ADD -> { for (int i = 0; i < n; i++) o[i] = a[i] + y; }
      case SUB -> { for (int i = 0; i < n; i++) o[i] = a[i] - y; }
      case MUL -> { for (int i = 0; i < n; i++) o[i] = a[i] * y; }
      case DIV -> { for (int i = 0; i < n; i++) o[i] = a[i] / y; }
      case MAXIMUM -> { for (int i = 0; i < n; i++) o[i] = Math.max(a[i], y); }
      case MINIMUM -> { for (int i = 0; i < n; i++) o[i] = Math.min(a[i], y); }
      case POW -> powScalar(a, y, o);
    }
  }

  /** {@code o[i] = x op b[i]}. */
  static void scalarArray(BinaryOp op, float x, float[] b, float[] o) {
    int n = o.length;
    switch (op) {
      case ADD -> { for (int i = 0; i < n; i++) o[i] = x + b[i]; }
      case SUB -> { for (int i = 0; i < n; i++) o[i] = x - b[i]; }
      case MUL -> { for (int i = 0; i < n; i++) o[i] = x * b[i]; }
      case DIV -> { for (int i = 0; i < n; i++) o[i] = x / b[i]; }
      case MAXIMUM -> { for (int i = 0; i < n; i++) o[i] = Math.max(x, b[i]); }
      case MINIMUM -> { for (int i = 0; i < n; i++) o[i] = Math.min(x, b[i]); }
      case POW -> { for (int i = 0; i < n; i++) o[i] = Elementwise.pow(x, b[i]); }
    }
  }

  /** {@code x ** y} for a constant exponent: the small integer powers JAX multiplies out are loops of products. */
  private static void powScalar(float[] a, float y, float[] o) {
    int n = o.length;
    if (y == 2f) {
      for (int i = 0; i < n; i++) o[i] = a[i] * a[i];
    } else if (y == 1f) {
      System.arraycopy(a, 0, o, 0, n);
    } else {
      for (int i = 0; i < n; i++) o[i] = Elementwise.pow(a[i], y);
    }
  }
}
