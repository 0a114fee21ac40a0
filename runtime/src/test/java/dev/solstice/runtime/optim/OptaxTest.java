package dev.solstice.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.solstice.runtime.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API around the arithmetic: state layout, masks, errors, injected values, TrainState. */
class OptaxTest {
  private static final JsonObject GOLDEN = Golden.load("optax.json");
  private final Params params = Golden.params(GOLDEN.getAsJsonObject("params0"));
  private final List<Params> grads = Golden.paramsList(GOLDEN.getAsJsonArray("grads"));

  @Test
  void stateIsNamedAsOptaxNamesIt() {
    assertEquals(
        List.of("0.count", "0.mu.w", "0.mu.b", "0.nu.w", "0.nu.b"), Optax.adam(0.1).init(Params.TREE, params).paths());
    assertEquals(
        List.of("0.count", "0.mu.w", "0.mu.b", "0.nu.w", "0.nu.b", "1.count"),
        Optax.adam(Schedules.cosineDecay(0.1, 10)).init(Params.TREE, params).paths());
    assertEquals(List.of("0.trace.w", "0.trace.b"), Optax.sgd(0.1, 0.9).init(Params.TREE, params).paths());
    assertEquals(
        List.of(
            "mini_step", "gradient_step", "inner_opt_state.0.count", "inner_opt_state.0.mu.w", "inner_opt_state.0.mu.b",
            "inner_opt_state.0.nu.w", "inner_opt_state.0.nu.b", "acc_grads.w", "acc_grads.b"),
        Optax.multiSteps(Optax.adam(0.1), 4).init(Params.TREE, params).paths());
  }

  @Test
  void maskedStateCoversTheSelectedLeavesOnly() {
    GradientTransformation byRank = Optax.masked(Optax.scaleByAdam(), (path, leaf) -> leaf.rank() > 1);
    assertEquals(
        List.of("inner_state.count", "inner_state.mu.w", "inner_state.nu.w"), byRank.init(Params.TREE, params).paths());
    Update<Params, Params> step = byRank.update(grads.get(0), byRank.init(Params.TREE, params), params);
    assertTrue(step.updates().b() == grads.get(0).b(), "unselected leaves pass through untouched");
    assertEquals(
        List.of("inner_states.decay.inner_state.0.count", "inner_states.decay.inner_state.0.mu.w",
            "inner_states.decay.inner_state.0.nu.w", "inner_states.plain.inner_state.0.trace.b"),
        Optax.multiTransform(
                Map.of("plain", Optax.sgd(0.1, 0.9), "decay", Optax.adam(0.1)),
                path -> path.equals("w") ? "decay" : "plain")
            .init(Params.TREE, params)
            .paths());
  }

  @Test
  void updateIsPureAndLeavesTheOldStateAlone() {
    GradientTransformation opt = Optax.adam(0.01);
    OptState<Params> state = opt.init(Params.TREE, params);
    Update<Params, Params> first = opt.update(grads.get(0), state, params);
    Update<Params, Params> again = opt.update(grads.get(0), state, params);
    assertArrayEquals(first.updates().w().toFloatArray(), again.updates().w().toFloatArray());
    assertEquals(0, state.get("0.count").toIntArray()[0]);
    assertEquals(1, first.state().get("0.count").toIntArray()[0]);
    assertArrayEquals(new float[6], state.get("0.mu.w").toFloatArray());
  }

  @Test
  void trainStateCarriesParamsAndStateTogether() {
    GradientTransformation opt = Optax.adam(0.01);
    TrainState<Params> train = TrainState.create(Params.TREE, params, opt);
    Params manual = params;
    OptState<Params> state = opt.init(Params.TREE, params);
    for (Params g : grads) {
      train = train.applyGradients(g);
      Update<Params, Params> step = opt.update(g, state, manual);
      manual = Optax.applyUpdates(Params.TREE, manual, step.updates());
      state = step.state();
    }
    assertEquals(6, train.step());
    assertEquals(6, train.optState().get("0.count").toIntArray()[0]);
    assertArrayEquals(manual.w().toFloatArray(), train.params().w().toFloatArray());
    assertArrayEquals(manual.b().toFloatArray(), train.params().b().toFloatArray());
  }

