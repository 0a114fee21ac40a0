package dev.solstice.examples.training;

import java.time.temporal.ChronoUnit;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress bar on standard error over a stretch of training steps, showing the last loss and
 * the steps per second; or nothing at all when it is off, so standard output stays clean.
 */
public final class Progress implements AutoCloseable {
  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /** A bar named {@code task} for {@code steps} steps when {@code show}, else a silent one. */
  public static Progress start(String task, long steps, boolean show) {
    if (!show) {
      return new Progress(null);
    }
    ProgressBar bar = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(steps)
        .setUnit(" steps", 1)
        .showSpeed()
        .setSpeedUnit(ChronoUnit.SECONDS)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .build();
    return new Progress(bar);
  }

  /** One step done, whose loss was {@code loss}. */
  public void step(float loss) {
    if (bar != null) {
      bar.setExtraMessage(String.format(Locale.ROOT, ", loss %.4f", loss)); // printed right after the speed
      bar.step();
    }
  }

  /** Draws the bar a last time and ends its line. */
  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
