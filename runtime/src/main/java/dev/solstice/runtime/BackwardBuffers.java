package dev.solstice.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The float arrays of the values a backward pass makes and drops: its intermediate gradients.
 *
 * <p>While a pass runs ({@link #open()} to {@link #close(List)}), ops on its thread take their
 * output arrays from a per-thread pool that earlier passes filled; when the pass ends, every array
 * it took that no result gradient holds goes back. A training loop then reuses the same
 * cache-warm arrays for its intermediate gradients step after step, instead of allocating and
 * zeroing fresh ones (for the seed's 1000x32 activations, about 3 us each). Outside a pass, and for
 * small arrays, these methods just allocate: values made there may be kept by the caller.
 *
 * <p>This is safe because nothing a backward rule makes escapes the pass except the gradients it
 * returns: rules compute with detached values and record nothing.
 */
final class BackwardBuffers {
  /** Arrays shorter than this are allocated as usual: allocating them is cheaper than pooling. */
  private static final int MIN_POOLED = 4096;
  /** At most this many floats (16 MB) wait in one thread's pool. */
  private static final long MAX_POOLED_FLOATS = 4L << 20;

  private static final ThreadLocal<Pool> POOL = ThreadLocal.withInitial(Pool::new);

  private final Pool pool;
  private final BackwardBuffers outer;
  private final List<float[]> lent = new ArrayList<>();

  private BackwardBuffers(Pool pool, BackwardBuffers outer) {
    this.pool = pool;
    this.outer = outer;
  }

  /** Starts a backward pass on this thread (passes nest, as valueAndGrad calls do). */
  static BackwardBuffers open() {
    Pool pool = POOL.get();
    BackwardBuffers pass = new BackwardBuffers(pool, pool.current);
    pool.current = pass;
    return pass;
  }

  /**
   * Ends this pass: the arrays it took go back to the pool, except those held by {@code results},
   * which belong to the caller now. Pass {@code null} when the pass failed: its arrays are then
   * left to the garbage collector.
   */
  void close(List<Tensor> results) {
    pool.current = outer;
    if (results == null) {
      return;
    }
    Set<float[]> kept = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (Tensor result : results) {
      if (result.isFloat()) {
        // data() also gives a lazy transpose its own copy, so it no longer reads the arrays below.
        kept.add(result.data());
      }
    }
    for (float[] array : lent) {
      if (!kept.contains(array)) {
        pool.giveBack(array);
      }
    }
  }

  /** A float array of {@code n} zeros. */
  static float[] zeros(int n) {
    return lend(n, true);
  }

  /** A float array of {@code n} elements, which the caller must all overwrite. */
  static float[] uninitialized(int n) {
    return lend(n, false);
  }

  private static float[] lend(int n, boolean zeroed) {
    if (n < MIN_POOLED) {
      return new float[n];
    }
    Pool pool = POOL.get();
    BackwardBuffers pass = pool.current;
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
    return array;
  }

  /** One thread's free arrays by length, and the pass running on that thread. */
  private static final class Pool {
    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private long floats;
    private BackwardBuffers current;

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
