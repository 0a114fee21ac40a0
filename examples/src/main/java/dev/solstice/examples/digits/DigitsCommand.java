package dev.solstice.examples.digits;

import dev.solstice.examples.training.MlpClassifier;
import dev.solstice.examples.training.TrainingOptions;
import dev.solstice.runtime.io.LabeledData;
import dev.solstice.runtime.kernel.Kernels;
import dev.solstice.runtime.random.Key;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Classifies scikit-learn's 8x8 digits with an MLP trained by adam on a random train/test split,
 * and ends with the line {@code test accuracy: 0.xxxx}.
 */
@Command(
    name = "digits",
    mixinStandardHelpOptions = true,
    description = {
      "Train an MLP with adam on scikit-learn's 8x8 handwritten digits (shipped in the jar) and measure it"
          + " on a held-out split.",
      "Prints one line per epoch and ends with 'test accuracy: 0.xxxx'."
    })
public final class DigitsCommand implements Callable<Integer> {
  static final String NAME = "digits";

  @Option(names = "--width", defaultValue = "64", description = "Hidden layer size (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--depth", defaultValue = "1", description = "Number of hidden layers (default: ${DEFAULT-VALUE}).")
  int depth;

  @Option(names = "--lr", defaultValue = "0.003", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
  float learningRate;

  @Option(names = "--batch", defaultValue = "32", description = "Examples per step (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--epochs", defaultValue = "20", description = "Passes over the training split (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--max-steps", defaultValue = "0",
      description = "Stop after this many steps in all, even within an epoch; 0 for no limit (default: ${DEFAULT-VALUE}).")
  int maxSteps;

  @Option(names = "--test-fraction", defaultValue = "0.2",
      description = "Fraction of the 1797 examples held out for testing (default: ${DEFAULT-VALUE}).")
  double testFraction;

  @Mixin TrainingOptions training;

  @Override
  public Integer call() throws IOException {
    run(System.out);
    return 0;
  }

  /** Trains and evaluates, printing the progress and the test accuracy to {@code out}; returns the result for tests. */
  public MlpClassifier.Result run(PrintStream out) throws IOException {
    LabeledData all = DigitsData.load();
    Key[] keys = Key.of(training.seed()).split(2);
    LabeledData[] split = DigitsData.split(all, (int) Math.round(testFraction * all.size()), keys[0]);
    out.printf(Locale.ROOT, "digits: %d training and %d test images of %d pixels%n", split[0].size(), split[1].size(),
        all.features().dim(1));
    out.println("kernels: " + Kernels.summary());
    MlpClassifier.Settings settings =
        new MlpClassifier.Settings(width, depth, learningRate, batchSize, epochs, maxSteps);
    MlpClassifier.Result result = MlpClassifier.train(NAME, split[0], split[1], settings, keys[1], training, out);
    out.printf(Locale.ROOT, "test accuracy: %.4f%n", result.testAccuracy());
    return result;
  }
}
