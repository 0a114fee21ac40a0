package dev.solstice.runtime;

/** The broadcasting elementwise functions of two arguments; loops in {@code Elementwise}, gradients in {@code Gradients}. */
enum BinaryOp {
  ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM;

  /** Whether int32 operands give an int32 result (otherwise they are converted to float32). */
  boolean keepsInts() {
    return this == ADD || this == SUB || this == MUL || this == MAXIMUM || this == MINIMUM;
  }

  String opName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
