package dev.solstice.runtime;

/** Test stub of the runtime's element types. */
public enum DType {
  FLOAT32,
  INT32,
  BOOL
}
