package dev.solstice.runtime.optim;

import dev.solstice.runtime.tree.FlatTree;
import dev.solstice.runtime.tree.Trees;

/**
 * Decoupled weight decay ({@code optax.add_decayed_weights}): {@code update + weightDecay *
 * param}. A scheduled weight decay keeps a {@code count}; a constant one no state, and a constant
 * 0 leaves updates alone. Use {@link Optax#addDecayedWeights(double, LeafMask)} to exempt leaves.
 */
record AddDecayedWeights(Schedule weightDecay) implements GradientTransformation {

  @Override
  public StateTree init(FlatTree params) {
    return isConstant() ? StateTree.EMPTY : StateTree.EMPTY.with("count", Counter.of(0));
  }

  @Override
  public FlatUpdate update(FlatTree updates, StateTree state, FlatTree params) {
    if (params == null) {
      throw new IllegalArgumentException(
          "add_decayed_weights needs the parameters: call update(grads, state, params) with the current params");
    }
    StateTree next = state;
    float rate;
    if (isConstant()) {
      rate = weightDecay.at(0);
      if (rate == 0f) {
        return new FlatUpdate(updates, state);
      }
    } else {
      int count = Counter.read(state, "count");
      rate = weightDecay.at(count);
      next = state.with("count", Counter.of(Counter.increment(count)));
    }
    FlatTree decayed = updates.withLeaves(Trees.zip(updates.leaves(), params.leaves(), (u, p) -> u.add(p.mul(rate))));
    return new FlatUpdate(decayed, next);
  }

  private boolean isConstant() {
    return weightDecay instanceof Schedules.Constant;
  }
}
