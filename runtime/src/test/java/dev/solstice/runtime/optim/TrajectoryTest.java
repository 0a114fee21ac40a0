package dev.solstice.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.solstice.runtime.Tensor;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every optimizer configuration of optax.json (from the shared reference) and
 * optax_more.json (made by src/test/oracle/optax_more.py): six update + applyUpdates steps from
 * {@code params0}, each compared with optax 0.2.8's params to 1e-5 relative.
 */
class TrajectoryTest {
  private static final double RELATIVE_TOLERANCE = 1e-5;
  private static final JsonObject REFERENCE = Golden.load("optax.json");
  private static final JsonObject MORE = Golden.load("optax_more.json");
  private static final Schedule LR_SCHEDULE = Schedules.warmupCosineDecay(0.0, 0.05, 2, 6, 0.005, 1.0);

  /** The Java spelling of each optax.json configuration, keyed by its {@code optimizer} text. */
  private static final Map<String, Supplier<GradientTransformation>> REFERENCE_OPTIMIZERS =
      Map.ofEntries(
          Map.entry("sgd(lr=0.1)", () -> Optax.sgd(0.1)),
          Map.entry("sgd(lr=0.1, momentum=0.9)", () -> Optax.sgd(0.1, 0.9)),
          Map.entry("sgd(lr=0.1, momentum=0.9, nesterov=True)", () -> Optax.sgd(0.1, 0.9).withNesterov(true)),
          Map.entry("adam(lr=0.01)", () -> Optax.adam(0.01)),
          Map.entry("adam(lr=0.01, b1=0.8, b2=0.99, eps=1e-6)", () -> Optax.adam(0.01, 0.8, 0.99, 1e-6)),
          Map.entry("adamw(lr=0.01, weight_decay=0.1)", () -> Optax.adamw(0.01, 0.1)),
          Map.entry("rmsprop(lr=0.01)", () -> Optax.rmsprop(0.01)),
          Map.entry("adagrad(lr=0.1)", () -> Optax.adagrad(0.1)),
          Map.entry("lion(lr=0.01)", () -> Optax.lion(0.01)),
          Map.entry(
              "chain(clip_by_global_norm(1.0), scale_by_adam(eps=1e-4), scale(-1e-3))",
              () -> Optax.chain(Optax.clipByGlobalNorm(1.0), Optax.scaleByAdam(0.9, 0.999, 1e-4), Optax.scale(-1e-3))),
          Map.entry(
              "adam(warmup_cosine_decay_schedule(init_value=0.0, peak_value=0.1, warmup_steps=2, decay_steps=6,"
                  + " end_value=0.01))",
              () -> Optax.adam(Schedules.warmupCosineDecay(0.0, 0.1, 2, 6, 0.01, 1.0))),
          Map.entry(
              "sgd(exponential_decay(init_value=0.1, transition_steps=2, decay_rate=0.5))",
              () -> Optax.sgd(Schedules.exponentialDecay(0.1, 2, 0.5))));

