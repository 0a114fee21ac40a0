package dev.solstice.examples.training;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.io.Checkpoint;
import dev.solstice.runtime.optim.OptState;
import dev.solstice.runtime.optim.TrainState;
import dev.solstice.runtime.tree.TreeDef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training run in one safetensors file: the model under its own paths (so it opens in Python as
 * an Equinox model's leaves), the optimizer state under {@code opt.}, the loss of every step so far
 * under {@code history.loss}, and in the metadata the step and the run's hyper-parameters.
 *
 * @param state the model, optimizer state and step
 * @param losses the loss of each step before {@code state.step()}
 */
public record TrainingCheckpoint<M>(TrainState<M> state, List<Float> losses) {
  /** Metadata key of the number of steps taken. */
  public static final String STEP = "step";

  private static final String OPTIMIZER = "opt.";
  private static final String HISTORY = "history.";
  private static final String LOSS = "loss";

  /** Copies {@code losses}. */
  public TrainingCheckpoint {
    losses = List.copyOf(losses);
  }

  /** Writes this checkpoint to {@code file}, with {@code metadata} (hyper-parameters and such) next to the step. */
  public void save(Path file, TreeDef<M> tree, Map<String, String> metadata) throws IOException {
    if (metadata.containsKey(STEP)) {
      throw new IllegalArgumentException("metadata key '" + STEP + "' is reserved for the step count");
    }
    float[] history = new float[losses.size()];
    for (int i = 0; i < history.length; i++) {
      history[i] = losses.get(i);
    }
    Checkpoint.builder()
        .add(tree, state.params())
        .add(OPTIMIZER, state.optState().asMap())
        .add(HISTORY, Map.of(LOSS, Tensor.of(history, history.length)))
        .metadata(metadata)
        .metadata(STEP, Integer.toString(state.step()))
        .save(file);
  }

  /**
   * Reads the run saved in {@code file} into the structure of {@code fresh} (a new run of the same
   * model and optimizer), after checking that it was saved with the same {@code hyperparameters}.
   *
   * @throws IllegalArgumentException if a hyper-parameter differs or is missing; the message lists them all
   * @throws dev.solstice.runtime.io.CheckpointMismatchException if the model or optimizer state does not fit
   */
  public static <M> TrainingCheckpoint<M> read(
      Path file, TreeDef<M> tree, TrainState<M> fresh, Map<String, String> hyperparameters) throws IOException {
    Checkpoint checkpoint = Checkpoint.read(file);
    checkHyperparameters(file, checkpoint.metadata(), hyperparameters);
    String step = checkpoint.metadata().get(STEP);
    if (step == null) {
      throw new IllegalArgumentException(file + " has no '" + STEP + "' in its metadata: it was not saved by --save");
    }
    M params = checkpoint.restore(tree, fresh.params());
    OptState<M> optState = fresh.optState().withLeaves(checkpoint.restore(OPTIMIZER, fresh.optState().asMap()));
    List<Float> losses = new ArrayList<>();
    Tensor history = checkpoint.tensors(HISTORY).get(LOSS);
    if (history != null) {
      for (float loss : history.toFloatArray()) {
        losses.add(loss);
      }
    }
    TrainState<M> state = new TrainState<>(params, optState, fresh.tx(), Integer.parseInt(step));
    return new TrainingCheckpoint<>(state, losses);
  }

  private static void checkHyperparameters(Path file, Map<String, String> saved, Map<String, String> wanted) {
    Map<String, String> differences = new LinkedHashMap<>();
    wanted.forEach((name, value) -> {
      if (!value.equals(saved.get(name))) {
        differences.put(name, saved.getOrDefault(name, "(absent)") + " in the checkpoint, " + value + " here");
      }
    });
    if (!differences.isEmpty()) {
      StringBuilder message = new StringBuilder(file + " was saved by a run with other hyper-parameters;"
          + " give the options it was trained with to resume it:");
      differences.forEach((name, difference) -> message.append("\n  ").append(name).append(": ").append(difference));
      throw new IllegalArgumentException(message.toString());
    }
  }
}
