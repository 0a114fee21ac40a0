package dev.solstice.runtime;

/** Elementwise comparisons; each gives a bool tensor and has no gradient. */
enum CompareOp {
  GT, GE, LT, LE, EQ, NE;

  boolean test(float x, float y) {
    return switch (this) {
      case GT -> x > y;
      case GE -> x >= y;
      case LT -> x < y;
      case LE -> x <= y;
      case EQ -> x == y;
      case NE -> x != y;
    };
  }

  boolean test(int x, int y) {
    return switch (this) {
      case GT -> x > y;
      case GE -> x >= y;
      case LT -> x < y;
      case LE -> x <= y;
      case EQ -> x == y;
      case NE -> x != y;
    };
  }

  String opName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
