package dev.solstice.examples.bench;

import java.util.Arrays;
import java.util.Iterator;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The figures {@code bench} reports, with the names and units of the command-line contract, each
 * computed from the median times of one or two JMH runs.
 */
enum Figure {
  /** The seed's training step, in microseconds. */
  W1_SEED_STEP("W1_seed_step", "us", timings -> timings.secondsPerOperation(Runs.SEED_STEP) * 1e6),
  /** The 784-256-256-10 classifier's training step, in milliseconds. */
  W2_MLP_STEP("W2_mlp_step", "ms", timings -> timings.secondsPerOperation(Runs.MLP_STEP) * 1e3),
  /** An epoch of that classifier's training on Fashion-MNIST-sized data (469 steps), in seconds. */
  W2_MLP_EPOCH("W2_mlp_epoch", "s", timings -> timings.secondsPerOperation(Runs.MLP_EPOCH)),
  /** 512 x 512 matmul throughput. */
  W3_MATMUL512("W3_matmul512", "GFLOP/s", timings -> gigaflops(timings, 512)),
  /** 1024 x 1024 matmul throughput. */
  W3_MATMUL1024("W3_matmul1024", "GFLOP/s", timings -> gigaflops(timings, 1024)),
  /** How many times faster the batched forward is than a loop over samples. */
  VMAP_SPEEDUP(
      "vmap_speedup",
      "x",
      timings -> timings.secondsPerOperation(Runs.VMAP_PER_SAMPLE) / timings.secondsPerOperation(Runs.VMAP_BATCHED)),
  /** How much longer the seed's step takes with run-time shape checks than without, in percent. */
  SHAPECHECK_OVERHEAD(
      "shapecheck_overhead",
      "%",
      timings ->
          (timings.secondsPerOperation(Runs.SEED_STEP) / timings.secondsPerOperation(Runs.SEED_STEP_UNCHECKED) - 1)
              * 100);

  private final String label;
  private final String unit;
  private final ToDoubleFunction<Timings> formula;

  Figure(String label, String unit, ToDoubleFunction<Timings> formula) {
    this.label = label;
    this.unit = unit;
    this.formula = formula;
  }

  /** The name on the command line and in the output, such as {@code W1_seed_step}. */
  String label() {
    return label;
  }

  String unit() {
    return unit;
  }

  /** This figure's value, from the runs it needs. */
  double value(Timings timings) {
    return formula.applyAsDouble(timings);
  }

  /** The figure called {@code label}. */
  static Figure named(String label) {
    for (Figure figure : values()) {
      if (figure.label.equals(label)) {
        return figure;
      }
    }
    throw new IllegalArgumentException("no figure named '" + label + "'; expected one of " + labels());
  }

  /** Every figure's label, comma-separated. */
  static String labels() {
    return Arrays.stream(values()).map(Figure::label).collect(Collectors.joining(", "));
  }

  private static double gigaflops(Timings timings, int size) {
    double flops = 2.0 * size * size * size;
    return flops / timings.secondsPerOperation(Runs.matmul(size)) / 1e9;
  }

  /** The JMH runs behind the figures. */
  static final class Runs {
    static final Run SEED_STEP = Run.of(SeedStep.class, "step");
    static final Run SEED_STEP_UNCHECKED = SEED_STEP.withJvmArg("-Dsolstice.shapecheck=false");
    static final Run MLP_STEP = Run.of(MlpStep.class, "step");
    static final Run MLP_EPOCH = Run.of(MlpEpoch.class, "epoch");
    static final Run VMAP_PER_SAMPLE = Run.of(VmapForward.class, "perSample");
    static final Run VMAP_BATCHED = Run.of(VmapForward.class, "batched");

    private Runs() {}

    static Run matmul(int size) {
      return Run.of(SquareMatmul.class, "multiply").withParam("size", Integer.toString(size));
    }
  }

  /** The labels, for picocli's help text. */
  static final class Labels implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(values()).map(Figure::label).iterator();
    }
  }
}
