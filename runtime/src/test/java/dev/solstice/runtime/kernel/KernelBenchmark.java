package dev.solstice.runtime.kernel;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * A throwaway measuring program, not a test: GFLOP/s of each available sgemm backend on square
 * problems, microseconds per call on the seed's skinny shapes, and nanoseconds per element of
 * the elementwise kernels. Each figure is the median of several timed repetitions after warm-up.
 *
 * <p>Run with the test class path, e.g. {@code java --add-modules jdk.incubator.vector -cp
 * target/classes:target/test-classes:DEPS dev.solstice.runtime.kernel.KernelBenchmark [what]},
 * where what is any of {@code square}, {@code skinny}, {@code math} (default: all).
 */
public final class KernelBenchmark {
  private static final int REPETITIONS = 7;

  private KernelBenchmark() {}

  public static void main(String... args) {
    String what = args.length == 0 ? "square skinny math" : String.join(" ", args);
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
        long start = System.nanoTime();
        for (int i = 0; i < in.length; i++) {
          out[i] = (float) Math.tanh(in[i]);
        }
        return (System.nanoTime() - start) / (double) in.length;
      }));
    }
  }

  private static void square(Sgemm sgemm, int size) {
    float[] a = values(size * size, -1, 1);
    float[] b = values(size * size, -1, 1);
    float[] c = new float[size * size];
    double flops = 2.0 * size * size * size;
    double seconds = median(size >= 1024 ? 1.0 : 0.5, () -> {
      long start = System.nanoTime();
      sgemm.sgemm(false, false, size, size, size, 1, a, 0, size, b, 0, size, 0, c, 0, size);
      return (System.nanoTime() - start) * 1e-9;
    });
    report(sgemm.name() + " sgemm " + size, "GFLOP/s", flops / seconds * 1e-9);
  }

  /** The seed's forward and gradient products for a batch of 1000, hidden width 32. */
  private static void skinny(Sgemm sgemm) {
    int[][] shapes = {{1000, 32, 1, 0}, {1000, 1, 32, 2}, {1000, 32, 1, 0}, {1, 32, 1000, 1},
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
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
          sgemm.sgemm(transA, transB, m, n, k, 1, a, 0, lda, b, 0, ldb, 0, c, 0, n);
        }
        return (System.nanoTime() - start) * 1e-3 / calls;
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
      double nanos = median(0.3, () -> {
        long start = System.nanoTime();
        switch (name) {
          case "exp": math.exp(in, 0, out, 0, in.length); break;
          case "log": math.log(positive, 0, out, 0, in.length); break;
          case "tanh": math.tanh(in, 0, out, 0, in.length); break;
          case "sigmoid": math.sigmoid(in, 0, out, 0, in.length); break;
          default: math.gelu(in, 0, out, 0, in.length); break;
        }
        return (System.nanoTime() - start) / (double) in.length;
      });
      report(math.name() + " " + name, "ns/element", nanos);
    }
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
    System.out.printf("%-34s %10.3f %s%n", name, value, unit);
  }
}
