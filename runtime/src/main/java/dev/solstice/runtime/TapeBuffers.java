package dev.solstice.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The float arrays a {@link Autodiff#valueAndGrad} pass makes and drops: the values of its forward
 * pass and its intermediate gradients.
 *
 * <p>While a pass runs ({@link #open()} to {@link #close(List)}), ops on its thread take their
 * output arrays from a per-thread pool that earlier passes filled; when the pass ends, every array
 * it took that no result holds goes back. A training loop then reuses the same cache-warm arrays
 * step after step instead of allocating and zeroing fresh ones, which walk through memory the
 * caches do not hold (for the seed's 1000x32 activations, several microseconds each).
 *
 * <p>The tensors over an array that goes back are <em>released</em>: reading them throws, as JAX
 * refuses a tracer leaked out of {@code jax.grad}. Every tensor made over a lent array, on any
 * thread and by any op (views, {@code detach()}), shares the array's {@link Lease}, so none of them
 * can read an array that now belongs to another step. Outside a pass, and for small arrays, these
 * methods just allocate.
 *
 * <p>The arrays of the results (the value and the gradients) stay with the caller, until it gives
 * them back with {@link #recycle} ({@code TrainState.applyGradientsDonating} gives the gradients
 * once it has used them): they then go to the next passes on that thread, and their tensors are
 * released as above.
 *
 * <p>With assertions enabled (as in tests) an uninitialized array is filled with NaN, so an op
 * that reads an element it did not write shows at once.
 */
final class TapeBuffers {
  /** Arrays shorter than this are allocated as usual: allocating them is cheaper than pooling. */
  static final int MIN_POOLED = 4096;
  /** At most this many floats (16 MB) wait in one thread's pool. */
  private static final long MAX_POOLED_FLOATS = 4L << 20;

  private static final String RELEASED =
      "was computed inside valueAndGrad and was released when valueAndGrad returned: its memory"
          + " holds the values of a later step now. Read it inside the function, or keep a copy"
          + " made there with copy()";

  private static final ThreadLocal<Pool> POOL = ThreadLocal.withInitial(Pool::new);
  /** The lease of every array lent by a pass that is still open, on any thread. */
  private static final Map<float[], Lease> LEASES = new IdentityHashMap<>();
  /**
   * The lease of every array a finished pass returned in its results (guarded by {@link #LEASES}),
   * which {@link #recycle} may take back; weak, so results nobody gives back are collected.
   */
  private static final Map<float[], Lease> RESULTS = new WeakHashMap<>();
  private static volatile boolean anyResults;
  /** How many passes are open, on all threads; while none is, tensors need not look for leases. */
  private static volatile int openPasses;

  private final Pool pool;
  private final TapeBuffers outer;
  private final List<float[]> lent = new ArrayList<>();

  private TapeBuffers(Pool pool, TapeBuffers outer) {
    this.pool = pool;
    this.outer = outer;
  }

  /** Starts a pass on this thread (passes nest, as valueAndGrad calls do). */
  static TapeBuffers open() {
    Pool pool = POOL.get();
    TapeBuffers pass = new TapeBuffers(pool, pool.current);
    pool.current = pass;
    synchronized (LEASES) {
      openPasses++;
    }
    return pass;
  }

  /**
   * Ends this pass: the arrays it took go back to the pool and their tensors are released, except
   * the arrays held by {@code results}, which belong to the caller now. Pass {@code null} when the
   * pass failed: its arrays are then left to the garbage collector and their tensors stay readable.
   */
  void close(List<Tensor> results) {
    pool.current = outer;
    Set<float[]> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    if (results != null) {
      for (Tensor result : results) {
        if (result.isFloat()) {
          // data() also gives a lazy transpose its own copy, so it no longer reads the arrays below.
          kept.add(result.data());
        }
      }
    }
    List<float[]> released = new ArrayList<>();
    synchronized (LEASES) {
      openPasses--;
      for (float[] array : lent) {
        Lease lease = LEASES.remove(array);
        if (results == null) {
          continue;
        }
        if (kept.contains(array)) {
          RESULTS.put(array, lease);
          anyResults = true;
        } else {
          lease.release();
          released.add(array);
        }
      }
    }
    released.forEach(pool::giveBack);
  }

  /**
   * The lease of {@code array} if an open pass lent it, else null; a tensor made over the array
   * keeps it, to refuse reads once the array has gone back.
   */
  static Lease leaseOf(float[] array) {
    if (array.length < MIN_POOLED || openPasses == 0 && !anyResults) {
      return null;
    }
    synchronized (LEASES) {
      Lease lease = LEASES.get(array);
      return lease != null ? lease : RESULTS.get(array);
    }
  }

  /**
   * Takes back {@code array}, which a finished pass returned in its results with {@code lease},
   * into this thread's pool for the next passes; its tensors are released, with {@code why} as the
   * reason. Returns false, doing nothing, for any other array.
   */
  static boolean recycle(float[] array, Lease lease, String why) {
    synchronized (LEASES) {
      if (lease.released() || RESULTS.get(array) != lease) {
        return false;
      }
      RESULTS.remove(array);
    }
    lease.release(why);
    POOL.get().giveBack(array);
    return true;
  }

  /** A float array of {@code n} zeros. */
  static float[] zeros(int n) {
    return lend(n, true);
  }

  /** A float array of {@code n} elements, which the caller must all overwrite. */
  static float[] uninitialized(int n) {
    float[] array = lend(n, false);
    assert poisoned(array);
    return array;
  }

  private static boolean poisoned(float[] array) {
    Arrays.fill(array, Float.NaN);
    return true;
  }

  private static float[] lend(int n, boolean zeroed) {
    if (n < MIN_POOLED) {
      return new float[n];
    }
    Pool pool = POOL.get();
    TapeBuffers pass = pool.current;
    if (pass == null) {
      return new float[n];
    }
    float[] array = pool.poll(n);
    if (array == null) {
      array = new float[n];
    } else if (zeroed) {
      Arrays.fill(array, 0f);
    }
    pass.lent.add(array);
    synchronized (LEASES) {
      LEASES.put(array, new Lease(RELEASED));
    }
    return array;
  }

  /** One thread's free arrays by length, and the pass running on that thread. */
  private static final class Pool {
    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private long floats;
    private TapeBuffers current;

    /** A free array of length n, or null if there is none. */
    float[] poll(int n) {
      ArrayDeque<float[]> arrays = free.get(n);
      float[] array = arrays == null ? null : arrays.poll();
      if (array != null) {
        floats -= n;
      }
      return array;
    }

    void giveBack(float[] array) {
      if (floats + array.length > MAX_POOLED_FLOATS) {
        return;
      }
      floats += array.length;
      free.computeIfAbsent(array.length, length -> new ArrayDeque<>()).push(array);
    }
  }
}
