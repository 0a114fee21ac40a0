package dev.solstice.runtime.optim;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.FlatTree;
import dev.solstice.runtime.tree.Trees;
import java.util.List;

/**
 * Gradient accumulation ({@code optax.MultiSteps}): gathers {@code everyK} mini-steps of
 * gradients (their running mean, or their sum without {@code useGradMean}), and every {@code
 * everyK}-th mini-step feeds them to {@code inner} and returns its updates; the other mini-steps
 * return zeros and leave {@code inner}'s state alone. State: {@code mini_step}, {@code
 * gradient_step} (inner steps taken), {@code inner_opt_state}, {@code acc_grads}.
 */
record MultiSteps(GradientTransformation inner, int everyK, boolean useGradMean) implements GradientTransformation {

  MultiSteps {
    if (everyK < 1) {
      throw new IllegalArgumentException("multiSteps needs everyK >= 1, found " + everyK);
    }
  }

  @Override
  public StateTree init(FlatTree params) {
    return StateTree.EMPTY
        .with("mini_step", Counter.of(0))
        .with("gradient_step", Counter.of(0))
        .with("inner_opt_state", inner.init(params))
        .with("acc_grads", StateTree.of(params.withLeaves(Trees.zerosLike(params.leaves()))));
  }

  @Override
  public FlatUpdate update(FlatTree updates, StateTree state, FlatTree params) {
    int miniStep = Counter.read(state, "mini_step");
    int gradientStep = Counter.read(state, "gradient_step");
    List<Tensor> previous = state.child("acc_grads").leaves();
    float count = (float) (miniStep + 1);
    List<Tensor> accumulated =
        useGradMean
            ? Trees.zip(updates.leaves(), previous, (g, acc) -> acc.add(g.sub(acc).div(count)))
            : Trees.zip(updates.leaves(), previous, Tensor::add);
    FlatUpdate step = inner.update(updates.withLeaves(accumulated), state.child("inner_opt_state"), params);
    boolean emit = miniStep == everyK - 1;
    // Optax multiplies by 0 or 1 rather than selecting, so a NaN in the accumulator shows in the output.
    float keep = emit ? 1f : 0f;
    StateTree next =
        StateTree.EMPTY
            .with("mini_step", Counter.of(Counter.increment(miniStep) % everyK))
            .with("gradient_step", Counter.of(emit ? Counter.increment(gradientStep) : gradientStep))
            .with("inner_opt_state", emit ? step.state() : state.child("inner_opt_state"))
            .with("acc_grads", StateTree.of(updates.withLeaves(Trees.map(accumulated, acc -> acc.mul(1f - keep)))));
    FlatTree out = step.updates().withLeaves(Trees.map(step.updates().leaves(), u -> u.mul(keep)));
    return new FlatUpdate(out, next);
  }
}
