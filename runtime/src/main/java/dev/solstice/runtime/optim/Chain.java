package dev.solstice.runtime.optim;

import dev.solstice.runtime.tree.FlatTree;
import java.util.List;

/**
 * Applies transformations one after the other, each to the previous one's output ({@code
 * optax.chain}). Its state holds each part's state under the part's position: {@code "0"},
 * {@code "1"}, ...
 *
 * <p>A part that can scale its own output ({@link ScaleFolding}) directly followed by a {@link
 * UniformScale} runs as one step, with the same result and states as the two steps. An applied
 * step ({@link AppliesUpdates}) lets the last of them add the updates to the parameters.
 */
record Chain(List<GradientTransformation> parts) implements AppliesUpdates {
  Chain {
    parts = List.copyOf(parts);
  }

  @Override
  public StateTree init(FlatTree params) {
    StateTree state = StateTree.EMPTY;
    for (int i = 0; i < parts.size(); i++) {
      state = state.with(Integer.toString(i), parts.get(i).init(params));
    }
    return state;
  }

  @Override
  public FlatUpdate update(FlatTree updates, StateTree state, FlatTree params) {
    return run(updates, state, params, false);
  }

  @Override
  public Applied updateAndApply(FlatTree grads, StateTree state, FlatTree params) {
    if (parts.isEmpty()) {
      return new Applied(Optax.applyUpdates(params, grads), run(grads, state, params, false).state());
    }
    FlatUpdate step = run(grads, state, params, true);
    return new Applied(step.updates(), step.state());
  }

  /** The parts in turn; with {@code apply}, the last one adds the updates to {@code params} and those are returned. */
  private FlatUpdate run(FlatTree updates, StateTree state, FlatTree params, boolean apply) {
    if (state.names().size() != parts.size()) {
      throw new IllegalArgumentException(
          "a chain of " + parts.size() + " transformations needs a state with " + parts.size() + " parts, found "
              + state.names().size() + "; pass the state this chain's init or update returned");
    }
    StateTree newState = StateTree.EMPTY;
    FlatTree current = updates;
    for (int i = 0; i < parts.size(); i++) {
      String name = Integer.toString(i);
      GradientTransformation part = parts.get(i);
      boolean folds = part instanceof ScaleFolding && i + 1 < parts.size() && parts.get(i + 1) instanceof UniformScale;
      int last = folds ? i + 1 : i;
      boolean applyHere = apply && last == parts.size() - 1;
      if (folds) {
        UniformScale scale = (UniformScale) parts.get(i + 1);
        String scaleName = Integer.toString(i + 1);
        StateTree scaleState = state.child(scaleName);
        FlatUpdate step = ((ScaleFolding) part)
            .updateScaled(current, state.child(name), params, scale.factor(scaleState), applyHere);
        current = step.updates();
        newState = newState.with(name, step.state()).with(scaleName, scale.advance(scaleState));
      } else if (applyHere) {
        Applied step = AppliesUpdates.updateAndApply(part, current, state.child(name), params);
        current = step.params();
        newState = newState.with(name, step.state());
      } else {
        FlatUpdate step = part.update(current, state.child(name), params);
        current = step.updates();
        newState = newState.with(name, step.state());
      }
      i = last;
    }
    return new FlatUpdate(current, newState);
  }
}
