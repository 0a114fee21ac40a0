package dev.solstice.runtime.kernel;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
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
      Pool.INSTANCE.execute(work::claimUntilNoneLeft);
    }
    work.claimUntilNoneLeft();
    work.awaitAll();
  }

  /** Elements {@code [first, first + count)} of a split range, done by one thread. */
  @FunctionalInterface
  interface Band {
    void run(int first, int count);
  }

  /**
   * Splits {@code [0, extent)} into at most {@code parts} bands of a multiple of {@code unit}
   * elements (only the last may be shorter) and {@link #run}s them.
   */
  static void runBands(int extent, int unit, int parts, Band band) {
    int step = (extent + parts - 1) / parts;
    int size = Math.max(unit, (step + unit - 1) / unit * unit);
    run((extent + size - 1) / size, part -> band.run(part * size, Math.min(size, extent - part * size)));
  }

  /** The parts of one call: a counter to claim them from and a count of those finished. */
  private static final class Parts {
    private final int count;
    private final IntConsumer part;
    private final AtomicInteger next = new AtomicInteger();
    /** Written under the lock; read without it while {@link #awaitAll} polls. */
    private volatile int finished;
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
      finished++;
      if (finished == count) {
        notifyAll();
      }
    }

    /**
     * Waits until every part has finished (they write into the caller's arrays, so the call must
     * not return earlier, even when interrupted), then rethrows the first failure. The parts are
     * about equal, so the last one usually ends soon after the caller's: polling for {@link
     * Pool#SPIN_NANOS} first spares the caller a wake-up from {@code wait}.
     */
    void awaitAll() {
      long deadline = System.nanoTime() + Pool.SPIN_NANOS;
      while (finished < count && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      awaitRest();
    }

    private synchronized void awaitRest() {
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

  /**
   * The pool threads. Between the products of one training step there are only short gaps (an
   * elementwise op or two), so a thread that has just finished a part keeps polling for the next
   * call for {@link #SPIN_NANOS} before it parks: waking a parked thread takes longer than many of
   * those products' halves do.
   */
  private static final class Pool {
    /** How long an idle pool thread polls for work before it parks. */
    static final long SPIN_NANOS = 100_000;

    static final Pool INSTANCE = new Pool(Math.max(1, PARALLELISM - 1));

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<Thread> parked = new CopyOnWriteArrayList<>();

    private Pool(int threads) {
      for (int i = 0; i < threads; i++) {
        Thread thread = new Thread(this::work, "solstice-kernel");
        thread.setDaemon(true);
        thread.start();
      }
    }

    void execute(Runnable task) {
      tasks.offer(task);
      for (Thread thread : parked) {
        LockSupport.unpark(thread);
      }
    }

    private void work() {
      Thread self = Thread.currentThread();
      while (true) {
        Runnable task = pollFor(SPIN_NANOS);
        if (task == null) {
          parked.add(self);
          task = tasks.poll();
          if (task == null) {
            LockSupport.park(this);
          }
          parked.remove(self);
        }
        if (task != null) {
          task.run();
        }
      }
    }

    private Runnable pollFor(long nanos) {
      long deadline = System.nanoTime() + nanos;
      do {
        Runnable task = tasks.poll();
        if (task != null) {
          return task;
        }
        Thread.onSpinWait();
      } while (System.nanoTime() < deadline);
      return null;
    }
  }
}
