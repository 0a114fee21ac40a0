package dev.solstice.examples;

import dev.solstice.examples.bench.BenchCommand;
import dev.solstice.examples.charlm.CharLmCommand;
import dev.solstice.examples.digits.DigitsCommand;
import dev.solstice.examples.fashion.FashionCommand;
import dev.solstice.examples.polynomial.PolynomialCommand;
import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/** Entry point of {@code solstice-examples.jar}: one subcommand per example program. */
@Command(
    name = "solstice-examples",
    mixinStandardHelpOptions = true,
    version = "Solstice examples 0.1.0",
    description = "Runnable Solstice programs.",
    subcommands = {
      PolynomialCommand.class,
      DigitsCommand.class,
      FashionCommand.class,
      CharLmCommand.class,
      BenchCommand.class
    })
public final class Main {
  private Main() {}

  /**
   * Runs a subcommand and exits with its code. A training command started without the Vector API
   * is run again with it first ({@link VectorRelaunch}).
   */
  public static void main(String[] args) {
    if (VectorRelaunch.wanted(args)) {
      try {
        System.exit(VectorRelaunch.run(args));
      } catch (IOException e) {
        System.err.println("solstice-examples: could not restart with --add-modules " + VectorRelaunch.MODULE + " ("
            + e.getMessage() + "); going on without the Vector API");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        System.exit(130);
      }
    }
    System.exit(commandLine().execute(args));
  }

  /** Every subcommand; a wrong input (bad option value, unreadable file) is reported in one line, not a stack trace. */
  static CommandLine commandLine() {
    return new CommandLine(new Main()).setExecutionExceptionHandler(Main::reportInputError);
  }

  private static int reportInputError(Exception e, CommandLine command, ParseResult parsed) throws Exception {
    if (!(e instanceof IllegalArgumentException) && !(e instanceof IOException)) {
      throw e;
    }
    command.getErr().println(command.getColorScheme().errorText(command.getCommandName() + ": " + e.getMessage()));
    return command.getCommandSpec().exitCodeOnExecutionException();
  }
}
