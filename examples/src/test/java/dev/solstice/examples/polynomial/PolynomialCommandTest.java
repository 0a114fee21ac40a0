package dev.solstice.examples.polynomial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The seed program reproduces the loss curves JAX printed (seed_port.json). */
class PolynomialCommandTest {
  private static JsonObject reference;

  @BeforeAll
  static void load() throws Exception {
    try (Reader in = new InputStreamReader(
        PolynomialCommandTest.class.getResourceAsStream("/seed_port.json"), StandardCharsets.UTF_8)) {
      reference = JsonParser.parseReader(in).getAsJsonObject();
    }
  }

  @ParameterizedTest
  @CsvSource({"sgd, sgd_0.01", "adam, adam_0.01"})
  void lossCurveMatchesJax(String optimizer, String run) {
    PolynomialCommand command = new PolynomialCommand();
    new CommandLine(command).parseArgs("--optimizer", optimizer, "--lr", "0.01");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PolynomialCommand.Curve curve =
        command.train(new PrintStream(printed, true, StandardCharsets.UTF_8));

    JsonArray expected = reference.getAsJsonObject("runs").getAsJsonObject(run).getAsJsonArray("losses");
    List<float[]> logged = curve.logged();
    assertEquals(expected.size(), logged.size(), "number of logged epochs");
    for (int i = 0; i < expected.size(); i++) {
      JsonArray point = expected.get(i).getAsJsonArray();
      int epoch = point.get(0).getAsInt();
      double loss = point.get(1).getAsDouble();
      assertEquals(epoch, (int) logged.get(i)[0], "logged epoch");
      assertEquals(loss, logged.get(i)[1], 1e-3 * loss, run + " loss at epoch " + epoch);
    }
    String text = printed.toString(StandardCharsets.UTF_8);
    String firstLine = text.lines().findFirst().orElseThrow();
    assertEquals(String.format("Epoch [0/2000] | Train Loss: %.6f", logged.get(0)[1]), firstLine);
  }
}
