package dev.solstice.runtime.optim;

import dev.solstice.runtime.tree.FlatTree;

/**
 * An optimizer of Optax's {@code alias} module ({@link Adam}, {@link Sgd}, ...): hyper-parameters
 * that stand for a chain of transformations, which does all the work.
 */
interface Alias extends AppliesUpdates {

  /** The chain this optimizer runs, built from its hyper-parameters. */
  GradientTransformation transformation();

  /** The initial state of {@link #transformation}. */
  @Override
  default StateTree init(FlatTree params) {
    return transformation().init(params);
  }

  /** One update of {@link #transformation}. */
  @Override
  default FlatUpdate update(FlatTree updates, StateTree state, FlatTree params) {
    return transformation().update(updates, state, params);
  }

  /** One applied step of {@link #transformation}. */
  @Override
  default Applied updateAndApply(FlatTree grads, StateTree state, FlatTree params) {
    return AppliesUpdates.updateAndApply(transformation(), grads, state, params);
  }
}
