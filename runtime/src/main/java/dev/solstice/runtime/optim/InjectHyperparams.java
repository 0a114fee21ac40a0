package dev.solstice.runtime.optim;

import dev.solstice.runtime.DType;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.FlatTree;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Hyper-parameters kept in the optimizer state, where they can be read and changed ({@code
 * optax.inject_hyperparams}). Each step computes the values (a {@link Schedule} at the step count,
 * or a fixed number read back from the state, so a caller may have replaced it), builds the inner
 * transformation with them through {@code factory}, and runs it.
 *
 * <p>State: {@code count}, {@code hyperparams.<name>} (float32 scalars holding the values the last
 * step used, or the initial values before the first step), {@code inner_state}. Names are sorted.
 */
record InjectHyperparams(Function<Hyperparams, GradientTransformation> factory, Map<String, Object> hyperparams)
    implements GradientTransformation {

  InjectHyperparams {
    TreeMap<String, Object> sorted = new TreeMap<>();
    for (Map.Entry<String, ?> entry : hyperparams.entrySet()) {
      Object value = entry.getValue();
      if (!(value instanceof Number) && !(value instanceof Schedule)) {
        throw new IllegalArgumentException(
            "hyper-parameter '" + entry.getKey() + "' must be a number or a Schedule, found " + value);
      }
      sorted.put(entry.getKey(), value);
    }
    hyperparams = sorted;
  }

  @Override
  public StateTree init(FlatTree params) {
    Map<String, Float> values = new TreeMap<>();
    for (Map.Entry<String, Object> entry : hyperparams.entrySet()) {
      Object value = entry.getValue();
      values.put(
          entry.getKey(), value instanceof Schedule ? ((Schedule) value).at(0) : ((Number) value).floatValue());
    }
    return StateTree.EMPTY
        .with("count", Counter.of(0))
        .with("hyperparams", toState(values))
        .with("inner_state", factory.apply(new Hyperparams(values)).init(params));
  }

  @Override
  public FlatUpdate update(FlatTree updates, StateTree state, FlatTree params) {
    int count = Counter.read(state, "count");
    StateTree stored = state.child("hyperparams");
    Map<String, Float> values = new TreeMap<>();
    for (Map.Entry<String, Object> entry : hyperparams.entrySet()) {
      String name = entry.getKey();
      Object value = entry.getValue();
      values.put(name, value instanceof Schedule ? ((Schedule) value).at(count) : read(stored, name));
    }
    FlatUpdate step = factory.apply(new Hyperparams(values)).update(updates, state.child("inner_state"), params);
    StateTree next =
        StateTree.EMPTY
            .with("count", Counter.of(Counter.increment(count)))
            .with("hyperparams", toState(values))
            .with("inner_state", step.state());
    return new FlatUpdate(step.updates(), next);
  }

  private static StateTree toState(Map<String, Float> values) {
    StateTree tree = StateTree.EMPTY;
    for (Map.Entry<String, Float> entry : values.entrySet()) {
      tree = tree.with(entry.getKey(), Tensor.scalar(entry.getValue()));
    }
    return tree;
  }

  private static float read(StateTree stored, String name) {
    Tensor value = stored.tensor(name);
    if (value.dtype() != DType.FLOAT32 || value.size() != 1) {
      throw new IllegalStateException("injected hyper-parameter '" + name + "' should be a float32 scalar, found " + value);
    }
    return value.item();
  }
}
