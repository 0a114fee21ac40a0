package dev.solstice.runtime;

import dev.solstice.runtime.kernel.Kernels;

/**
 * Adam's per-element arithmetic ({@code optax.scale_by_adam}, optionally followed by a constant
 * scale such as {@code -learningRate} and by {@code optax.apply_updates}) for one leaf in a single
 * pass: reads the gradient and both moments once and writes the new moments and the update (or the
 * new parameter), where the same formula written with tensor ops makes about a dozen passes and as
 * many fresh arrays.
 *
 * <p>Each element goes through exactly the float32 operations, in the order, that Optax's
 * definition gives ({@code mu' = (1-b1) g + b1 mu}, {@code nu' = (1-b2) g² + b2 nu}, {@code u =
 * (mu'/c1) / (sqrt(nu'/c2 + epsRoot) + eps)}, then {@code u * scale}, then {@code p + u}), so the
 * results are bit-identical to those ops. The optimizer ({@code dev.solstice.runtime.optim}) computes the
 * constants: this class only runs the loop. Use {@code Optax.adam} rather than this class.
 *
 * @param b1 the first moment's decay, as float32
 * @param oneMinusB1 {@code 1 - b1} computed in double, then rounded
 * @param b2 the second moment's decay
 * @param oneMinusB2 {@code 1 - b2} computed in double, then rounded
 * @param epsRoot added to the bias-corrected second moment inside the square root
 * @param eps added to the square root
 */
public record FusedAdam(float b1, float oneMinusB1, float b2, float oneMinusB2, float epsRoot, float eps) {

  /**
   * One leaf's new moments and update.
   *
   * @param mu the new first moment
   * @param nu the new second moment
   * @param update the scaled update, or the parameter plus it when one was given ({@code addTo})
   */
  public record Step(Tensor mu, Tensor nu, Tensor update) {}

  /**
   * Whether the fused loop can take these tensors: unbatched float32 of one shape that record no
   * gradient (the ops it replaces would record one).
   */
  public static boolean accepts(Tensor g, Tensor mu, Tensor nu) {
    return plain(g) && plain(mu) && plain(nu) && g.size() == mu.size() && g.size() == nu.size();
  }

  /** As {@link #accepts(Tensor, Tensor, Tensor)}, also for the parameter the update is added to, if not null. */
  public static boolean accepts(Tensor g, Tensor mu, Tensor nu, Tensor addTo) {
    return accepts(g, mu, nu) && (addTo == null || plain(addTo) && addTo.size() == g.size());
  }

  private static boolean plain(Tensor t) {
    return t.dtype() == DType.FLOAT32 && t.batchAxes() == 0 && !t.isTracked();
  }

