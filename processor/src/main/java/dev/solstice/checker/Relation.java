package dev.solstice.checker;

/** How two axis sizes of one scope compare. */
enum Relation {
  /** Certainly the same size. */
  EQUAL,
  /** Certainly different sizes: a definite conflict. */
  DIFFERENT,
  /** Maybe equal: left to the run-time check. */
  UNKNOWN;

  /**
   * How {@code a} and {@code b}, both sizes in one scope, compare. Sizes equal as polynomials are
   * equal; sizes differing by a non-zero constant ({@code n} and {@code n+1}, {@code 3} and {@code
   * 4}) differ, and so do two different dim names of one scope ({@code in} and {@code out}), which
   * the checker treats as distinct dims as Java treats distinct type variables. An unknown size
   * or a broadcastable one, which may be 1, is never certainly different.
   */
  static Relation of(Axis a, Axis b) {
    if (!(a instanceof Axis.Size) || !(b instanceof Axis.Size)) {
      return UNKNOWN;
    }
    DimExpr x = ((Axis.Size) a).size();
    DimExpr y = ((Axis.Size) b).size();
    DimExpr difference = x.minus(y);
    if (difference.isConstant(0)) {
      return EQUAL;
    }
    if (a.broadcast() || b.broadcast()) {
      return UNKNOWN;
    }
    if (difference.isConstant()) {
      return DIFFERENT;
    }
    if (x.singleName() != null && y.singleName() != null) {
      return DIFFERENT;
    }
    return UNKNOWN;
  }

  /** Whether {@code axis} is certainly of size 1. */
  static boolean isOne(Axis axis) {
    return axis instanceof Axis.Size && ((Axis.Size) axis).size().isConstant(1) && !axis.broadcast();
  }
}
