package dev.solstice.examples.fashion;

import dev.solstice.examples.training.MlpClassifier;
import dev.solstice.examples.training.TrainingOptions;
import dev.solstice.runtime.io.LabeledData;
import dev.solstice.runtime.kernel.Kernels;
import dev.solstice.runtime.random.Key;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Classifies Fashion-MNIST with an MLP 784-256-256-10 trained by adam, printing the time of each
 * epoch, and ends with the line {@code test accuracy: 0.xxxx}. {@code src/main/python/fashion_jax.py}
 * trains the same recipe in JAX, for comparing epoch times.
 */
@Command(
    name = "fashion",
    mixinStandardHelpOptions = true,
    description = {
      "Train an MLP 784-256-256-10 with adam on Fashion-MNIST (Debian package dataset-fashion-mnist) and"
          + " measure it on the 10000 test images.",
      "Prints one line per epoch with its time and ends with 'test accuracy: 0.xxxx'."
    })
public final class FashionCommand implements Callable<Integer> {
  static final String NAME = "fashion";

  @Option(names = "--data", paramLabel = "DIR", defaultValue = FashionData.DEBIAN_DIRECTORY,
      description = "Directory of the four *-ubyte.gz files (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--width", defaultValue = "256", description = "Hidden layer size (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--depth", defaultValue = "2", description = "Number of hidden layers (default: ${DEFAULT-VALUE}).")
  int depth;

  @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
  float learningRate;

  @Option(names = "--batch", defaultValue = "128", description = "Examples per step (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--epochs", defaultValue = "3", description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--max-steps", defaultValue = "0",
      description = "Stop after this many steps in all, even within an epoch; 0 for no limit (default: ${DEFAULT-VALUE}).")
  int maxSteps;

  @Option(names = "--train-examples", defaultValue = "0",
      description = "Train on the first N training images only; 0 for all 60000 (default: ${DEFAULT-VALUE}).")
  int trainExamples;

  @Option(names = "--test-examples", defaultValue = "0",
      description = "Test on the first N test images only; 0 for all 10000 (default: ${DEFAULT-VALUE}).")
  int testExamples;

  @Mixin TrainingOptions training;

  @Override
  public Integer call() throws IOException {
    run(System.out);
    return 0;
  }

  /** Trains and evaluates, printing the progress and the test accuracy to {@code out}; returns the result for tests. */
  public MlpClassifier.Result run(PrintStream out) throws IOException {
    LabeledData train = FashionData.train(data, trainExamples);
    LabeledData test = FashionData.test(data, testExamples);
    out.printf(Locale.ROOT, "fashion: %d training and %d test images of %d pixels%n", train.size(), test.size(),
        train.features().dim(1));
    out.println("kernels: " + Kernels.summary());
    MlpClassifier.Settings settings =
        new MlpClassifier.Settings(width, depth, learningRate, batchSize, epochs, maxSteps);
    MlpClassifier.Result result =
        MlpClassifier.train(NAME, train, test, settings, Key.of(training.seed()), training, out);
    out.printf(Locale.ROOT, "test accuracy: %.4f%n", result.testAccuracy());
    return result;
  }
}
