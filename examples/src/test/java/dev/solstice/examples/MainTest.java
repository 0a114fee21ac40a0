package dev.solstice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class MainTest {

  /** Runs the jar's command line on {@code args}; returns the exit code, standard output and standard error. */
  private static String[] execute(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @ParameterizedTest
  @ValueSource(strings = {"polynomial", "digits", "fashion", "charlm"})
  void everyExampleHasHelp(String name) {
    String[] result = execute(name, "--help");
    assertEquals("0", result[0], result[2]);
    assertTrue(result[1].startsWith("Usage: solstice-examples " + name), result[1]);
  }

  @Test
  void aMissingCheckpointIsReportedInOneLine(@TempDir Path dir) {
    Path missing = dir.resolve("missing.safetensors");
    String[] result = execute("digits", "--resume", missing.toString(), "--no-plot");
    assertEquals("1", result[0]);
    assertEquals(1, result[2].lines().count(), result[2]);
    assertTrue(result[2].startsWith("digits: ") && result[2].contains(missing.toString()), result[2]);
  }
}
