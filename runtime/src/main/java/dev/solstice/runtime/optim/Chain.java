package dev.solstice.runtime.optim;

import dev.solstice.runtime.tree.FlatTree;
import java.util.List;

/**
 * Applies transformations one after the other, each to the previous one's output ({@code
 * optax.chain}). Its state holds each part's state under the part's position: {@code "0"},
 * {@code "1"}, ...
 *
 * <p>A part that can scale its own output ({@link ScaleFolding}) directly followed by a {@link
 * UniformScale} runs as one step, with the same result and states as the two steps.
 */
record Chain(List<GradientTransformation> parts) implements GradientTransformation {
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
      if (part instanceof ScaleFolding && i + 1 < parts.size() && parts.get(i + 1) instanceof UniformScale) {
        UniformScale scale = (UniformScale) parts.get(i + 1);
        String scaleName = Integer.toString(i + 1);
        StateTree scaleState = state.child(scaleName);
        FlatUpdate step =
            ((ScaleFolding) part).updateScaled(current, state.child(name), params, scale.factor(scaleState));
        current = step.updates();
        newState = newState.with(name, step.state()).with(scaleName, scale.advance(scaleState));
        i++;
      } else {
        FlatUpdate step = part.update(current, state.child(name), params);
        current = step.updates();
        newState = newState.with(name, step.state());
      }
    }
    return new FlatUpdate(current, newState);
  }
}
