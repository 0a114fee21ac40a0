package dev.solstice.examples.charlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.examples.training.TrainingAssertions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CharLmCommandTest {
  private static final String TEXT = "the cat sat on the mat. the dog sat on the log. the cat saw the dog.\n".repeat(4);

  /** What a run printed and returned. */
  record Run(String printed, CharLmCommand.Result result) {}

  /** A small model trained on {@code text} with {@code args} after the model sizes. */
  private static Run charlm(Path dir, String... args) throws Exception {
    Path text = dir.resolve("text.txt");
    Files.writeString(text, TEXT);
    List<String> all = new ArrayList<>(List.of(text.toString(), "--context", "16", "--size", "32", "--heads", "2",
        "--layers", "1", "--batch", "8", "--lr", "0.01", "--log-every", "10"));
    all.addAll(List.of(args));
    CharLmCommand command = new CharLmCommand();
    new CommandLine(command).parseArgs(all.toArray(String[]::new));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    CharLmCommand.Result result = command.run(new PrintStream(printed, true, StandardCharsets.UTF_8));
    return new Run(printed.toString(StandardCharsets.UTF_8), result);
  }

  private static double mean(List<Float> values) {
    return values.stream().mapToDouble(Float::doubleValue).average().orElseThrow();
  }

  @Test
  void lossDropsAndTheSampleHasTheRequestedLength(@TempDir Path dir) throws Exception {
    Path plot = dir.resolve("charlm-loss.png");
    Run run = charlm(dir, "--steps", "40", "--sample-length", "57", "--prompt", "the ", "--plot", plot.toString());

    List<Float> losses = run.result().losses();
    assertEquals(40, losses.size());
    double first = losses.get(0);
    double last = mean(losses.subList(35, 40));
    // 17 characters: a uniform guess costs ln 17 = 2.83; a model that learned nothing stays there.
    assertTrue(first > 2.5, "first loss " + first);
    assertTrue(last < 0.6 * first, "loss went from " + first + " to " + last + ": " + losses);
    assertEquals(57, run.result().sample().codePointCount(0, run.result().sample().length()));
    assertTrue(run.printed().contains("sample:\nthe " + run.result().sample() + "\n"), run.printed());
    assertTrue(run.printed().contains("step 40/40 | train loss "), run.printed());
    for (char c : run.result().sample().toCharArray()) {
      assertTrue(TEXT.indexOf(c) >= 0, "sampled '" + c + "', which is not in the text");
    }
    TrainingAssertions.assertLossCurvePng(plot);
  }

  @Test
  void resumingHalfwayEndsBitForBitWhereAnUninterruptedRunEnds(@TempDir Path dir) throws Exception {
    Path straight = dir.resolve("straight.safetensors");
    Path half = dir.resolve("half.safetensors");
    Path resumed = dir.resolve("resumed.safetensors");
    Run uninterrupted = charlm(dir, "--steps", "12", "--save", straight.toString(), "--no-plot", "--sample-length", "20");
    charlm(dir, "--steps", "6", "--save", half.toString(), "--no-plot", "--sample-length", "1");
    Run continued = charlm(dir, "--steps", "12", "--resume", half.toString(), "--save", resumed.toString(),
        "--no-plot", "--sample-length", "20");

    assertTrue(continued.printed().contains("resumed " + half + " at step 6"), continued.printed());
    TrainingAssertions.assertSameCheckpoint(straight, resumed);
    assertEquals(uninterrupted.result().sample(), continued.result().sample());
  }
}