  /**
   * Adam's step for one leaf: {@code u = (mu'/muCorrection) / (sqrt(nu'/nuCorrection + epsRoot) +
   * eps) * scale}.
   *
   * @param muCorrection {@code 1 - b1^t}, the first moment's bias correction
   * @param nuCorrection {@code 1 - b2^t}
   * @param scale multiplies the update; 1 leaves it as it is
   * @param addTo null, or the parameter: the step then returns {@code addTo + u}, the new parameter
   *     ({@code optax.apply_updates}), in place of {@code u}
   */
  public Step step(
      Tensor g, Tensor mu, Tensor nu, float muCorrection, float nuCorrection, float scale, Tensor addTo) {
    checkAccepted(g, mu, nu, addTo);
    float[] gs = g.data();
    float[] ms = mu.data();
    float[] vs = nu.data();
    float[] ps = addTo == null ? null : addTo.data();
    int n = gs.length;
    if (donates(mu, ms, nu, vs, addTo, ps)) {
      // In place: the kernel runs the loop below as vectors, which C2 cannot do for it when the
      // outputs may be the inputs.
      float[] out = addTo == null ? new float[n] : ps;
      float[] constants = {b1, oneMinusB1, b2, oneMinusB2, epsRoot, eps, muCorrection, nuCorrection, scale};
      Kernels.math().adam(constants, gs, ms, vs, ps, ms, vs, out, n);
      return result(g, ms, vs, out);
    }
    float[] newMu = new float[n];
    float[] newNu = new float[n];
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      float gi = gs[i];
      float m = gi * oneMinusB1 + ms[i] * b1;
      float v = gi * gi * oneMinusB2 + vs[i] * b2;
      newMu[i] = m;
      newNu[i] = v;
      float u = m / muCorrection / ((float) Math.sqrt(v / nuCorrection + epsRoot) + eps) * scale;
      out[i] = ps == null ? u : ps[i] + u;
    }
    adoptForDonation(newMu, newNu, addTo == null ? null : out);
    return result(g, newMu, newNu, out);
  }

  /**
   * NAdam's step for one leaf (Optax's {@code nesterov=True}): as {@link #step(Tensor, Tensor,
   * Tensor, float, float, float, Tensor)} with the first
   * moment replaced by {@code b1 * mu' / nextMuCorrection + (1 - b1) * g / muCorrection}.
   *
   * @param nextMuCorrection {@code 1 - b1^(t+1)}
   */
  public Step nesterovStep(
      Tensor g, Tensor mu, Tensor nu, float muCorrection, float nextMuCorrection, float nuCorrection, float scale,
      Tensor addTo) {
    checkAccepted(g, mu, nu, addTo);
    float[] gs = g.data();
    float[] ms = mu.data();
    float[] vs = nu.data();
    float[] ps = addTo == null ? null : addTo.data();
    int n = gs.length;
    float[] newMu = new float[n];
    float[] newNu = new float[n];
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      float gi = gs[i];
      float m = gi * oneMinusB1 + ms[i] * b1;
      float v = gi * gi * oneMinusB2 + vs[i] * b2;
      newMu[i] = m;
      newNu[i] = v;
      float mHat = m / nextMuCorrection * b1 + gi / muCorrection * oneMinusB1;
      float u = mHat / ((float) Math.sqrt(v / nuCorrection + epsRoot) + eps) * scale;
      out[i] = ps == null ? u : ps[i] + u;
    }
    adoptForDonation(newMu, newNu, addTo == null ? null : out);
    return result(g, newMu, newNu, out);
  }

  /**
   * Whether this step may write into the memory of {@code mu}, {@code nu} and {@code addTo} (if
   * given), whose arrays are {@code ms}, {@code vs} and {@code ps}: inside {@link Donation#run}, when all of them are donatable, none shares an array with
   * another, and the vectorised kernel runs the in-place loop (the scalar one would be slower
   * than fresh arrays). Their tensors are released then.
   */
  private static boolean donates(Tensor mu, float[] ms, Tensor nu, float[] vs, Tensor addTo, float[] ps) {
    if (!Donation.active() || !Kernels.math().vectorised()) {
      return false;
    }
    if (ms == vs || ms == ps || vs == ps || !mu.donatable() || !nu.donatable() || addTo != null && !addTo.donatable()) {
      return false;
    }
    mu.release();
    nu.release();
    Donation.adopt(ms);
    Donation.adopt(vs);
    if (addTo != null) {
      addTo.release();
      Donation.adopt(ps);
    }
    return true;
  }

  /** Inside {@link Donation#run}, makes the fresh state arrays (not null) donatable by the next step. */
  private static void adoptForDonation(float[]... state) {
    if (Donation.active()) {
      for (float[] array : state) {
        if (array != null) {
          Donation.adopt(array);
        }
      }
    }
  }

  private static void checkAccepted(Tensor g, Tensor mu, Tensor nu, Tensor addTo) {
    if (!accepts(g, mu, nu, addTo)) {
      throw new IllegalArgumentException(
          "the fused Adam step needs unbatched, untracked float32 gradient, moments (and parameter) of one size,"
              + " found " + g + ", " + mu + ", " + nu + (addTo == null ? "" : ", " + addTo)
              + "; check FusedAdam.accepts first and use tensor ops otherwise");
    }
  }

  private static Step result(Tensor like, float[] mu, float[] nu, float[] update) {
    int[] shape = like.physical();
    return new Step(
        Tensor.floats(mu, shape, 0, null), Tensor.floats(nu, shape, 0, null), Tensor.floats(update, shape, 0, null));
  }
}
