package dev.solstice.examples.training;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws the training loss of every step, and its moving average, as a PNG. */
public final class LossCurve {
  private static final int WIDTH = 800;
  private static final int HEIGHT = 500;
  /** The moving average spans this fraction of the run, so its smoothness does not depend on the run's length. */
  private static final int WINDOWS_PER_RUN = 50;

  private LossCurve() {}

  /** Writes the curve of {@code losses} (one per step, from step 1) to {@code file}, titled {@code title}. */
  public static void write(Path file, String title, List<Float> losses) throws IOException {
    if (losses.isEmpty()) {
      throw new IllegalArgumentException("no losses to plot in " + file + ": the run made no steps");
    }
    int n = losses.size();
    double[] steps = new double[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      steps[i] = i + 1;
      values[i] = losses.get(i);
    }
    int window = Math.max(1, n / WINDOWS_PER_RUN);
    XYChart chart = new XYChartBuilder()
        .width(WIDTH)
        .height(HEIGHT)
        .title(title)
        .xAxisTitle("step")
        .yAxisTitle("training loss")
        .build();
    chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
    chart.getStyler().setXAxisMin(0.0);
    chart.addSeries("loss", steps, values).setMarker(SeriesMarkers.NONE);
    if (window > 1) {
      chart.addSeries("mean of " + window + " steps", steps, movingAverage(values, window))
          .setMarker(SeriesMarkers.NONE);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
    }
  }

  /** The mean of each value and the {@code window - 1} before it (fewer at the start). */
  static double[] movingAverage(double[] values, int window) {
    double[] averages = new double[values.length];
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      sum += values[i];
      if (i >= window) {
        sum -= values[i - window];
      }
      averages[i] = sum / Math.min(i + 1, window);
    }
    return averages;
  }
}
