package dev.solstice.runtime;

/**
 * Ops built from other ops, so their gradients follow from the rules of their parts: the
 * numerically stable softmax family and the variance. The stabilising shift by the maximum is
 * detached, as in JAX: it does not change the value, so it must not change the gradient either.
 */
final class Composites {
  private Composites() {}

  /** The maximum along {@code axis} (kept), detached, and 0 where it is not finite (a row of -inf). */
  private static Tensor shift(Tensor x, int axis) {
    Tensor max = x.max(axis, true).detach();
    return Tensor.where(max.abs().lt(Float.POSITIVE_INFINITY), max, Tensor.scalar(0f));
  }

  static Tensor logsumexp(Tensor x, int axis, boolean keepdims) {
    Tensor m = shift(x, axis);
    Tensor out = x.sub(m).exp().sum(axis, true).log().add(m);
    return keepdims ? out : out.squeeze(axis);
  }

  static Tensor softmax(Tensor x, int axis) {
    Tensor unnormalized = x.sub(shift(x, axis)).exp();
    return unnormalized.div(unnormalized.sum(axis, true));
  }

  static Tensor logSoftmax(Tensor x, int axis) {
    Tensor shifted = x.sub(shift(x, axis));
    return shifted.sub(shifted.exp().sum(axis, true).log());
  }

  static Tensor var(Tensor x, int axis, boolean keepdims) {
    Tensor centered = x.sub(x.mean(axis, true));
    return centered.square().mean(axis, keepdims);
  }
}
