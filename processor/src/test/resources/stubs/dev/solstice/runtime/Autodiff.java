package dev.solstice.runtime;

import java.util.List;
import java.util.function.Function;

/** Compile-only stand-in for the runtime's Autodiff. */
public final class Autodiff {
  private Autodiff() {}

  public static ValueAndGrad<List<Tensor>> valueAndGrad(List<Tensor> inputs, Function<List<Tensor>, Tensor> f) {
    throw new UnsupportedOperationException("stub");
  }
}
