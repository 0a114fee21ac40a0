package dev.solstice.examples.bench;

import java.io.PrintStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Measures runs with JMH, each in one forked JVM (which inherits this JVM's class path and
 * arguments, plus the run's and the kernel's), and remembers the medians so that figures sharing
 * a run measure it once.
 */
final class JmhTimings implements Timings {
  /** The unit JMH reports scores in: fine enough for the fastest run, short enough to read. */
  private static final TimeUnit SCORE_UNIT = TimeUnit.MICROSECONDS;

  private final BenchSettings settings;
  private final List<String> forkJvmArgs;
  private final OutputFormat progress;
  private final Map<Run, Double> medians = new HashMap<>();

  /**
   * @param settings iterations and their length
   * @param forkJvmArgs JVM arguments every fork gets after its inherited ones
   * @param progress where JMH's own report goes, or null for none
   */
  JmhTimings(BenchSettings settings, List<String> forkJvmArgs, PrintStream progress) {
    this.settings = settings;
    this.forkJvmArgs = List.copyOf(forkJvmArgs);
    this.progress =
        progress == null
            ? OutputFormatFactory.createFormatInstance(System.err, VerboseMode.SILENT)
            : OutputFormatFactory.createFormatInstance(progress, VerboseMode.NORMAL);
  }

  @Override
  public double secondsPerOperation(Run run) {
    Double median = medians.get(run);
    if (median == null) {
      median = measure(run);
      medians.put(run, median);
    }
    return median;
  }

  private double measure(Run run) {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(run.includePattern())
            .forks(1)
            .warmupIterations(settings.warmupIterations())
            .warmupTime(settings.iterationTime())
            .measurementIterations(settings.measurementIterations())
            .measurementTime(settings.iterationTime())
            .mode(Mode.AverageTime)
            .timeUnit(SCORE_UNIT)
            .shouldFailOnError(true);
    run.params().forEach(options::param);
    options.jvmArgsAppend(concat(forkJvmArgs, run.jvmArgs()));
    Collection<RunResult> results;
    try {
      results = new Runner(options.build(), progress).run();
    } catch (RunnerException e) {
      throw new BenchmarkFailedException(run, e);
    }
    if (results.size() != 1) {
      throw new BenchmarkFailedException(run, "JMH returned " + results.size() + " results, expected 1");
    }
    RunResult result = results.iterator().next();
    double median = result.getPrimaryResult().getStatistics().getPercentile(50);
    return median / SCORE_UNIT.convert(1, TimeUnit.SECONDS);
  }

  private static String[] concat(List<String> first, List<String> second) {
    return Stream.concat(first.stream(), second.stream()).toArray(String[]::new);
  }
}
