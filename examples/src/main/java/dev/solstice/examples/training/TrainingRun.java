package dev.solstice.examples.training;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.ValueAndGrad;
import dev.solstice.runtime.optim.GradientTransformation;
import dev.solstice.runtime.optim.TrainState;
import dev.solstice.runtime.tree.Pytree;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A training run: the model, its optimizer state and step ({@link TrainState}), and the loss of
 * every step so far. It starts afresh or from a {@code --resume} checkpoint, takes optimizer steps
 * with a progress bar, and at the end saves a checkpoint and draws the loss curve as the options
 * ask.
 *
 * <p>The caller decides what a step trains on: {@link #trainUntil} asks it for the loss of each
 * step, as a function of the step number only, so a resumed run repeats an uninterrupted one bit
 * for bit.
 *
 * @param <M> the model type, a {@code @Model} record
 * @param <G> its gradient type
 */
public final class TrainingRun<M, G extends Pytree<G>> {
  private final ModelType<M, G> type;
  private final Map<String, String> hyperparameters;
  private final TrainingOptions options;
  private final List<Float> losses;
  private TrainState<M> state;

  private TrainingRun(
      ModelType<M, G> type, Map<String, String> hyperparameters, TrainingOptions options, TrainState<M> state,
      List<Float> losses) {
    this.type = type;
    this.hyperparameters = hyperparameters;
    this.options = options;
    this.state = state;
    this.losses = new ArrayList<>(losses);
  }

  /**
   * A run of {@code model} with optimizer {@code tx}; when the options name a checkpoint to resume,
   * its model, optimizer state, step and losses replace the fresh ones, and a line on {@code out}
   * says so.
   *
   * @param hyperparameters everything that must stay the same for a resumed run to continue this
   *     one (sizes, learning rate, batch size, seed, ...); saved in the checkpoint's metadata and
   *     checked on resume
   */
  public static <M, G extends Pytree<G>> TrainingRun<M, G> start(
      ModelType<M, G> type, M model, GradientTransformation tx, Map<String, String> hyperparameters,
      TrainingOptions options, PrintStream out) throws IOException {
    TrainState<M> fresh = TrainState.create(type.tree(), model, tx);
    Map<String, String> fixed = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
    Path resume = options.resume();
    if (resume == null) {
      return new TrainingRun<>(type, fixed, options, fresh, List.of());
    }
    TrainingCheckpoint<M> saved = TrainingCheckpoint.read(resume, type.tree(), fresh, fixed);
    out.printf(Locale.ROOT, "resumed %s at step %d%n", resume, saved.state().step());
    return new TrainingRun<>(type, fixed, options, saved.state(), saved.losses());
  }

  /** The current model. */
  public M model() {
    return state.params();
  }

  /** The number of optimizer steps taken so far, including those before a resume. */
  public int step() {
    return state.step();
  }

  /** The loss of every step so far, in order. */
  public List<Float> losses() {
    return Collections.unmodifiableList(losses);
  }

  /** The mean loss of steps {@code from} (inclusive) to {@code to} (exclusive). */
  public float meanLoss(int from, int to) {
    if (from < 0 || to > losses.size() || from >= to) {
      throw new IllegalArgumentException(
          "meanLoss: steps [" + from + ", " + to + ") are not a non-empty range of the " + losses.size() + " taken");
    }
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += losses.get(i);
    }
    return (float) (sum / (to - from));
  }

  /**
   * Takes optimizer steps until {@link #step()} reaches {@code target}, showing a progress bar
   * named {@code task}.
   *
   * @param lossAtStep for a step number, the loss function of that step (on its batch)
   */
  public void trainUntil(int target, IntFunction<Function<M, Tensor>> lossAtStep, String task) {
    try (Progress progress = Progress.start(task, Math.max(0, target - step()), options.showProgress())) {
      while (step() < target) {
        ValueAndGrad<G> vg = type.valueAndGrad().apply(state.params(), lossAtStep.apply(step()));
        // Nothing keeps the old state, so the new one may reuse its memory.
        state = state.applyGradientsDonating(vg.grad());
        float loss = vg.value().item();
        losses.add(loss);
        progress.step(loss);
      }
    }
  }

  /**
   * Saves the checkpoint and writes the loss curve, as the options ask, each announced with a
   * line on {@code out}.
   *
   * @param command names the run in the curve's title and its default file name
   * @param metadata further facts for the checkpoint's metadata, e.g. the epoch
   */
  public void finish(String command, Map<String, String> metadata, PrintStream out) throws IOException {
    Path save = options.save();
    if (save != null) {
      Map<String, String> all = new LinkedHashMap<>(hyperparameters);
      all.putAll(metadata);
      new TrainingCheckpoint<>(state, losses).save(save, type.tree(), all);
      out.printf(Locale.ROOT, "saved checkpoint: %s (step %d)%n", save, step());
    }
    Path plot = options.plot(command);
    if (plot != null && !losses.isEmpty()) {
      LossCurve.write(plot, command + ": training loss", losses);
      out.printf(Locale.ROOT, "loss curve: %s%n", plot);
    }
  }
}
