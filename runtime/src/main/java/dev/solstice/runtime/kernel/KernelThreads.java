package dev.solstice.runtime.kernel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A small fixed pool of daemon threads that, together with the calling thread, runs the parts of
 * one large kernel call. Parts are claimed one at a time by whichever thread is free: the caller
 * starts at once and goes on claiming, so when the pool threads are slow to wake (a busy machine,
 * other callers) it simply does more of the work itself instead of waiting for them. Tasks never
 * wait on other tasks, so calls from several threads at once cannot deadlock.
 */
final class KernelThreads {
  /** How many threads a large kernel is worth splitting across: one per available processor. */
  static final int PARALLELISM = Runtime.getRuntime().availableProcessors();

  private KernelThreads() {}

  /**
   * Runs {@code part.accept(i)} for every {@code i} in {@code [0, parts)}, each exactly once, on
   * this thread and up to {@code PARALLELISM - 1} pool threads; returns when all have finished.
   * The first failure is rethrown, later ones are added to it as suppressed.
   */
  static void run(int parts, IntConsumer part) {
    if (parts <= 1 || PARALLELISM <= 1) {
      for (int i = 0; i < parts; i++) {
        part.accept(i);
      }
      return;
    }
    Parts work = new Parts(parts, part);
    for (int i = Math.min(parts, PARALLELISM) - 1; i > 0; i--) {
      Pool.EXECUTOR.execute(work::claimUntilNoneLeft);
    }
    work.claimUntilNoneLeft();
    work.awaitAll();
  }

  /** The parts of one call: a counter to claim them from and a count of those finished. */
  private static final class Parts {
    private final int count;
    private final IntConsumer part;
    private final AtomicInteger next = new AtomicInteger();
    private int finished;
    private Throwable failure;

    Parts(int count, IntConsumer part) {
      this.count = count;
      this.part = part;
    }

    void claimUntilNoneLeft() {
      for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
        Throwable thrown = null;
        try {
          part.accept(i);
        } catch (RuntimeException | Error e) {
          thrown = e;
        }
        finish(thrown);
      }
    }

    private synchronized void finish(Throwable thrown) {
      if (thrown != null) {
        if (failure == null) {
          failure = thrown;
        } else {
          failure.addSuppressed(thrown);
        }
      }
      if (++finished == count) {
        notifyAll();
      }
    }

    /**
     * Waits until every part has finished (they write into the caller's arrays, so the call must
     * not return earlier, even when interrupted), then rethrows the first failure.
     */
    synchronized void awaitAll() {
      boolean interrupted = false;
      while (finished < count) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (failure instanceof RuntimeException) {
        throw (RuntimeException) failure;
      }
      if (failure != null) {
        throw (Error) failure;
      }
    }
  }

  /** Holder so the threads are only started by the first parallel call. */
  private static final class Pool {
    static final ExecutorService EXECUTOR =
        Executors.newFixedThreadPool(
            Math.max(1, PARALLELISM - 1),
            task -> {
              Thread thread = new Thread(task, "solstice-kernel");
              thread.setDaemon(true);
              return thread;
            });
  }
}
