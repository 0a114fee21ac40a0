package dev.solstice.examples.fashion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.solstice.examples.training.MlpClassifier;
import dev.solstice.examples.training.TrainingAssertions;
import dev.solstice.runtime.io.LabeledData;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FashionCommandTest {
  private static final Path DATA = Path.of(FashionData.DEBIAN_DIRECTORY);

  private static void assumeFashionMnistInstalled() {
    assumeTrue(Files.isDirectory(DATA),
        "Fashion-MNIST is not installed in " + DATA + " (apt-get install dataset-fashion-mnist): skipping");
  }

  @Test
  void loadsImagesScaledToUnitRangeWithTheirLabels() throws Exception {
    assumeFashionMnistInstalled();
    LabeledData test = FashionData.test(DATA, 0);
    assertEquals(10000, test.size());
    assertEquals(784, test.features().dim(1));
    assertEquals(0f, test.features().min().item());
    assertEquals(1f, test.features().max().item());
    assertEquals(9, test.labels().toIntArray()[0], "the first test image is an ankle boot");
    assertEquals(500, FashionData.train(DATA, 500).size());
  }

  @Test
  void trainsOnASubsetAndReportsEpochTimesAndTheAccuracy(@TempDir Path dir) throws Exception {
    assumeFashionMnistInstalled();
    FashionCommand command = new FashionCommand();
    Path plot = dir.resolve("fashion-loss.png");
    new CommandLine(command).parseArgs("--train-examples", "3000", "--test-examples", "1000", "--epochs", "2",
        "--plot", plot.toString());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    MlpClassifier.Result result = command.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals("fashion: 3000 training and 1000 test images of 784 pixels", lines.get(0));
    assertTrue(lines.get(1).startsWith("kernels: "), lines.get(1));
    assertTrue(lines.get(2).matches("epoch 1/2 \\| train loss \\d\\.\\d{4} \\| \\d+\\.\\d\\d s \\(.* steps/s\\)"), lines.get(2));
    assertEquals(2, result.epochSeconds().size());
    assertEquals(2 * 24, result.losses().size(), "3000 images in batches of 128: 24 steps an epoch");
    assertTrue(lines.get(lines.size() - 1).matches("test accuracy: 0\\.\\d{4}"), lines.get(lines.size() - 1));
    // Chance is 0.10; two epochs on 3000 images give about 0.75.
    assertTrue(result.testAccuracy() > 0.6f, "test accuracy " + result.testAccuracy());
    TrainingAssertions.assertLossCurvePng(plot);
  }

  @Test
  void theRecipeReaches86PercentInThreeEpochs() throws Exception {
    assumeFashionMnistInstalled();
    FashionCommand command = new FashionCommand();
    new CommandLine(command).parseArgs("--no-plot");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    MlpClassifier.Result result = command.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertEquals(3, result.epochSeconds().size());
    assertEquals(3 * 469, result.losses().size(), "60000 images in batches of 128: 469 steps an epoch");
    assertTrue(result.testAccuracy() >= 0.86f, "test accuracy " + result.testAccuracy() + "\n" + printed);
  }

  @Test
  void aMissingDataDirectorySaysHowToInstallIt(@TempDir Path dir) {
    FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> FashionData.train(dir, 0));
    assertTrue(e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
  }
}
