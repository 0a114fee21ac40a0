package dev.solstice.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dev.solstice.runtime.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Training resumes exactly from saved state: 3 steps, the state's leaves copied out under their
 * paths (as a checkpoint would hold them), a fresh optimizer and a fresh {@code init} state
 * refilled from them, 3 more steps; the result equals 6 steps without interruption, bit for bit.
 */
class SaveRestoreTest {
  private static final JsonObject GOLDEN = Golden.load("optax.json");

  static Stream<Arguments> optimizers() {
    Map<String, Supplier<GradientTransformation>> cases = new LinkedHashMap<>();
    cases.put("adam", () -> Optax.adam(0.01));
    cases.put("sgd nesterov, scheduled", () -> Optax.sgd(Schedules.exponentialDecay(0.1, 1, 0.8), 0.9).withNesterov(true));
    cases.put("adamw masked, scheduled", () -> Optax.adamw(Schedules.warmupCosineDecay(0, 0.05, 2, 6)).withMask(p -> p.equals("w")));
    cases.put("rmsprop centered momentum", () -> Optax.rmsprop(0.01).withCentered(true).withMomentum(0.9));
    cases.put("multiSteps(adam, 2)", () -> Optax.multiSteps(Optax.adam(0.05), 2));
    cases.put("inject(lion)", () -> Optax.injectHyperparams(Optax.lion(Schedules.cosineDecay(0.01, 5))));
    cases.put(
        "multiTransform + applyIfFinite",
        () ->
            Optax.applyIfFinite(
                Optax.multiTransform(
                    Map.of("a", Optax.adagrad(0.1), "b", Optax.chain(Optax.clip(0.5), Optax.sgd(0.1, 0.5))),
                    path -> path.equals("w") ? "a" : "b"),
                3));
    return cases.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void resumesExactly(String name, Supplier<GradientTransformation> make) {
    Params params0 = Golden.params(GOLDEN.getAsJsonObject("params0"));
    List<Params> grads = Golden.paramsList(GOLDEN.getAsJsonArray("grads"));

    GradientTransformation straight = make.get();
    Params expected = params0;
    OptState<Params> state = straight.init(Params.TREE, expected);
    for (Params g : grads) {
      Update<Params, Params> step = straight.update(g, state, expected);
      expected = Optax.applyUpdates(Params.TREE, expected, step.updates());
      state = step.state();
    }

    GradientTransformation first = make.get();
    Params params = params0;
    OptState<Params> firstState = first.init(Params.TREE, params);
    for (Params g : grads.subList(0, 3)) {
      Update<Params, Params> step = first.update(g, firstState, params);
      params = Optax.applyUpdates(Params.TREE, params, step.updates());
      firstState = step.state();
    }
    Map<String, Tensor> saved = new LinkedHashMap<>();
    for (int i = 0; i < firstState.paths().size(); i++) {
      Tensor leaf = firstState.leaves().get(i);
      saved.put(firstState.paths().get(i), copy(leaf));
    }

    GradientTransformation second = make.get();
    OptState<Params> resumed = second.init(Params.TREE, params).withLeaves(saved);
    assertEquals(firstState.paths(), resumed.paths());
    for (Params g : grads.subList(3, 6)) {
      Update<Params, Params> step = second.update(g, resumed, params);
      params = Optax.applyUpdates(Params.TREE, params, step.updates());
      resumed = step.state();
    }

    assertArrayEquals(expected.w().toFloatArray(), params.w().toFloatArray(), name + ": w");
    assertArrayEquals(expected.b().toFloatArray(), params.b().toFloatArray(), name + ": b");
    List<Tensor> expectedLeaves = state.leaves();
    List<Tensor> resumedLeaves = resumed.leaves();
    for (int i = 0; i < expectedLeaves.size(); i++) {
      assertArrayEquals(
          expectedLeaves.get(i).toFloatArray(), resumedLeaves.get(i).toFloatArray(), name + ": " + state.paths().get(i));
    }
  }

  /** A tensor with the same dtype, shape and values that shares nothing with {@code t}. */
  private static Tensor copy(Tensor t) {
    switch (t.dtype()) {
      case FLOAT32:
        return Tensor.of(t.toFloatArray(), t.shape());
      case INT32:
        return Tensor.ofInts(t.toIntArray(), t.shape());
      default:
        int[] bits = t.toIntArray();
        boolean[] flags = new boolean[bits.length];
        for (int i = 0; i < bits.length; i++) {
          flags[i] = bits[i] != 0;
        }
        return Tensor.ofBools(flags, t.shape());
    }
  }
}
