package dev.solstice.runtime.optim;

import dev.solstice.runtime.tree.FlatTree;

/**
 * A transformation that can add its updates to the parameters in the pass that computes them, as
 * a jitted Optax step fuses {@code optax.apply_updates} into the optimizer's arithmetic. {@link
 * TrainState} takes its steps through {@link #updateAndApply(GradientTransformation, FlatTree,
 * StateTree, FlatTree)}; the numbers are those of {@code update} followed by {@link
 * Optax#applyUpdates(FlatTree, FlatTree)}, bit for bit.
 */
interface AppliesUpdates extends GradientTransformation {

  /**
   * The parameters after one step and the new state.
   *
   * @param params {@code params + updates}, the paths of the parameters
   * @param state the new state, as {@code update} returns it
   */
  record Applied(FlatTree params, StateTree state) {}

  /** {@code params + update(grads, state, params).updates()}, and the new state. */
  Applied updateAndApply(FlatTree grads, StateTree state, FlatTree params);

  /** One step of {@code tx} applied to {@code params}: fused where {@code tx} can, else update then add. */
  static Applied updateAndApply(GradientTransformation tx, FlatTree grads, StateTree state, FlatTree params) {
    if (tx instanceof AppliesUpdates) {
      return ((AppliesUpdates) tx).updateAndApply(grads, state, params);
    }
    FlatUpdate step = tx.update(grads, state, params);
    return new Applied(Optax.applyUpdates(params, step.updates()), step.state());
  }
}
