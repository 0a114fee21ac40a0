package dev.solstice.runtime.optim;

import dev.solstice.runtime.tree.Pytree;
import dev.solstice.runtime.tree.TreeDef;

/**
 * Parameters and optimizer state moved together (Flax's {@code TrainState}), so a training loop
 * cannot forget to carry the state: {@code train = train.applyGradients(grads)}.
 *
 * <pre>{@code
 * TrainState<Mlp> train = TrainState.create(MlpTree.INSTANCE, model, Optax.adam(1e-3));
 * for (...) {
 *   train = train.applyGradients(MlpTree.valueAndGrad(train.params(), m -> loss(m, x, y)).grad());
 * }
 * }</pre>
 *
 * @param params the current parameters
 * @param optState the optimizer state for them
 * @param tx the optimizer
 * @param step the number of gradients applied so far
 */
public record TrainState<P>(P params, OptState<P> optState, GradientTransformation tx, int step) {

  /** Step 0: {@code params} and {@code tx}'s initial state for them. */
  public static <P> TrainState<P> create(TreeDef<P> paramsDef, P params, GradientTransformation tx) {
    return new TrainState<>(params, tx.init(paramsDef, params), tx, 0);
  }

  /** One optimizer step with {@code grads}: new parameters, new state, step + 1. */
  public <G extends Pytree<G>> TrainState<P> applyGradients(G grads) {
    Update<G, P> update = tx.update(grads, optState, params);
    P next = Optax.applyUpdates(optState.paramsDef(), params, update.updates());
    return new TrainState<>(next, update.state(), tx, step + 1);
  }
}
