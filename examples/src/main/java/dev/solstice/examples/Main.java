package dev.solstice.examples;

import dev.solstice.examples.bench.BenchCommand;
import dev.solstice.examples.polynomial.PolynomialCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code solstice-examples.jar}: one subcommand per example program. */
@Command(
    name = "solstice-examples",
    mixinStandardHelpOptions = true,
    version = "Solstice examples 0.1.0",
    description = "Runnable Solstice programs.",
    subcommands = {PolynomialCommand.class, BenchCommand.class})
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
