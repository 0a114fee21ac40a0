package dev.solstice.runtime;

/** The elementwise functions of one float argument; loops in {@code Elementwise}, gradients in {@code Gradients}. */
enum UnaryOp {
  NEG, SQUARE, SQRT, RSQRT, EXP, LOG, TANH, RELU, SIGMOID, GELU, ABS, SIGN;

  /** The name users know the op by, for messages. */
  String opName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
