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

  public static void main(String[] args) {
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
