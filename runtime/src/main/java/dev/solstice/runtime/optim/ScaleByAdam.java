package dev.solstice.runtime.optim;

import dev.solstice.runtime.FusedAdam;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.FlatTree;
import dev.solstice.runtime.tree.Trees;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam's rescaling ({@code optax.scale_by_adam}): {@code m̂ / (sqrt(v̂ + epsRoot) + eps)} with
 * bias-corrected moments {@code m̂ = mu / (1 - b1^t)}, {@code v̂ = nu / (1 - b2^t)}. With {@code
 * nesterov}, Optax's NAdam form {@code m̂ = b1 * mu / (1 - b1^(t+1)) + (1 - b1) * g / (1 - b1^t)}.
 * State: {@code count}, {@code mu}, {@code nu}.
 *
 * <p>Each leaf is one pass of {@link FusedAdam}, with the learning rate folded in when a chain
 * asks ({@link ScaleFolding}) and the parameter added when a {@link TrainState} step does ({@link
 * AppliesUpdates}); leaves that record gradients or are batched take the same formula as tensor
 * ops.
 */
record ScaleByAdam(double b1, double b2, double eps, double epsRoot, boolean nesterov) implements ScaleFolding {

  @Override
  public StateTree init(FlatTree params) {
    StateTree zeros = StateTree.of(params.withLeaves(Trees.zerosLike(params.leaves())));
    return StateTree.EMPTY.with("count", Counter.of(0)).with("mu", zeros).with("nu", zeros);
  }

  @Override
  public FlatUpdate updateScaled(
      FlatTree updates, StateTree state, FlatTree params, float factor, boolean addToParams) {
    List<Tensor> g = updates.leaves();
    List<Tensor> mu = state.child("mu").leaves();
    List<Tensor> nu = state.child("nu").leaves();
    if (mu.size() != g.size() || nu.size() != g.size()) {
      throw new IllegalArgumentException(
          "Adam's state has " + mu.size() + " first and " + nu.size() + " second moments for " + g.size()
              + " updates " + updates.paths() + "; pass the state this optimizer's init or update returned");
    }
    if (addToParams && (params == null || params.size() != g.size())) {
      throw new IllegalArgumentException(
          "adding Adam's updates to the parameters needs one parameter per update " + updates.paths() + ", found "
              + (params == null ? "none" : params.paths()));
    }
    int count = Counter.increment(Counter.read(state, "count"));
    FusedAdam loop =
        new FusedAdam((float) b1, (float) (1 - b1), (float) b2, (float) (1 - b2), (float) epsRoot, (float) eps);
    float muCorrection = Moments.biasCorrection(b1, count);
    float nextMuCorrection = Moments.biasCorrection(b1, Counter.increment(count));
    float nuCorrection = Moments.biasCorrection(b2, count);
    List<Tensor> newMu = new ArrayList<>(g.size());
    List<Tensor> newNu = new ArrayList<>(g.size());
    List<Tensor> out = new ArrayList<>(g.size());
    for (int i = 0; i < g.size(); i++) {
      Tensor p = addToParams ? params.leaves().get(i) : null;
      FusedAdam.Step step;
      if (!FusedAdam.accepts(g.get(i), mu.get(i), nu.get(i), p)) {
        step = tensorOps(loop, g.get(i), mu.get(i), nu.get(i), muCorrection, nextMuCorrection, nuCorrection, factor, p);
      } else if (nesterov) {
        step = loop.nesterovStep(
            g.get(i), mu.get(i), nu.get(i), muCorrection, nextMuCorrection, nuCorrection, factor, p);
      } else {
        step = loop.step(g.get(i), mu.get(i), nu.get(i), muCorrection, nuCorrection, factor, p);
      }
      newMu.add(step.mu());
      newNu.add(step.nu());
      out.add(step.update());
    }
    StateTree next =
        StateTree.EMPTY
            .with("count", Counter.of(count))
            .with("mu", StateTree.of(updates.withLeaves(newMu)))
            .with("nu", StateTree.of(updates.withLeaves(newNu)));
    return new FlatUpdate(addToParams ? params.withLeaves(out) : updates.withLeaves(out), next);
  }

  /**
   * The fused loop's arithmetic as tensor ops, for leaves it does not take (they record gradients,
   * or are batched).
   */
  private FusedAdam.Step tensorOps(
      FusedAdam c, Tensor g, Tensor mu, Tensor nu, float muCorrection, float nextMuCorrection, float nuCorrection,
      float factor, Tensor addTo) {
    Tensor newMu = g.mul(c.oneMinusB1()).add(mu.mul(c.b1()));
    Tensor newNu = g.square().mul(c.oneMinusB2()).add(nu.mul(c.b2()));
    Tensor muHat = nesterov
        ? newMu.div(nextMuCorrection).mul(c.b1()).add(g.div(muCorrection).mul(c.oneMinusB1()))
        : newMu.div(muCorrection);
    Tensor update = muHat.div(newNu.div(nuCorrection).add(c.epsRoot()).sqrt().add(c.eps()));
    Tensor scaled = factor == 1f ? update : update.mul(factor);
    return new FusedAdam.Step(newMu, newNu, addTo == null ? scaled : addTo.add(scaled));
  }
}
