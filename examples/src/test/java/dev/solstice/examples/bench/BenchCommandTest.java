package dev.solstice.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The bench command's output format, figure arithmetic and argument errors. */
class BenchCommandTest {

  /** What running the command printed and returned. */
  private record Outcome(int exitCode, List<String> out, String err) {}

  private static Outcome execute(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(new BenchCommand());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Outcome(exitCode, out.toString().lines().toList(), err.toString());
  }

  @Test
  void quickRunForksJmhAndPrintsTheKernelAndOneFigureLine() {
    Outcome outcome = execute("--quick", "W1_seed_step");

    assertEquals(0, outcome.exitCode(), outcome.err());
    assertEquals(2, outcome.out().size(), "lines printed: " + outcome.out());
    assertTrue(outcome.out().get(0).matches("kernel (java|vector|blas) -"), outcome.out().get(0));
    String[] figure = outcome.out().get(1).split(" ");
    assertEquals(3, figure.length, outcome.out().get(1));
    assertEquals("W1_seed_step", figure[0]);
    assertTrue(figure[1].matches("\\d+\\.\\d{3}"), "value " + figure[1]);
    assertTrue(Double.parseDouble(figure[1]) > 0, "a step takes time: " + figure[1]);
    assertEquals("us", figure[2]);
  }

  @Test
  void figuresAreComputedFromTheMedianTimesOfTheirRuns() {
    double matmul512 = 2.0 * 512 * 512 * 512 / 8e9; // 8 GFLOP/s
    double matmul1024 = 2.0 * 1024 * 1024 * 1024 / 20e9; // 20 GFLOP/s
    Map<Run, Double> seconds =
        Map.of(
            Figure.Runs.SEED_STEP, 0.0011,
            Figure.Runs.SEED_STEP_UNCHECKED, 0.001,
            Figure.Runs.MLP_STEP, 0.0125,
            Figure.Runs.MLP_EPOCH, 6.0,
            Figure.Runs.matmul(512), matmul512,
            Figure.Runs.matmul(1024), matmul1024,
            Figure.Runs.VMAP_PER_SAMPLE, 0.5,
            Figure.Runs.VMAP_BATCHED, 0.02);
    StringWriter out = new StringWriter();

    BenchCommand.report(new PrintWriter(out, true), "java", List.of(Figure.values()), seconds::get);

    assertEquals(
        List.of(
            "kernel java -",
            "W1_seed_step 1100.000 us",
            "W2_mlp_step 12.500 ms",
            "W2_mlp_epoch 6.000 s",
            "W3_matmul512 8.000 GFLOP/s",
            "W3_matmul1024 20.000 GFLOP/s",
            "vmap_speedup 25.000 x",
            "shapecheck_overhead 10.000 %"),
        out.toString().lines().toList());
  }

  @Test
  void allFiguresAreSelectedWhenNoneIsNamedElseTheNamedOnesInOrder() {
    BenchCommand all = new BenchCommand();
    new CommandLine(all).parseArgs("--quick");
    BenchCommand some = new BenchCommand();
    new CommandLine(some).parseArgs("vmap_speedup", "W1_seed_step", "vmap_speedup");

    assertEquals(List.of(Figure.values()), all.selectedFigures());
    assertEquals(
        List.of(Figure.VMAP_SPEEDUP, Figure.W1_SEED_STEP, Figure.VMAP_SPEEDUP), some.selectedFigures());
  }

  @Test
  void anUnknownFigureIsAUsageErrorListingTheNames() {
    Outcome outcome = execute("--quick", "W4_transformer");

    assertEquals(2, outcome.exitCode());
    assertTrue(outcome.out().isEmpty(), "nothing measured: " + outcome.out());
    assertTrue(outcome.err().contains("W4_transformer"), outcome.err());
    assertTrue(outcome.err().contains(Figure.labels()), outcome.err());
  }

  @Test
  void anUnknownKernelIsAUsageErrorBeforeAnythingRuns() {
    Outcome outcome = execute("--quick", "--kernel", "cuda", "W1_seed_step");

    assertEquals(2, outcome.exitCode());
    assertTrue(outcome.out().isEmpty(), "nothing measured: " + outcome.out());
    assertTrue(outcome.err().contains("cuda") && outcome.err().contains("java, vector, blas"), outcome.err());
  }

  @Test
  void valuesUseADotWhateverTheLocale() {
    assertEquals("1234.568", BenchCommand.format(1234.5678));
    assertEquals("-0.500", BenchCommand.format(-0.5));
  }
}