  /** The Java spelling of each optax_more.json configuration, keyed by its {@code name}. */
  private static final Map<String, Supplier<GradientTransformation>> MORE_OPTIMIZERS =
      Map.ofEntries(
          Map.entry(
              "sgd_nesterov_schedule",
              () -> Optax.sgd(Schedules.exponentialDecay(0.1, 1, 0.8)).withMomentum(0.5).withNesterov(true)),
          Map.entry("sgd_momentum_schedule", () -> Optax.sgd(Schedules.linear(0.1, 0.01, 4)).withMomentum(0.9)),
          Map.entry("adam_eps_root", () -> Optax.adam(0.01).withEpsRoot(1e-8)),
          Map.entry("adam_nesterov", () -> Optax.adam(0.02).withB1(0.85).withNesterov(true)),
          Map.entry("nadamw", () -> Optax.nadamw(0.01, 0.05)),
          Map.entry("adamw_mask", () -> Optax.adamw(0.01, 0.5).withMask(path -> path.equals("w"))),
          Map.entry("adamw_mask_callable", () -> Optax.adamw(0.01, 0.5).withMask((path, leaf) -> leaf.rank() > 1)),
          Map.entry(
              "adamw_schedules", () -> Optax.adamw(LR_SCHEDULE).withWeightDecay(Schedules.linear(0.1, 0.0, 4))),
          Map.entry("rmsprop_centered", () -> Optax.rmsprop(0.01).withCentered(true)),
          Map.entry("rmsprop_momentum", () -> Optax.rmsprop(0.01).withDecay(0.8).withMomentum(0.9)),
          Map.entry(
              "rmsprop_centered_momentum_nesterov",
              () -> Optax.rmsprop(0.01).withCentered(true).withMomentum(0.9).withNesterov(true)),
          Map.entry(
              "rmsprop_eps_outside_bias_corrected",
              () ->
                  Optax.rmsprop(0.01)
                      .withEps(1e-3)
                      .withEpsInSqrt(false)
                      .withBiasCorrection(true)
                      .withInitialScale(0.1)),
          Map.entry(
              "rmsprop_centered_bias_corrected",
              () ->
                  Optax.rmsprop(0.01)
                      .withCentered(true)
                      .withBiasCorrection(true)
                      .withEpsInSqrt(false)
                      .withInitialScale(1.0)),
          Map.entry("adagrad_options", () -> Optax.adagrad(0.05).withInitialAccumulatorValue(0.5).withEps(1e-3)),
          Map.entry(
              "lion_decay_mask",
              () -> Optax.lion(0.003).withB1(0.95).withB2(0.98).withWeightDecay(0.2).withMask(p -> p.equals("w"))),
          Map.entry("clip_sgd", () -> Optax.chain(Optax.clip(0.5), Optax.sgd(0.1))),
          Map.entry("clip_by_global_norm_adam", () -> Optax.chain(Optax.clipByGlobalNorm(0.5), Optax.adam(0.01))),
          Map.entry("add_decayed_weights_sgd", () -> Optax.chain(Optax.addDecayedWeights(0.3), Optax.sgd(0.1))),
          Map.entry(
              "add_decayed_weights_schedule",
              () -> Optax.chain(Optax.addDecayedWeights(Schedules.exponentialDecay(0.5, 2, 0.5)), Optax.sgd(0.1))),
          Map.entry(
              "scale_by_schedule",
              () -> Optax.chain(Optax.scaleByRms(), Optax.scaleBySchedule(Schedules.cosineDecay(-0.01, 5, 0.1, 1.0)))),
          Map.entry("trace_scale", () -> Optax.chain(Optax.trace(0.7), Optax.scaleByLearningRate(0.05))),
          Map.entry("multi_steps_3", () -> Optax.multiSteps(Optax.adam(0.05), 3)),
          Map.entry("multi_steps_2_sum", () -> Optax.multiSteps(Optax.sgd(0.1, 0.9), 2, false)),
          Map.entry(
              "masked_adam",
              () -> Optax.chain(Optax.masked(Optax.scaleByAdam(), path -> path.equals("w")), Optax.scale(-0.01))),
          Map.entry(
              "multi_transform",
              () ->
                  Optax.multiTransform(
                      Map.of("decay", Optax.adamw(0.01, 0.5), "plain", Optax.sgd(0.1)),
                      path -> path.equals("w") ? "decay" : "plain")),
          Map.entry(
              "multi_transform_frozen",
              () ->
                  Optax.multiTransform(
                      Map.of("train", Optax.adam(0.01), "frozen", Optax.setToZero()),
                      path -> path.equals("w") ? "train" : "frozen")),
          Map.entry("apply_if_finite_nan", () -> Optax.applyIfFinite(Optax.adam(0.01), 2)),
          Map.entry("apply_if_finite_gives_up", () -> Optax.applyIfFinite(Optax.sgd(0.1), 1)),
          Map.entry(
              "inject_adam_schedule",
              () -> Optax.injectHyperparams(Optax.adam(LR_SCHEDULE))),
          Map.entry(
              "inject_sgd_momentum",
              () ->
                  Optax.injectHyperparams(
                      h -> Optax.sgd(h.get("learning_rate"), 0.9), Map.of("learning_rate", 0.1))));

  static Stream<Arguments> referenceCases() {
    return REFERENCE.getAsJsonArray("cases").asList().stream()
        .map(JsonElement::getAsJsonObject)
        .map(c -> Arguments.of(c.get("optimizer").getAsString(), c));
  }

