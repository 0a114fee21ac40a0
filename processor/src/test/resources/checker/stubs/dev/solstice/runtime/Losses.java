package dev.solstice.runtime;

/** Test stub: the public signatures of the runtime's losses. */
public final class Losses {
  private Losses() {}

  public static Tensor softmaxCrossEntropyWithIntegerLabels(Tensor logits, Tensor labels) {
    throw new UnsupportedOperationException();
  }

  public static Tensor mse(Tensor prediction, Tensor target) {
    throw new UnsupportedOperationException();
  }
}
