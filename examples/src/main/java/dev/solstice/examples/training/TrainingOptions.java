package dev.solstice.examples.training;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The command-line options every training example shares (a picocli mixin): the seed, checkpoints,
 * the loss curve and the progress bar.
 */
public final class TrainingOptions {

  @Option(names = "--seed", defaultValue = "1",
      description = "PRNG seed for initialisation and data order (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--save", paramLabel = "FILE",
      description = "At the end, write a safetensors checkpoint: model, optimizer state, step, loss history,"
          + " hyper-parameters.")
  private Path save;

  @Option(names = "--resume", paramLabel = "FILE",
      description = "Continue the run saved in FILE by --save (same hyper-parameters); it ends as if never stopped.")
  private Path resume;

  @Option(names = "--plot", paramLabel = "FILE",
      description = "Where to write the loss curve, a PNG (default: COMMAND-loss.png).")
  private Path plot;

  @Option(names = "--no-plot", description = "Do not write the loss curve.")
  private boolean noPlot;

  @Option(names = "--no-progress",
      description = "No progress bar. It is also off when there is no console (output redirected, tests, CI).")
  private boolean noProgress;

  /** The PRNG seed. */
  public long seed() {
    return seed;
  }

  /** Where to save a checkpoint at the end, or null. */
  public Path save() {
    return save;
  }

  /** The checkpoint to resume from, or null to start afresh. */
  public Path resume() {
    return resume;
  }

  /** Where the loss curve of {@code command} goes, or null when it is not wanted. */
  public Path plot(String command) {
    if (noPlot) {
      return null;
    }
    return plot != null ? plot : Path.of(command + "-loss.png");
  }

  /**
   * Whether to draw a progress bar: asked for, and on a console. A bar redraws its line with
   * carriage returns, which would garble a log file or a test's captured output.
   */
  public boolean showProgress() {
    return !noProgress && System.console() != null;
  }
}
