package dev.solstice.runtime;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * Buffer donation, as JAX's {@code donate_argnums}: during {@link #run}, an optimizer step may
 * write its results into the memory of the state it was given instead of into fresh arrays, which
 * a training loop would otherwise allocate (and the caches miss) every step.
 *
 * <p>Only memory made for donation can be donated: arrays a donating step allocated ({@link
 * #adopt}). Their tensors, and every view of them, share a {@link Lease}; donating the array
 * releases it, so the tensors of the state that was given up refuse reads instead of showing the
 * next step's values. Nothing else is ever written in place.
 *
 * <p>The gradients a step used are given up too ({@link #giveUpGradients}): those a {@link
 * Autodiff#valueAndGrad} pass returned go back to the arrays such passes reuse.
 */
public final class Donation {
  private static final String DONATED =
      "belonged to a TrainState given up by applyGradientsDonating: its memory holds a later"
          + " step's values now. Use the state that call returned, or copy() what you keep before"
          + " the step";

  private static final String GRADIENT_GIVEN_UP =
      "was a gradient given to applyGradientsDonating, which gave its memory to later valueAndGrad"
          + " passes: read it before that call, or copy() it";

  /** The lease of every array made for donation; weak, so dropped states are collected. */
  private static final Map<float[], Lease> OWNED = new WeakHashMap<>();
  private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> false);
  private static volatile boolean anyOwned;

  private Donation() {}

  /**
   * Runs {@code step}, letting the optimizer code it calls on this thread donate the memory of its
   * inputs (see {@link #active()}); returns its result.
   */
  public static <T> T run(Supplier<T> step) {
    boolean outer = ACTIVE.get();
    ACTIVE.set(true);
    try {
      return step.get();
    } finally {
      ACTIVE.set(outer);
    }
  }

  /**
   * Gives the memory of {@code gradients} to the next {@link Autodiff#valueAndGrad} passes on this
   * thread, as a jitted JAX step never keeps its gradients: each that a pass returned and that
   * shares no memory with {@code kept} (say, an optimizer state that holds a gradient as it is).
   * Their tensors, and views of them, refuse reads from then on. Anything else is left alone.
   */
  public static void giveUpGradients(List<Tensor> gradients, List<Tensor> kept) {
    Set<float[]> keep = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Tensor tensor : kept) {
      keep.add(tensor.memory());
    }
    for (Tensor gradient : gradients) {
      if (!keep.contains(gradient.memory())) {
        gradient.recycle(GRADIENT_GIVEN_UP);
      }
    }
  }

  /** Whether code on this thread runs inside {@link #run}, and may donate. */
  static boolean active() {
    return ACTIVE.get();
  }

  /**
   * Makes {@code array} (fresh, or donated just now) memory that a later donating step may reuse:
   * the tensors made over it from now on share a new lease.
   */
  static void adopt(float[] array) {
    synchronized (OWNED) {
      OWNED.put(array, new Lease(DONATED));
      anyOwned = true;
    }
  }

  /** The lease of {@code array} if it was made for donation, else null. */
  static Lease leaseOf(float[] array) {
    if (!anyOwned || array == null || array.length < TapeBuffers.MIN_POOLED) {
      return null;
    }
    synchronized (OWNED) {
      return OWNED.get(array);
    }
  }
}