  @Test
  void injectedNumbersCanBeChangedScheduledOnesCannot() {
    GradientTransformation fixed = Optax.injectHyperparams(Optax.sgd(0.1));
    OptState<Params> state = fixed.init(Params.TREE, params);
    assertEquals(List.of("count", "hyperparams.learning_rate", "hyperparams.momentum"), state.paths());
    Update<Params, Params> frozen =
        fixed.update(grads.get(0), state.with("hyperparams.learning_rate", Tensor.scalar(0f)), params);
    assertArrayEquals(new float[6], frozen.updates().w().abs().toFloatArray());

    GradientTransformation scheduled = Optax.injectHyperparams(Optax.sgd(Schedules.linear(0.1, 0.0, 2)));
    OptState<Params> start = scheduled.init(Params.TREE, params).with("hyperparams.learning_rate", Tensor.scalar(0f));
    Update<Params, Params> step = scheduled.update(grads.get(0), start, params);
    assertEquals(0.1f, step.state().get("hyperparams.learning_rate").item());
    assertArrayEquals(
        grads.get(0).w().mul(-0.1f).toFloatArray(), step.updates().w().toFloatArray(), "the schedule wins");
  }

  @Test
  void injectedAdamKeepsEveryNumberInSnakeCase() {
    OptState<Params> state = Optax.injectHyperparams(Optax.adamw(1e-3, 0.05)).init(Params.TREE, params);
    for (String name : List.of("learning_rate", "b1", "b2", "eps", "eps_root", "weight_decay")) {
      assertTrue(state.paths().contains("hyperparams." + name), name + " in " + state.paths());
    }
    assertEquals(0.05f, state.get("hyperparams.weight_decay").item());
  }

  @Test
  void mistakesAreReportedWithWhatWasExpected() {
    GradientTransformation adam = Optax.adam(0.01);
    OptState<Params> sgdState = Optax.sgd(0.1, 0.9).init(Params.TREE, params);
    IllegalArgumentException parts =
        assertThrows(IllegalArgumentException.class, () -> Optax.chain(adam, Optax.identity()).update(grads.get(0), sgdState, params));
    assertTrue(parts.getMessage().contains("2 parts, found 1"), parts.getMessage());
    IllegalStateException foreign =
        assertThrows(IllegalStateException.class, () -> adam.update(grads.get(0), sgdState, params));
    assertTrue(foreign.getMessage().contains("'mu'") && foreign.getMessage().contains("trace"), foreign.getMessage());

    IllegalArgumentException noParams =
        assertThrows(
            IllegalArgumentException.class,
            () -> Optax.adamw(0.1).update(grads.get(0), Optax.adamw(0.1).init(Params.TREE, params), null));
    assertTrue(noParams.getMessage().contains("needs the parameters"), noParams.getMessage());

    IllegalArgumentException label =
        assertThrows(
            IllegalArgumentException.class,
            () -> Optax.multiTransform(Map.of("a", Optax.sgd(0.1)), path -> path).init(Params.TREE, params));
    assertTrue(label.getMessage().contains("w -> w") && label.getMessage().contains("[a]"), label.getMessage());

    Params transposed = new Params(grads.get(0).w().transpose(), grads.get(0).b());
    IllegalArgumentException shape =
        assertThrows(
            IllegalArgumentException.class,
            () -> adam.update(transposed, adam.init(Params.TREE, params), params));
    assertTrue(shape.getMessage().contains("[2, 3]") && shape.getMessage().contains("[3, 2]"), shape.getMessage());

    assertThrows(IllegalArgumentException.class, () -> Optax.multiSteps(adam, 0));
    assertThrows(
        IllegalArgumentException.class, () -> Optax.injectHyperparams(h -> adam, Map.of("learning_rate", "fast")));
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Optax.injectHyperparams(h -> Optax.sgd(h.get("lr")), Map.of("learning_rate", 0.1))
                    .init(Params.TREE, params));
    assertTrue(unknown.getMessage().contains("'lr'") && unknown.getMessage().contains("learning_rate"), unknown.getMessage());
  }

  @Test
  void snakeCaseFollowsOptaxNames() {
    assertEquals("learning_rate", InjectHyperparams.snakeCase("learningRate"));
    assertEquals("initial_accumulator_value", InjectHyperparams.snakeCase("initialAccumulatorValue"));
    assertEquals("b1", InjectHyperparams.snakeCase("b1"));
  }
}
