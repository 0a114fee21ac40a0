package dev.solstice.runtime.optim;

import dev.solstice.runtime.tree.FlatTree;
import java.util.List;

/**
 * Applies transformations one after the other, each to the previous one's output ({@code
 * optax.chain}). Its state holds each part's state under the part's position: {@code "0"},
 * {@code "1"}, ...
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
      FlatUpdate step = parts.get(i).update(current, state.child(name), params);
      current = step.updates();
      newState = newState.with(name, step.state());
    }
    return new FlatUpdate(current, newState);
  }
}