  static Stream<Arguments> moreCases() {
    return MORE.getAsJsonArray("cases").asList().stream()
        .map(JsonElement::getAsJsonObject)
        .map(c -> Arguments.of(c.get("name").getAsString(), c.get("optimizer").getAsString(), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("referenceCases")
  void reproducesOptaxJson(String optimizer, JsonObject golden) {
    Supplier<GradientTransformation> make = REFERENCE_OPTIMIZERS.get(optimizer);
    if (make == null) {
      fail("no Java spelling for " + optimizer);
    }
    Replay replay = Replay.run(make.get(), Golden.params(REFERENCE.getAsJsonObject("params0")),
        Golden.paramsList(REFERENCE.getAsJsonArray("grads")), -1, 0f);
    assertTrajectory(optimizer, golden.getAsJsonArray("params_after_each_step"), replay);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("moreCases")
  void reproducesOptaxMoreJson(String name, String optimizer, JsonObject golden) {
    Supplier<GradientTransformation> make = MORE_OPTIMIZERS.get(name);
    if (make == null) {
      fail("no Java spelling for " + name + ": " + optimizer);
    }
    List<Params> grads =
        Golden.paramsList(MORE.getAsJsonArray(golden.has("nan_grad_steps") ? "nan_grads" : "grads"));
    // inject_sgd_momentum: the learning rate in the state is lowered to 0.02 after step 3, as in the oracle.
    int editAfter = name.equals("inject_sgd_momentum") ? 2 : -1;
    Replay replay = Replay.run(make.get(), Golden.params(MORE.getAsJsonObject("params0")), grads, editAfter, 0.02f);
    assertTrajectory(name, golden.getAsJsonArray("params_after_each_step"), replay);
    if (golden.has("learning_rate_after_each_step")) {
      float[] expected = Golden.floats(golden.getAsJsonArray("learning_rate_after_each_step"));
      for (int step = 0; step < expected.length; step++) {
        float actual = replay.states().get(step).get("hyperparams.learning_rate").item();
        assertEquals(expected[step], actual, 1e-6f * Math.abs(expected[step]), name + " learning rate after step " + (step + 1));
      }
    }
    if (golden.has("notfinite_count")) {
      for (String counter : List.of("notfinite_count", "total_notfinite")) {
        JsonArray expected = golden.getAsJsonArray(counter);
        for (int step = 0; step < expected.size(); step++) {
          int actual = replay.states().get(step).get(counter).toIntArray()[0];
          assertEquals(expected.get(step).getAsInt(), actual, name + " " + counter + " after step " + (step + 1));
        }
      }
      JsonArray lastFinite = golden.getAsJsonArray("last_finite");
      for (int step = 0; step < lastFinite.size(); step++) {
        int actual = replay.states().get(step).get("last_finite").toIntArray()[0];
        assertEquals(lastFinite.get(step).getAsBoolean() ? 1 : 0, actual, name + " last_finite after step " + (step + 1));
      }
    }
  }

  @Test
  void everyJavaSpellingHasGoldenData() {
    Set<String> reference = new HashSet<>();
    referenceCases().forEach(a -> reference.add((String) a.get()[0]));
    assertEquals(REFERENCE_OPTIMIZERS.keySet(), reference);
    Set<String> more = new HashSet<>();
    moreCases().forEach(a -> more.add((String) a.get()[0]));
    assertEquals(MORE_OPTIMIZERS.keySet(), more);
  }

  private static void assertTrajectory(String name, JsonArray expectedSteps, Replay replay) {
    assertEquals(expectedSteps.size(), replay.params().size(), name + ": number of steps");
    for (int step = 0; step < expectedSteps.size(); step++) {
      Params expected = Golden.params(expectedSteps.get(step).getAsJsonObject());
      Params actual = replay.params().get(step);
      assertClose(name + " w after step " + (step + 1), expected.w(), actual.w());
      assertClose(name + " b after step " + (step + 1), expected.b(), actual.b());
    }
  }

  static void assertClose(String what, Tensor expected, Tensor actual) {
    assertNotNull(actual, what);
    assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
    float[] e = expected.toFloatArray();
    float[] a = actual.toFloatArray();
    for (int i = 0; i < e.length; i++) {
      if (Float.isNaN(e[i])) {
        assertEquals(Float.NaN, a[i], what + " [" + i + "] should be NaN");
      } else if (Math.abs(a[i] - e[i]) > RELATIVE_TOLERANCE * Math.abs(e[i])) {
        fail(what + " [" + i + "]: expected " + e[i] + ", found " + a[i] + " (relative error "
            + Math.abs(a[i] - e[i]) / Math.abs(e[i]) + ")");
      }
    }
  }

  /** The params and optimizer states after each step of a run. */
  record Replay(List<Params> params, List<OptState<Params>> states) {
    static Replay run(GradientTransformation opt, Params params, List<Params> grads, int editAfter, float newRate) {
      List<Params> trajectory = new java.util.ArrayList<>();
      List<OptState<Params>> states = new java.util.ArrayList<>();
      OptState<Params> state = opt.init(Params.TREE, params);
      for (int step = 0; step < grads.size(); step++) {
        Update<Params, Params> update = opt.update(grads.get(step), state, params);
        params = Optax.applyUpdates(Params.TREE, params, update.updates());
        state = update.state();
        trajectory.add(params);
        states.add(state);
        if (step == editAfter) {
          state = state.with("hyperparams.learning_rate", Tensor.scalar(newRate));
        }
      }
      return new Replay(trajectory, states);
    }
  }
}
