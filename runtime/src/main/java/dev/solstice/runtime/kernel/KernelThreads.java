package dev.solstice.runtime.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * A small fixed pool of daemon threads that, together with the calling thread, runs the parts of
 * one large kernel call. Tasks never wait on other tasks, so calls from several threads at once
 * cannot deadlock; they just queue.
 */
final class KernelThreads {
  /** How many parts a large kernel is split into: one per available processor. */
  static final int PARALLELISM = Runtime.getRuntime().availableProcessors();

  private KernelThreads() {}

  /** Runs {@code part.accept(i)} for {@code i} in {@code [0, parts)}, part 0 on this thread. */
  static void run(int parts, IntConsumer part) {
    if (parts <= 1) {
      part.accept(0);
      return;
    }
    List<Future<?>> others = new ArrayList<>(parts - 1);
    for (int i = 1; i < parts; i++) {
      int index = i;
      others.add(Pool.EXECUTOR.submit(() -> part.accept(index)));
    }
    RuntimeException failure = null;
    try {
      part.accept(0);
    } catch (RuntimeException e) {
      failure = e;
    }
    for (Future<?> other : others) {
      try {
        other.get();
      } catch (ExecutionException e) {
        failure = chain(failure, e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = chain(failure, e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static RuntimeException chain(RuntimeException first, Throwable next) {
    RuntimeException wrapped =
        next instanceof RuntimeException
            ? (RuntimeException) next
            : new IllegalStateException("kernel part failed: " + next, next);
    if (first == null) {
      return wrapped;
    }
    first.addSuppressed(wrapped);
    return first;
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
