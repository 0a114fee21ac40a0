package dev.solstice.examples.bench;

import dev.solstice.runtime.kernel.ArrayMath;
import dev.solstice.runtime.kernel.Backend;
import dev.solstice.runtime.kernel.Kernels;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The elementwise kernels of {@link ArrayMath} on one hidden activation of the fashion MLP (batch
 * 128 x 256 units), in nanoseconds per element: a tool for kernel work, not a figure of the
 * {@code bench} command. Run it from the jar with JMH's own entry point, for example {@code java
 * -cp solstice-examples.jar org.openjdk.jmh.Main ElementwiseKernels -p kernel=java}; the vector
 * kernels need {@code -jvmArgsAppend --add-modules=jdk.incubator.vector}.
 */
@State(Scope.Thread)
public class ElementwiseKernels {
  private static final int ROWS = 128;
  private static final int COLUMNS = 256;
  private static final int SIZE = ROWS * COLUMNS;
  private static final int TILE = 1024;

  /** The {@code solstice.kernel} name of the backend whose {@link ArrayMath} is measured. */
  @Param({"java", "vector"})
  public String kernel;

  /** Zero, but read from a field so that the JIT cannot fold the offsets into the loops. */
  int offset;

  /** {@link #TILE}, read from a field: offsets whose difference the JIT does not know. */
  int tileOffset = TILE;

  ArrayMath math;
  float[] x;
  float[] g;
  float[] positive;
  float[] out;
  float[] ones;
  float[] columnSums;

  /** Standard normal inputs, so relu's inputs are positive at random as in training. */
  @Setup
  public void setUp() {
    math = Kernels.math(Backend.fromPropertyValue(kernel));
    Random random = new Random(1);
    x = new float[SIZE];
    g = new float[SIZE];
    for (int i = 0; i < SIZE; i++) {
      x[i] = (float) random.nextGaussian();
      g[i] = (float) random.nextGaussian();
    }
    positive = new float[SIZE];
    for (int i = 0; i < SIZE; i++) {
      positive[i] = Math.abs(x[i]) + 1e-3f;
    }
    out = new float[SIZE];
    ones = new float[ROWS];
    java.util.Arrays.fill(ones, 1f);
    columnSums = new float[COLUMNS];
  }

  @Benchmark
  @OperationsPerInvocation(SIZE)
  public float[] reluGrad() {
    math.reluGrad(x, offset, g, offset, out, offset, SIZE);
    return out;
  }

  @Benchmark
  @OperationsPerInvocation(SIZE)
  public float[] axpyTo() {
    math.axpyTo(SIZE, -1f, x, offset, g, offset, out, offset);
    return out;
  }

  /** Adding a bias row tiled to 1024 elements to a batch, as {@code Elementwise} does. */
  @Benchmark
  @OperationsPerInvocation(SIZE - TILE)
  public float[] axpyToTiled() {
    math.axpyTo(SIZE - TILE, 1f, x, offset, g, tileOffset, out, tileOffset);
    return out;
  }

  /** A dot product of runs at different offsets, as the small matrix products take them. */
  @Benchmark
  @OperationsPerInvocation(SIZE - TILE)
  public float dot() {
    return math.dot(x, offset, g, tileOffset, SIZE - TILE);
  }

  /** The bias gradient: the column sums of a batch, as a transposed matrix-vector product. */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public float[] gemvTransposed() {
    math.gemv(true, ROWS, COLUMNS, 1f, x, offset, COLUMNS, ones, offset, 1, columnSums, offset, 1);
    return columnSums;
  }

  @Benchmark
  @OperationsPerInvocation(SIZE)
  public float sum() {
    return math.sum(x, offset, SIZE);
  }

  @Benchmark
  @OperationsPerInvocation(SIZE)
  public float[] tanh() {
    math.tanh(x, offset, out, offset, SIZE);
    return out;
  }

  @Benchmark
  @OperationsPerInvocation(SIZE)
  public float[] exp() {
    math.exp(x, offset, out, offset, SIZE);
    return out;
  }

  @Benchmark
  @OperationsPerInvocation(SIZE)
  public float[] log() {
    math.log(positive, offset, out, offset, SIZE);
    return out;
  }

  @Benchmark
  @OperationsPerInvocation(SIZE)
  public float[] sigmoid() {
    math.sigmoid(x, offset, out, offset, SIZE);
    return out;
  }

  @Benchmark
  @OperationsPerInvocation(SIZE)
  public float[] gelu() {
    math.gelu(x, offset, out, offset, SIZE);
    return out;
  }
}
