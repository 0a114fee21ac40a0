package dev.solstice.examples.digits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.examples.training.MlpClassifier;
import dev.solstice.examples.training.TrainingAssertions;
import dev.solstice.runtime.io.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DigitsCommandTest {

  /** What a run printed and returned. */
  record Run(String printed, MlpClassifier.Result result) {
    List<String> lines() {
      return printed.lines().toList();
    }
  }

  static Run digits(String... args) throws Exception {
    DigitsCommand command = new DigitsCommand();
    new CommandLine(command).parseArgs(args);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    MlpClassifier.Result result = command.run(new PrintStream(printed, true, StandardCharsets.UTF_8));
    return new Run(printed.toString(StandardCharsets.UTF_8), result);
  }

  @Test
  void defaultRunReaches95PercentAndEndsWithTheAccuracyLine(@TempDir Path dir) throws Exception {
    Path plot = dir.resolve("digits-loss.png");
    Run run = digits("--plot", plot.toString());

    List<String> lines = run.lines();
    String last = lines.get(lines.size() - 1);
    assertTrue(last.matches("test accuracy: 0\\.\\d{4}"), "last line: " + last);
    assertEquals(run.result().testAccuracy(), Float.parseFloat(last.substring("test accuracy: ".length())), 1e-4);
    assertTrue(run.result().testAccuracy() >= 0.95f, "test accuracy " + run.result().testAccuracy());
    assertEquals(20, lines.stream().filter(l -> l.matches("epoch \\d+/20 \\| train loss \\d+\\.\\d{4} \\| .* s .*")).count(),
        "one line per epoch in:\n" + run.printed());
    assertEquals(20 * 45, run.result().losses().size(), "1438 training images in batches of 32: 45 steps an epoch");
    TrainingAssertions.assertLossCurvePng(plot);
  }

  @Test
  void resumingHalfwayEndsBitForBitWhereAnUninterruptedRunEnds(@TempDir Path dir) throws Exception {
    // 50 steps cross an epoch boundary (45 steps an epoch) and the resume lands inside epoch 1.
    Path straight = dir.resolve("straight.safetensors");
    Path half = dir.resolve("half.safetensors");
    Path resumed = dir.resolve("resumed.safetensors");
    digits("--max-steps", "50", "--save", straight.toString(), "--no-plot");
    digits("--max-steps", "25", "--save", half.toString(), "--no-plot");
    Run run = digits("--max-steps", "50", "--resume", half.toString(), "--save", resumed.toString(), "--no-plot");

    assertTrue(run.printed().startsWith("digits: "), run.printed());
    assertTrue(run.printed().contains("resumed " + half + " at step 25"), run.printed());
    assertEquals("50", Checkpoint.read(resumed).metadata().get("step"));
    TrainingAssertions.assertSameCheckpoint(straight, resumed);
  }

  @Test
  void resumingWithOtherHyperparametersSaysWhichDiffer(@TempDir Path dir) throws Exception {
    Path saved = dir.resolve("saved.safetensors");
    digits("--max-steps", "2", "--save", saved.toString(), "--no-plot");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> digits("--resume", saved.toString(), "--width", "32", "--lr", "0.01", "--no-plot"));
    assertTrue(e.getMessage().contains("width: 64 in the checkpoint, 32 here"), e.getMessage());
    assertTrue(e.getMessage().contains("learning_rate: 0.003 in the checkpoint, 0.01 here"), e.getMessage());
  }
}
