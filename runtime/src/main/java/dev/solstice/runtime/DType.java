package dev.solstice.runtime;

/** Element type of a {@link Tensor}. */
public enum DType {
  /** 32-bit IEEE float: parameters, activations, gradients. */
  FLOAT32,
  /** 32-bit signed integer: labels, indices, PRNG key data (read as unsigned bits). */
  INT32,
  /** Truth values from comparisons, stored as 0 and 1. */
  BOOL
}
