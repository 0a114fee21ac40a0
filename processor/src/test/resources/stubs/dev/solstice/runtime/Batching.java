package dev.solstice.runtime;

import dev.solstice.runtime.random.Key;

/** Compile-only stand-in for the runtime's Batching. */
public final class Batching implements AutoCloseable {
  private Batching() {}

  public static Batching begin(int size) {
    throw new UnsupportedOperationException("stub");
  }

  public Tensor in(String name, Tensor x, int axis) {
    throw new UnsupportedOperationException("stub");
  }

  public Key in(String name, Key key, int axis) {
    throw new UnsupportedOperationException("stub");
  }

  public Tensor out(Tensor y, int axis) {
    throw new UnsupportedOperationException("stub");
  }

  @Override
  public void close() {}
}
