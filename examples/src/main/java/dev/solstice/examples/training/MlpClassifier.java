package dev.solstice.examples.training;

import dev.solstice.annotations.Shape;
import dev.solstice.runtime.DType;
import dev.solstice.runtime.Losses;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.io.LabeledData;
import dev.solstice.runtime.nn.Mlp;
import dev.solstice.runtime.nn.MlpBatched;
import dev.solstice.runtime.nn.MlpGrad;
import dev.solstice.runtime.nn.MlpTree;
import dev.solstice.runtime.optim.Optax;
import dev.solstice.runtime.random.Key;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The classifier the {@code digits} and {@code fashion} examples train: an Equinox-style {@link Mlp}
 * (ReLU hidden layers) fitted with adam to the mean softmax cross-entropy of shuffled mini-batches,
 * then measured on held-out examples.
 */
public final class MlpClassifier {
  /** Examples per forward pass when measuring accuracy. */
  static final int EVALUATION_BATCH = 1000;

  private MlpClassifier() {}

  /**
   * How to train.
   *
   * @param width the size of each hidden layer
   * @param depth the number of hidden layers
   * @param learningRate adam's learning rate
   * @param batchSize examples per step
   * @param epochs passes over the training examples
   * @param maxSteps stop after this many steps in all, even within an epoch; 0 for no limit
   */
  public record Settings(int width, int depth, float learningRate, int batchSize, int epochs, int maxSteps) {}

  /**
   * What training gave.
   *
   * @param model the trained model
   * @param testAccuracy the fraction of test examples classified correctly
   * @param epochSeconds the wall time of each epoch trained in this run (a resumed epoch counts its part)
   * @param losses the loss of every step, including those before a resume
   */
  public record Result(Mlp model, float testAccuracy, List<Double> epochSeconds, List<Float> losses) {}

  /** The mean cross-entropy of {@code model} on a batch. {@code MlpBatched.forward} is the generated {@code jax.vmap(model)}. */
  static @Shape("") Tensor loss(Mlp model, @Shape("batch in") Tensor images, @Shape("batch") Tensor labels) {
    return Losses.softmaxCrossEntropyWithIntegerLabels(MlpBatched.forward(model, images), labels).mean();
  }

  /** The fraction of {@code data} that {@code model} classifies correctly, computed {@code batchSize} examples at a time. */
  public static float accuracy(Mlp model, LabeledData data, int batchSize) {
    long correct = 0;
    for (int start = 0; start < data.size(); start += batchSize) {
      int stop = Math.min(data.size(), start + batchSize);
      Tensor predictions = MlpBatched.forward(model, data.features().slice(0, start, stop)).argmax(1);
      Tensor hits = predictions.eq(data.labels().slice(0, start, stop)).asType(DType.FLOAT32);
      correct += Math.round(hits.sum().item());
    }
    return (float) correct / data.size();
  }

  /**
   * Trains a classifier on {@code train}, printing one line per epoch on {@code out}, saves and
   * plots as {@code options} ask, and measures it on {@code test}.
   *
   * @param command the example's name, for the checkpoint and the loss curve
   * @param key initialises the model (first half of {@code key.split(2)}) and orders the batches (second half)
   */
  public static Result train(
      String command, LabeledData train, LabeledData test, Settings settings, Key key, TrainingOptions options,
      PrintStream out) throws IOException {
    int classes = 1 + Math.max(max(train.labels()), max(test.labels()));
    int features = train.features().dim(1);
    Key[] keys = key.split(2);
    Mlp model = Mlp.init(features, classes, settings.width(), settings.depth(), keys[0]);
    ShuffledBatches batches = new ShuffledBatches(keys[1], train.size(), settings.batchSize());
    int stepsPerEpoch = batches.stepsPerEpoch();

    Map<String, String> hyperparameters = new LinkedHashMap<>();
    hyperparameters.put("command", command);
    hyperparameters.put("seed", Long.toString(options.seed()));
    hyperparameters.put("features", Integer.toString(features));
    hyperparameters.put("classes", Integer.toString(classes));
    hyperparameters.put("width", Integer.toString(settings.width()));
    hyperparameters.put("depth", Integer.toString(settings.depth()));
    hyperparameters.put("optimizer", "adam");
    hyperparameters.put("learning_rate", Float.toString(settings.learningRate()));
    hyperparameters.put("batch_size", Integer.toString(settings.batchSize()));
    hyperparameters.put("train_examples", Integer.toString(train.size()));
    TrainingRun<Mlp, MlpGrad> run = TrainingRun.start(
        ModelType.of(MlpTree.INSTANCE, MlpTree::valueAndGrad), model, Optax.adam(settings.learningRate()),
        hyperparameters, options, out);

    int totalSteps = settings.epochs() * stepsPerEpoch;
    if (settings.maxSteps() > 0) {
      totalSteps = Math.min(totalSteps, settings.maxSteps());
    }
    List<Double> epochSeconds = new ArrayList<>();
    while (run.step() < totalSteps) {
      int epoch = run.step() / stepsPerEpoch;
      int first = run.step();
      int last = Math.min(totalSteps, (epoch + 1) * stepsPerEpoch);
      long start = System.nanoTime();
      run.trainUntil(last, step -> {
        Tensor batch = batches.indices(step);
        // Gathered inside the loss, the batch lives in valueAndGrad's reused arrays.
        return m -> loss(m, train.features().take(batch), train.labels().take(batch));
      }, "epoch " + (epoch + 1) + "/" + settings.epochs());
      double seconds = (System.nanoTime() - start) / 1e9;
      epochSeconds.add(seconds);
      out.printf(Locale.ROOT, "epoch %d/%d | train loss %.4f | %.2f s (%.1f steps/s)%n", epoch + 1, settings.epochs(),
          run.meanLoss(first, last), seconds, (last - first) / seconds);
    }
    run.finish(command, Map.of("epoch", Integer.toString(run.step() / stepsPerEpoch)), out);
    float accuracy = accuracy(run.model(), test, EVALUATION_BATCH);
    return new Result(run.model(), accuracy, epochSeconds, run.losses());
  }

  private static int max(Tensor labels) {
    int max = 0;
    for (int label : labels.toIntArray()) {
      max = Math.max(max, label);
    }
    return max;
  }
}
