package dev.solstice.examples.bench;

import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long JMH measures each run: warm-up iterations first (JIT compilation, caches), then the
 * measured iterations whose median is reported. One fork per run.
 */
record BenchSettings(int warmupIterations, int measurementIterations, TimeValue iterationTime) {

  /**
   * Short but sound: about thirteen seconds a fork, so the whole bench stays under two minutes. More
   * than the usual three warm-up and five measured seconds because on a busy machine the JIT
   * compiler threads get little CPU, so the first seconds of a training step run partly
   * interpreted; a median of seven then tolerates three iterations that were still slow.
   */
  static final BenchSettings STANDARD = new BenchSettings(5, 7, TimeValue.seconds(1));

  /** A smoke test: shows that every workload runs, its numbers mean little. */
  static final BenchSettings QUICK = new BenchSettings(1, 3, TimeValue.milliseconds(100));
}
