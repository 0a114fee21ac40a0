package dev.solstice.runtime.optim;

import dev.solstice.runtime.tree.FlatTree;
import dev.solstice.runtime.tree.Pytree;
import dev.solstice.runtime.tree.TreeDef;

/**
 * Optax's {@code GradientTransformation}: a pure pair of functions, {@code init} (the state for
 * some parameters) and {@code update} (gradients and state in, updates and new state out).
 * Transformations compose with {@link Optax#chain}; optimizers such as {@link Optax#adam} are
 * chains.
 *
 * <p>Implementations work on flat trees (leaves with their paths, so masks can select by name)
 * and never mutate: the state that {@code update} returns is a new value, and the caller carries
 * it to the next step. The typed methods do the flattening for generated model types:
 *
 * <pre>{@code
 * GradientTransformation opt = Optax.adam(1e-3);
 * OptState<Mlp> state = opt.init(MlpTree.INSTANCE, model);
 * for (...) {
 *   ValueAndGrad<MlpGrad> vg = MlpTree.valueAndGrad(model, m -> loss(m, x, y));
 *   Update<MlpGrad, Mlp> step = opt.update(vg.grad(), state, model);
 *   model = MlpTree.applyUpdates(model, step.updates());
 *   state = step.state();
 * }
 * }</pre>
 *
 * {@link TrainState} carries model and state together, for loops that should not have to.
 */
public interface GradientTransformation {

  /** The initial state for parameters {@code params}. */
  StateTree init(FlatTree params);

  /**
   * Transforms {@code updates} (gradients, or the previous transformation's output) given the
   * state from {@link #init} or the last update, and the current parameters ({@code null} if this
   * transformation does not need them). Returns the updates, same paths, and the new state.
   */
  FlatUpdate update(FlatTree updates, StateTree state, FlatTree params);

  /** The initial state for {@code params}, flattened by {@code paramsDef} (e.g. {@code MlpTree.INSTANCE}). */
  default <P> OptState<P> init(TreeDef<P> paramsDef, P params) {
    return new OptState<>(paramsDef, init(FlatTree.of(paramsDef, params)));
  }

  /**
   * One step: the updates for {@code grads} (add them with {@code FooTree.applyUpdates} or {@link
   * Optax#applyUpdates}) and the new state, which the next step must be given.
   *
   * @param grads the gradients, e.g. {@code valueAndGrad(...).grad()}
   * @param state the state returned by {@code init} or by the previous update
   * @param params the current parameters ({@code null} only if no part of this transformation reads them)
   */
  default <G extends Pytree<G>, P> Update<G, P> update(G grads, OptState<P> state, P params) {
    TreeDef<G> gradsDef = grads.treeDef();
    FlatTree flatGrads = FlatTree.of(gradsDef, grads);
    FlatTree flatParams = null;
    if (params != null) {
      flatParams = FlatTree.of(state.paramsDef(), params);
      ParamShapes.checkGradients(flatGrads, flatParams);
    }
    FlatUpdate step = update(flatGrads, state.tree(), flatParams);
    G updates = gradsDef.rebuild(grads, step.updates().leaves());
    return new Update<>(updates, new OptState<>(state.paramsDef(), step.state()));
  }
}
