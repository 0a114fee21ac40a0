package dev.solstice.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dev.solstice.runtime.Autodiff;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.FlatTree;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A chain that folds its learning rate into Adam's pass gives what the two separate steps give,
 * bit for bit and state for state; so does an applied step (TrainState) that also adds the updates
 * to the parameters; leaves that record gradients take the tensor-op path, same numbers.
 */
class ScaleFoldingTest {
  private static final JsonObject GOLDEN = Golden.load("optax.json");
  private final Params params = Golden.params(GOLDEN.getAsJsonObject("params0"));
  private final List<Params> grads = Golden.paramsList(GOLDEN.getAsJsonArray("grads"));

  @Test
  void foldedConstantScaleMatchesTheSeparateScale() {
    GradientTransformation adam = Optax.scaleByAdam(0.9, 0.999, 1e-8, 1e-9, false);
    assertSameSteps(
        Optax.chain(adam, Optax.scale(-0.01)), Optax.chain(adam, Optax.identity(), Optax.scale(-0.01)));
  }

  @Test
  void foldedScheduleMatchesTheSeparateScheduleAndCountsSteps() {
    GradientTransformation nadam = Optax.scaleByAdam(0.85, 0.99, 1e-8, 0, true);
    Schedule lr = Schedules.exponentialDecay(0.1, 1, 0.5);
    assertSameSteps(
        Optax.chain(nadam, Optax.scaleBySchedule(lr)), Optax.chain(nadam, Optax.identity(), Optax.scaleBySchedule(lr)));
  }

  @Test
  void leavesThatRecordGradientsGetTheSameUpdate() {
    GradientTransformation adam = Optax.adam(0.01).withNesterov(true);
    FlatTree flatParams = FlatTree.of(Params.TREE, params);
    StateTree state = adam.init(flatParams);
    for (Params g : grads) {
      FlatTree flatGrads = FlatTree.of(Params.TREE, g);
      FlatUpdate plain = adam.update(flatGrads, state, flatParams);
      List<float[]> traced = new ArrayList<>();
      StateTree before = state;
      Autodiff.valueAndGrad(flatGrads.leaves(), leaves -> {
        FlatUpdate step = adam.update(flatGrads.withLeaves(leaves), before, flatParams);
        for (Tensor update : step.updates().leaves()) {
          traced.add(update.detach().toFloatArray());
        }
        return step.updates().leaves().get(0).sum();
      });
      for (int i = 0; i < traced.size(); i++) {
        assertArrayEquals(
            plain.updates().leaves().get(i).toFloatArray(), traced.get(i), 0f);
      }
      state = plain.state();
    }
  }

  @Test
  void appliedStepsEqualUpdateThenApplyUpdates() {
    List<GradientTransformation> optimizers = List.of(
        Optax.adam(0.01),
        Optax.adam(Schedules.exponentialDecay(0.1, 1, 0.5)).withNesterov(true).withEpsRoot(1e-8),
        Optax.adamw(0.01, 0.1),
        Optax.scaleByAdam(),
        Optax.chain(Optax.clipByGlobalNorm(1.0), Optax.scaleByAdam(), Optax.scale(-1e-3)),
        Optax.chain(),
        Optax.sgd(0.1, 0.9),
        Optax.multiSteps(Optax.adam(0.1), 2));
    for (GradientTransformation opt : optimizers) {
      TrainState<Params> train = TrainState.create(Params.TREE, params, opt);
      Params manual = params;
      OptState<Params> state = opt.init(Params.TREE, params);
      for (Params g : grads) {
        train = train.applyGradients(g);
        Update<Params, Params> step = opt.update(g, state, manual);
        manual = Optax.applyUpdates(Params.TREE, manual, step.updates());
        state = step.state();
        assertArrayEquals(manual.w().toFloatArray(), train.params().w().toFloatArray(), 0f, opt.toString());
        assertArrayEquals(manual.b().toFloatArray(), train.params().b().toFloatArray(), 0f, opt.toString());
        assertEquals(state.paths(), train.optState().paths());
        for (int i = 0; i < state.leaves().size(); i++) {
          assertEquals(state.leaves().get(i).toString(), train.optState().leaves().get(i).toString(), opt.toString());
        }
      }
    }
  }

  private void assertSameSteps(GradientTransformation folded, GradientTransformation separate) {
    FlatTree flatParams = FlatTree.of(Params.TREE, params);
    StateTree foldedState = folded.init(flatParams);
    StateTree separateState = separate.init(flatParams);
    for (Params g : grads) {
      FlatTree flatGrads = FlatTree.of(Params.TREE, g);
      FlatUpdate a = folded.update(flatGrads, foldedState, flatParams);
      FlatUpdate b = separate.update(flatGrads, separateState, flatParams);
      for (int i = 0; i < flatGrads.size(); i++) {
        assertArrayEquals(
            b.updates().leaves().get(i).toFloatArray(), a.updates().leaves().get(i).toFloatArray(), 0f,
            "update " + flatGrads.paths().get(i));
      }
      foldedState = a.state();
      separateState = b.state();
      assertEquals(separateState.child("0").paths(), foldedState.child("0").paths());
      for (int i = 0; i < foldedState.child("0").leaves().size(); i++) {
        assertArrayEquals(
            separateState.child("0").leaves().get(i).toFloatArray(), foldedState.child("0").leaves().get(i).toFloatArray(), 0f);
      }
      assertEquals(separateState.child("2").paths(), foldedState.child("1").paths());
      assertEquals(separateState.child("2").leaves().toString(), foldedState.child("1").leaves().toString());
    }
  }
}
