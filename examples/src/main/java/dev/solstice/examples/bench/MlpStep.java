package dev.solstice.examples.bench;

import dev.solstice.runtime.Losses;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.ValueAndGrad;
import dev.solstice.runtime.optim.GradientTransformation;
import dev.solstice.runtime.optim.OptState;
import dev.solstice.runtime.optim.Optax;
import dev.solstice.runtime.optim.TrainState;
import dev.solstice.runtime.optim.Update;
import dev.solstice.runtime.random.Key;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * W2: one training step of an MNIST-sized classifier: MLP 784-256-256-10 with relu, a batch of
 * 128 random inputs and labels, mean softmax cross-entropy, {@code adam(1e-3)}. {@link #step} takes
 * it as a training loop does, through {@link TrainState} (JAX's jitted step: value and gradients,
 * {@code update}, {@code apply_updates}); {@link #updateThenApply} spells out the update and the
 * {@code applyUpdates}, the same numbers.
 */
@State(Scope.Thread)
public class MlpStep {
  static final int BATCH = 128;
  static final int[] WIDTHS = {784, 256, 256, 10};

  private final GradientTransformation optimizer = Optax.adam(1e-3);
  private Tensor x;
  private Tensor labels;
  private ReluMlp model;
  private OptState<ReluMlp> state;
  private TrainState<ReluMlp> train;

  /** Standard normal inputs, uniform labels and the model, all from fixed keys. */
  @Setup
  public void setUp() {
    Key[] keys = Key.of(0).split(3);
    int classes = WIDTHS[WIDTHS.length - 1];
    x = keys[0].normal(BATCH, WIDTHS[0]);
    labels = keys[1].randint(0, classes, BATCH);
    model = ReluMlp.init(keys[2], WIDTHS);
    state = optimizer.init(ReluMlpTree.INSTANCE, model);
    train = TrainState.create(ReluMlpTree.INSTANCE, model, optimizer);
  }

  /**
   * One training step as the training programs take it, the old state donated to the new one; the
   * model and optimizer state carry over to the next, as in training.
   */
  @Benchmark
  public Tensor step() {
    ValueAndGrad<ReluMlpGrad> vg = ReluMlpTree.valueAndGrad(train.params(), this::loss);
    train = train.applyGradientsDonating(vg.grad());
    return vg.value();
  }

  /** {@link #step} written with the optimizer's update and the generated applyUpdates. */
  @Benchmark
  public Tensor updateThenApply() {
    ValueAndGrad<ReluMlpGrad> vg = ReluMlpTree.valueAndGrad(model, this::loss);
    Update<ReluMlpGrad, ReluMlp> update = optimizer.update(vg.grad(), state, model);
    model = ReluMlpTree.applyUpdates(model, update.updates());
    state = update.state();
    return vg.value();
  }

  private Tensor loss(ReluMlp m) {
    return Losses.softmaxCrossEntropyWithIntegerLabels(ReluMlpBatched.forward(m, x), labels).mean();
  }
}
