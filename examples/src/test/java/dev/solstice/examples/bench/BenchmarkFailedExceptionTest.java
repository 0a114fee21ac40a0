package dev.solstice.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A failed run's message names the run and the fork's own error, not JMH's wrappers. */
class BenchmarkFailedExceptionTest {

  @Test
  void namesTheRunAndTheForksErrorBehindJmhsWrappers() {
    RuntimeException benchmarkError = new RuntimeException("Benchmark error during the run");
    benchmarkError.addSuppressed(new OutOfMemoryError("Java heap space"));
    Exception runnerError = new Exception("Benchmark caught the exception", benchmarkError);

    BenchmarkFailedException failure = new BenchmarkFailedException(Figure.Runs.matmul(1024), runnerError);

    assertEquals(
        "benchmark dev.solstice.examples.bench.SquareMatmul.multiply {size=1024} failed:"
            + " OutOfMemoryError: Java heap space",
        failure.getMessage());
  }

  @Test
  void namesTheExtraJvmArgumentsOfARun() {
    BenchmarkFailedException failure =
        new BenchmarkFailedException(Figure.Runs.SEED_STEP_UNCHECKED, "JMH returned 0 results, expected 1");

    assertEquals(
        "benchmark dev.solstice.examples.bench.SeedStep.step [-Dsolstice.shapecheck=false] failed:"
            + " JMH returned 0 results, expected 1",
        failure.getMessage());
  }
}
