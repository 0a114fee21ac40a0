package dev.solstice.runtime.optim;

import dev.solstice.runtime.Donation;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.FlatTree;
import dev.solstice.runtime.tree.Pytree;
import dev.solstice.runtime.tree.TreeDef;
import java.util.ArrayList;
import java.util.List;

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

  /**
   * One optimizer step with {@code grads}: new parameters, new state, step + 1. The parameters are
   * those of {@code tx.update} followed by {@link Optax#applyUpdates}, bit for bit; optimizers that
   * can (Adam's family) add each update to its parameter in the pass that computes it, as a jitted
   * JAX step would.
   */
  public <G extends Pytree<G>> TrainState<P> applyGradients(G grads) {
    TreeDef<P> paramsDef = optState.paramsDef();
    FlatTree flatGrads = FlatTree.of(grads.treeDef(), grads);
    FlatTree flatParams = FlatTree.of(paramsDef, params);
    ParamShapes.checkGradients(flatGrads, flatParams);
    AppliesUpdates.Applied applied = AppliesUpdates.updateAndApply(tx, flatGrads, optState.tree(), flatParams);
    P next = paramsDef.rebuild(params, applied.params().leaves());
    return new TrainState<>(next, new OptState<>(paramsDef, applied.state()), tx, step + 1);
  }

  /**
   * {@link #applyGradients}, letting the new state reuse this one's memory, as JAX's {@code
   * donate_argnums} (Equinox's {@code filter_jit(donate="all")}): optimizers that can (Adam's
   * family, when the Vector API module is present) then write the new parameters and moments into
   * the arrays of the old ones instead of allocating fresh arrays every step. The results are the
   * same, bit for bit. This state and {@code grads} are given up: afterwards its parameters and
   * optimizer state refuse reads, and so do gradients that a {@code valueAndGrad} pass returned,
   * whose memory goes to the next passes (as in a jitted JAX step, where gradients never outlive
   * the step); so {@code copy()} anything to keep before the step.
   */
  public <G extends Pytree<G>> TrainState<P> applyGradientsDonating(G grads) {
    TrainState<P> next = Donation.run(() -> applyGradients(grads));
    List<Tensor> kept = new ArrayList<>(FlatTree.of(optState.paramsDef(), next.params).leaves());
    kept.addAll(next.optState.leaves());
    Donation.giveUpGradients(FlatTree.of(grads.treeDef(), grads).leaves(), kept);
    return next;
  }
}
