package dev.solstice.runtime.random;

import dev.solstice.runtime.Tensor;

/** Compile-only stand-in for the runtime's Key. */
public final class Key {
  public Tensor keyData() {
    throw new UnsupportedOperationException("stub");
  }
}
