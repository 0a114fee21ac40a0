package dev.solstice.examples.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossCurveTest {
  @Test
  void writesAPngWithTheCurve(@TempDir Path dir) throws Exception {
    List<Float> losses = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      losses.add((float) (2 * Math.exp(-i / 50.0) + 0.1 * Math.sin(i)));
    }
    Path file = dir.resolve("curve");
    LossCurve.write(file, "test: training loss", losses);
    TrainingAssertions.assertLossCurvePng(file);
  }

  @Test
  void movingAverageUsesTheStepsSoFarAtTheStart() {
    assertArrayEquals(new double[] {1, 1.5, 2, 3, 4}, LossCurve.movingAverage(new double[] {1, 2, 3, 4, 5}, 3));
  }
}
