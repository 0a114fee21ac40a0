package dev.solstice.examples.bench;

import dev.solstice.examples.training.ShuffledBatches;
import dev.solstice.runtime.Losses;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.ValueAndGrad;
import dev.solstice.runtime.optim.Optax;
import dev.solstice.runtime.optim.TrainState;
import dev.solstice.runtime.random.Key;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * W2 over a whole epoch, as the {@code fashion} command trains: Fashion-MNIST-sized random data
 * (60000 standard normal inputs of 784, uniform labels of 10 classes), a fresh order each epoch,
 * 469 batches of 128 (the last of 96) gathered inside the loss, and {@link MlpStep}'s model, loss
 * and {@code adam(1e-3)} step through {@link TrainState}, reading each step's loss. One operation is
 * one epoch.
 */
@State(Scope.Thread)
public class MlpEpoch {
  static final int EXAMPLES = 60_000;

  private Tensor images;
  private Tensor labels;
  private ShuffledBatches batches;
  private TrainState<ReluMlp> train;
  private int step;

  /** The data, the order of each epoch and the model, all from fixed keys. */
  @Setup
  public void setUp() {
    Key[] keys = Key.of(0).split(4);
    int classes = MlpStep.WIDTHS[MlpStep.WIDTHS.length - 1];
    images = keys[0].normal(EXAMPLES, MlpStep.WIDTHS[0]);
    labels = keys[1].randint(0, classes, EXAMPLES);
    batches = new ShuffledBatches(keys[2], EXAMPLES, MlpStep.BATCH);
    train = TrainState.create(ReluMlpTree.INSTANCE, ReluMlp.init(keys[3], MlpStep.WIDTHS), Optax.adam(1e-3));
  }

  /** One epoch of training steps; returns the mean loss of its steps. */
  @Benchmark
  public float epoch() {
    int steps = batches.stepsPerEpoch();
    double sum = 0;
    for (int i = 0; i < steps; i++, step++) {
      Tensor batch = batches.indices(step);
      ValueAndGrad<ReluMlpGrad> vg =
          ReluMlpTree.valueAndGrad(train.params(), m -> loss(m, images.take(batch), labels.take(batch)));
      train = train.applyGradientsDonating(vg.grad());
      sum += vg.value().item();
    }
    return (float) (sum / steps);
  }

  private static Tensor loss(ReluMlp m, Tensor x, Tensor y) {
    return Losses.softmaxCrossEntropyWithIntegerLabels(ReluMlpBatched.forward(m, x), y).mean();
  }
}
