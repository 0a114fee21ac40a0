package dev.solstice.examples.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code bench} command: measures the benchmark workloads with JMH and prints one line per
 * figure, {@code NAME VALUE UNIT}, after a first line {@code kernel NAME -} naming the kernel
 * backend the forks ran with.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure the benchmark workloads; print one line per figure: NAME VALUE UNIT.",
      "Each figure is the median of the measured iterations of a JMH run in a forked JVM,"
          + " after warm-up iterations. The first line names the kernel backend: kernel NAME -."
    })
public final class BenchCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "NAME",
      arity = "0..*",
      completionCandidates = Figure.Labels.class,
      description = "Figures to measure, in this order: ${COMPLETION-CANDIDATES} (default: all).")
  List<String> names = new ArrayList<>();

  @Option(names = "--quick", description = "Few short iterations: a smoke test, not a measurement.")
  boolean quick;

  @Option(
      names = "--kernel",
      paramLabel = "java|vector|blas",
      description = "Kernel backend for the forks (default: the best available: blas, vector, java).")
  String kernel;

  @Option(names = "--verbose", description = "Show JMH's progress and results on standard error.")
  boolean verbose;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    List<Figure> figures;
    ForkKernel forkKernel;
    try {
      figures = selectedFigures();
      forkKernel = ForkKernel.choose(kernel);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    BenchSettings settings = quick ? BenchSettings.QUICK : BenchSettings.STANDARD;
    PrintWriter out = spec.commandLine().getOut();
    Timings timings = new JmhTimings(settings, forkKernel.jvmArgs(), verbose ? System.err : null);
    try {
      report(out, forkKernel.backend().propertyValue(), figures, timings);
    } catch (BenchmarkFailedException e) {
      spec.commandLine().getErr().println("bench: " + e.getMessage());
      return 1;
    }
    return 0;
  }

  /** The figures named on the command line, or all of them when none is. */
  List<Figure> selectedFigures() {
    if (names.isEmpty()) {
      return Arrays.asList(Figure.values());
    }
    return names.stream().map(Figure::named).toList();
  }

  /** Prints the kernel line and then each figure as soon as it is measured. */
  static void report(PrintWriter out, String kernelName, List<Figure> figures, Timings timings) {
    out.println(line("kernel", kernelName, "-"));
    out.flush();
    for (Figure figure : figures) {
      out.println(line(figure.label(), format(figure.value(timings)), figure.unit()));
      out.flush();
    }
  }

  /** A figure's value with three decimals and a dot, whatever the locale. */
  static String format(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  static String line(String name, String value, String unit) {
    return name + " " + value + " " + unit;
  }
}
