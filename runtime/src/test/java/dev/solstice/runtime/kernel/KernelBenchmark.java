package dev.solstice.runtime.kernel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * A throwaway measuring program, not a test: GFLOP/s of each available sgemm backend on square
 * problems, microseconds per call on the seed's skinny shapes, and nanoseconds per element of
 * the elementwise kernels. Each figure is the median of several timed repetitions after warm-up
 * (a silent first pass over everything, then half a second per figure).
 *
 * <p>Run with the test class path, e.g. {@code java --add-modules jdk.incubator.vector -cp
 * target/classes:target/test-classes:DEPS dev.solstice.runtime.kernel.KernelBenchmark [what]},
 * where what is any of {@code square}, {@code skinny}, {@code math} (default: all). With {@code
 * cpu} among the words, times are the calling thread's CPU time instead of wall time: run then
 * with {@code -XX:ActiveProcessorCount=1} and {@code OPENBLAS_NUM_THREADS=1} so all work stays
 * on that thread, which measures per-core speed even while other processes share the machine.
 */
public final class KernelBenchmark {
  private static final int REPETITIONS = 7;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static boolean cpuTime;
  /** False during the first, silent pass, which lets the JIT compile everything first. */
  private static boolean reporting;

  private KernelBenchmark() {}

  public static void main(String... args) {
    String what = args.length == 0 ? "square skinny math" : String.join(" ", args);
    cpuTime = what.contains("cpu");
    // The Vector API is only fast once C2 has compiled it, so everything runs twice and only
    // the second pass reports.
    for (int pass = 0; pass < 2; pass++) {
      reporting = pass == 1;
      run(what);
    }
  }

  private static void run(String what) {
    if (what.contains("square")) {
      for (int size : new int[] {512, 1024}) {
        for (Backend backend : Backend.values()) {
          if (Kernels.isAvailable(backend)) {
            square(Kernels.sgemm(backend), size);
          }
        }
      }
    }
    if (what.contains("skinny")) {
      for (Backend backend : Backend.values()) {
        if (Kernels.isAvailable(backend)) {
          skinny(Kernels.sgemm(backend));
        }
      }
    }
    if (what.contains("math")) {
      for (Backend backend : new Backend[] {Backend.JAVA, Backend.VECTOR}) {
        if (Kernels.isAvailable(backend)) {
          math(Kernels.math(backend));
        }
      }
      float[] in = values(1 << 16, -5, 5);
      float[] out = new float[in.length];
      report("Math.tanh(double)", "ns/element", median(0.2, () -> {
        long start = now();
        for (int i = 0; i < in.length; i++) {
          out[i] = (float) Math.tanh(in[i]);
        }
        return (now() - start) / (double) in.length;
      }));
    }
  }

  private static void square(Sgemm sgemm, int size) {
    float[] a = values(size * size, -1, 1);
    float[] b = values(size * size, -1, 1);
    float[] c = new float[size * size];
    double flops = 2.0 * size * size * size;
    double seconds = median(0.5, () -> {
      long start = now();
      sgemm.sgemm(false, false, size, size, size, 1, a, 0, size, b, 0, size, 0, c, 0, size);
      return (now() - start) * 1e-9;
    });
    String suffix = cpuTime ? " 1-thread cpu" : "";
    report(sgemm.name() + " sgemm " + size + suffix, "GFLOP/s", flops / seconds * 1e-9);
  }

  /** The seed's forward and gradient products for a batch of 1000, hidden width 32. */
  private static void skinny(Sgemm sgemm) {
    // {m, n, k, transposition bits: 1 = A, 2 = B}: forward x W1^T, h W2^T; backward dY W2,
    // dY^T h, dZ^T x; then two products of a 784-256-10 MLP at batch 128.
    int[][] shapes = {{1000, 32, 1, 2}, {1000, 1, 32, 2}, {1000, 32, 1, 0}, {1, 32, 1000, 1},
        {32, 1, 1000, 1}, {128, 256, 784, 2}, {128, 10, 256, 2}};
    for (int[] s : shapes) {
      int m = s[0];
      int n = s[1];
      int k = s[2];
      boolean transA = (s[3] & 1) != 0;
      boolean transB = (s[3] & 2) != 0;
      float[] a = values(m * k, -1, 1);
      float[] b = values(k * n, -1, 1);
      float[] c = new float[m * n];
      int lda = transA ? m : k;
      int ldb = transB ? k : n;
      int calls = (int) Math.max(1, 2_000_000 / ((long) m * n * k + 1000));
      double micros = median(0.3, () -> {
        long start = now();
        for (int i = 0; i < calls; i++) {
          sgemm.sgemm(transA, transB, m, n, k, 1, a, 0, lda, b, 0, ldb, 0, c, 0, n);
        }
        return (now() - start) * 1e-3 / calls;
      });
      String shape = String.format("%dx%dx%d%s%s", m, n, k, transA ? "Ta" : "", transB ? "Tb" : "");
      report(sgemm.name() + " sgemm " + shape, "us/call", micros);
    }
  }

  private static void math(ArrayMath math) {
    float[] in = values(1 << 16, -5, 5);
    float[] positive = values(1 << 16, 1e-3f, 100);
    float[] out = new float[in.length];
    String[] names = {"exp", "log", "tanh", "sigmoid", "gelu"};
    for (String name : names) {
      // Long-running loops of Vector API code are compiled late by C2 (and are 100x slower
      // before), so these warm up longer than the matrix products.
      double nanos = median(1.5, () -> {
        long start = now();
        switch (name) {
          case "exp": math.exp(in, 0, out, 0, in.length); break;
          case "log": math.log(positive, 0, out, 0, in.length); break;
          case "tanh": math.tanh(in, 0, out, 0, in.length); break;
          case "sigmoid": math.sigmoid(in, 0, out, 0, in.length); break;
          default: math.gelu(in, 0, out, 0, in.length); break;
        }
        return (now() - start) / (double) in.length;
      });
      report(math.name() + " " + name, "ns/element", nanos);
    }
  }

  /** Wall time, or this thread's CPU time in {@code cpu} mode, in nanoseconds. */
  private static long now() {
    return cpuTime ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
  }

  /** Warms up for about {@code warmupSeconds}, then returns the median of the repetitions. */
  private static double median(double warmupSeconds, DoubleSupplier timedRun) {
    long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
    while (System.nanoTime() < warmupEnd) {
      timedRun.getAsDouble();
    }
    double[] results = new double[REPETITIONS];
    for (int i = 0; i < REPETITIONS; i++) {
      results[i] = timedRun.getAsDouble();
    }
    Arrays.sort(results);
    return results[REPETITIONS / 2];
  }

  private static float[] values(int size, float min, float max) {
    Random random = new Random(size);
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = min + (max - min) * random.nextFloat();
    }
    return values;
  }

  private static void report(String name, String unit, double value) {
    if (!reporting) {
      return;
    }
    System.out.printf("%-34s %10.3f %s%n", name, value, unit);
  }
}
