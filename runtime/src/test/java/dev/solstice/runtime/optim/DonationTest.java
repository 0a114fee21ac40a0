package dev.solstice.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.runtime.Autodiff;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.ValueAndGrad;
import dev.solstice.runtime.random.Key;
import dev.solstice.runtime.tree.FlatTree;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link TrainState#applyGradientsDonating}: the same steps as {@link TrainState#applyGradients},
 * bit for bit, while the states it gives up refuse reads.
 */
class DonationTest {
  /** Leaves large enough for the runtime to reuse their memory (small ones are never donated). */
  private static final int ROWS = 64;
  private static final int COLS = 100;

  private static Params params(int seed) {
    Key[] keys = Key.of(seed).split(2);
    return new Params(keys[0].normal(ROWS, COLS), keys[1].normal(COLS * 50));
  }

  @Test
  void donatingStepsEqualOrdinarySteps() {
    for (GradientTransformation opt : List.of(Optax.adam(0.01), Optax.adam(0.01).withNesterov(true), Optax.adamw(0.01, 0.1))) {
      TrainState<Params> plain = TrainState.create(Params.TREE, params(0), opt);
      TrainState<Params> donating = TrainState.create(Params.TREE, params(0), opt);
      for (int step = 1; step <= 4; step++) {
        Params grads = params(step);
        plain = plain.applyGradients(grads);
        donating = donating.applyGradientsDonating(grads);
        assertArrayEquals(plain.params().w().toFloatArray(), donating.params().w().toFloatArray(), 0f);
        assertArrayEquals(plain.params().b().toFloatArray(), donating.params().b().toFloatArray(), 0f);
        for (int i = 0; i < plain.optState().leaves().size(); i++) {
          assertArrayEquals(
              plain.optState().leaves().get(i).toFloatArray(), donating.optState().leaves().get(i).toFloatArray(), 0f);
        }
      }
    }
  }

  @Test
  void aStateGivenUpRefusesReadsAndSaysWhy() {
    TrainState<Params> train = TrainState.create(Params.TREE, params(0), Optax.adam(0.01));
    train = train.applyGradientsDonating(params(1));
    TrainState<Params> givenUp = train;
    Tensor view = givenUp.params().w().reshape(-1);
    float[] kept = givenUp.params().w().copy().toFloatArray();
    train = train.applyGradientsDonating(params(2));

    List<Tensor> released = new ArrayList<>(givenUp.optState().leaves().subList(1, 3));
    released.add(givenUp.params().w());
    released.add(view);
    for (int i = 0; i < released.size(); i++) {
      IllegalStateException e = assertThrows(IllegalStateException.class, released.get(i)::toFloatArray,
          i + " of " + givenUp.optState().paths());
      assertTrue(e.getMessage().contains("applyGradientsDonating"), e.getMessage());
    }
    assertThrows(IllegalStateException.class, () -> TrainState.create(Params.TREE, params(0), Optax.adam(0.01))
        .applyGradients(new Params(givenUp.params().w(), params(3).b())));
    assertEquals(ROWS * COLS, kept.length);
    assertEquals(ROWS * COLS, train.params().w().toFloatArray().length);
  }

  @Test
  void ordinaryStepsNeverReuseAState() {
    TrainState<Params> train = TrainState.create(Params.TREE, params(0), Optax.adam(0.01));
    train = train.applyGradientsDonating(params(1));
    TrainState<Params> before = train;
    float[] expected = before.params().w().toFloatArray();
    train.applyGradients(params(2));
    assertArrayEquals(expected, before.params().w().toFloatArray(), 0f);
  }

  @Test
  void theFirstDonatingStepLeavesTheInitialState() {
    Params initial = params(0);
    float[] expected = initial.w().toFloatArray();
    TrainState<Params> train = TrainState.create(Params.TREE, initial, Optax.adam(0.01));
    train.applyGradientsDonating(params(1)).applyGradientsDonating(params(2));
    assertArrayEquals(expected, initial.w().toFloatArray(), 0f);
  }

  /** Gradients as a training loop gets them: from a valueAndGrad pass over {@code params}. */
  private static Params gradients(Params params, Tensor x) {
    ValueAndGrad<List<Tensor>> vg = Autodiff.valueAndGrad(List.of(params.w(), params.b()),
        in -> in.get(0).mul(x).tanh().sum().add(in.get(1).square().mean()));
    return new Params(vg.grad().get(0), vg.grad().get(1));
  }

  @Test
  void gradientsFromAPassGoToTheNextPassesAndRefuseReads() {
    Tensor x = params(9).w();
    TrainState<Params> plain = TrainState.create(Params.TREE, params(0), Optax.adam(0.01));
    TrainState<Params> donating = TrainState.create(Params.TREE, params(0), Optax.adam(0.01));
    for (int step = 1; step <= 3; step++) {
      plain = plain.applyGradients(gradients(plain.params(), x));
      Params grads = gradients(donating.params(), x);
      Tensor view = grads.w().reshape(-1);
      donating = donating.applyGradientsDonating(grads);
      assertArrayEquals(plain.params().w().toFloatArray(), donating.params().w().toFloatArray(), 0f);
      assertArrayEquals(plain.params().b().toFloatArray(), donating.params().b().toFloatArray(), 0f);
      for (Tensor givenUp : List.of(grads.w(), grads.b(), view)) {
        IllegalStateException e = assertThrows(IllegalStateException.class, givenUp::toFloatArray);
        assertTrue(e.getMessage().contains("gradient given to applyGradientsDonating"), e.getMessage());
      }
    }
  }

  @Test
  void aGradientTheNewStateHoldsIsNotGivenUp() {
    // An optimizer that keeps the last gradients as they are, in its state.
    GradientTransformation keepsGradients = new GradientTransformation() {
      @Override
      public StateTree init(FlatTree params) {
        return StateTree.of(params);
      }

      @Override
      public FlatUpdate update(FlatTree updates, StateTree state, FlatTree params) {
        return new FlatUpdate(updates, StateTree.of(updates));
      }
    };
    TrainState<Params> train = TrainState.create(Params.TREE, params(0), keepsGradients);
    Params grads = gradients(train.params(), params(9).w());
    float[] expected = grads.w().copy().toFloatArray();
    train = train.applyGradientsDonating(grads);
    assertArrayEquals(expected, grads.w().toFloatArray(), 0f);
    assertArrayEquals(expected, train.optState().leaves().get(0).toFloatArray(), 0f);
  }
}
