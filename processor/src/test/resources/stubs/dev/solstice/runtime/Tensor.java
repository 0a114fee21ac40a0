package dev.solstice.runtime;

/** Compile-only stand-in for the runtime's Tensor: the methods generated code and test models call. */
public final class Tensor {
  public int[] shape() {
    throw new UnsupportedOperationException("stub");
  }

  public int rank() {
    throw new UnsupportedOperationException("stub");
  }

  public int dim(int axis) {
    throw new UnsupportedOperationException("stub");
  }

  public Tensor add(Tensor other) {
    throw new UnsupportedOperationException("stub");
  }

  public Tensor matmul(Tensor other) {
    throw new UnsupportedOperationException("stub");
  }

  public Tensor tanh() {
    throw new UnsupportedOperationException("stub");
  }
}
