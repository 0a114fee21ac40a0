package dev.solstice.runtime.optim;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.FlatTree;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * A different transformation per group of leaves ({@code optax.multi_transform}, a.k.a. {@code
 * partition}): {@code labels} names each leaf's group, and each group's transformation runs,
 * {@link Masked} to that group. State: {@code inner_states.<label>.inner_state...}, labels
 * sorted.
 */
record MultiTransform(Map<String, GradientTransformation> transforms, BiFunction<String, Tensor, String> labels)
    implements GradientTransformation {

  MultiTransform {
    transforms = new TreeMap<>(transforms);
  }

  @Override
  public StateTree init(FlatTree params) {
    checkLabels(params);
    StateTree states = StateTree.EMPTY;
    for (Map.Entry<String, GradientTransformation> group : transforms.entrySet()) {
      states = states.with(group.getKey(), masked(group.getKey(), group.getValue()).init(params));
    }
    return StateTree.EMPTY.with("inner_states", states);
  }

  @Override
  public FlatUpdate update(FlatTree updates, StateTree state, FlatTree params) {
    checkLabels(updates);
    StateTree states = state.child("inner_states");
    StateTree newStates = StateTree.EMPTY;
    FlatTree current = updates;
    for (Map.Entry<String, GradientTransformation> group : transforms.entrySet()) {
      String label = group.getKey();
      FlatUpdate step = masked(label, group.getValue()).update(current, states.child(label), params);
      current = step.updates();
      newStates = newStates.with(label, step.state());
    }
    return new FlatUpdate(current, StateTree.EMPTY.with("inner_states", newStates));
  }

  private Masked masked(String label, GradientTransformation transform) {
    return new Masked(transform, (path, leaf) -> label.equals(labels.apply(path, leaf)));
  }

  private void checkLabels(FlatTree tree) {
    Set<String> missing = new TreeSet<>();
    for (int i = 0; i < tree.size(); i++) {
      String label = labels.apply(tree.paths().get(i), tree.leaves().get(i));
      if (!transforms.containsKey(label)) {
        missing.add(tree.paths().get(i) + " -> " + label);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "leaves labelled with no transformation: " + missing + "; transformations exist for " + transforms.keySet());
    }
  }
}
