package dev.solstice.runtime.random;

import dev.solstice.runtime.Tensor;

/** Test stub: the public signatures of the runtime's PRNG key. */
public final class Key {
  private Key() {}

  public static Key of(long seed) {
    throw new UnsupportedOperationException();
  }

  public static Key wrap(Tensor keyData) {
    throw new UnsupportedOperationException();
  }

  public Key get(int index) {
    throw new UnsupportedOperationException();
  }

  public Key splitArray(int n) {
    throw new UnsupportedOperationException();
  }

  public Key[] split(int n) {
    throw new UnsupportedOperationException();
  }

  public Key foldIn(int data) {
    throw new UnsupportedOperationException();
  }

  public Tensor bits(int... shape) {
    throw new UnsupportedOperationException();
  }

  public Tensor uniform(int... shape) {
    throw new UnsupportedOperationException();
  }

  public Tensor uniform(float min, float max, int... shape) {
    throw new UnsupportedOperationException();
  }

  public Tensor normal(int... shape) {
    throw new UnsupportedOperationException();
  }

  public Tensor bernoulli(float p, int... shape) {
    throw new UnsupportedOperationException();
  }

  public Tensor randint(int min, int max, int... shape) {
    throw new UnsupportedOperationException();
  }

  public Tensor permutation(int n) {
    throw new UnsupportedOperationException();
  }
}
