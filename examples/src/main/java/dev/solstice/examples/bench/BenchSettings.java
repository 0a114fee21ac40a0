package dev.solstice.examples.bench;

import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long JMH measures each run: warm-up iterations first (JIT compilation, caches), then the
 * measured iterations whose median is reported. One fork per run.
 */
record BenchSettings(int warmupIterations, int measurementIterations, TimeValue iterationTime) {

  /** Short but sound: about ten seconds a run, so the whole bench stays under two minutes. */
  static final BenchSettings STANDARD = new BenchSettings(3, 5, TimeValue.seconds(1));

  /** A smoke test: shows that every workload runs, its numbers mean little. */
  static final BenchSettings QUICK = new BenchSettings(1, 3, TimeValue.milliseconds(100));
}
