package dev.solstice.runtime.optim;

import dev.solstice.runtime.DType;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.FlatTree;
import java.lang.reflect.RecordComponent;
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

  /**
   * Injects every hyper-parameter of an optimizer record such as {@link Adam}, as {@code
   * inject_hyperparams(optax.adam)(...)} does: each {@code double} component and each {@link
   * Schedule} component (a {@link Schedules#constant} as a number) becomes a float32 value in the
   * state under its snake_case name ({@code learning_rate}, {@code b1}, {@code eps_root}); other
   * components (flags, masks) stay fixed. Each step rebuilds the record with the current values.
   */
  static <T extends Record & GradientTransformation> InjectHyperparams ofRecord(T optimizer) {
    RecordComponent[] components = optimizer.getClass().getRecordComponents();
    Map<String, Object> hyperparams = new TreeMap<>();
    for (RecordComponent component : components) {
      Object value = read(optimizer, component);
      String name = snakeCase(component.getName());
      if (component.getType() == double.class) {
        hyperparams.put(name, value);
      } else if (value instanceof Schedules.Constant) {
        hyperparams.put(name, ((Schedules.Constant) value).value());
      } else if (value instanceof Schedule) {
        hyperparams.put(name, value);
      }
    }
    return new InjectHyperparams(values -> rebuild(optimizer, components, values), hyperparams);
  }

  private static Object read(Record record, RecordComponent component) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("cannot read " + component.getName() + " of " + record, e);
    }
  }

  private static GradientTransformation rebuild(Record optimizer, RecordComponent[] components, Hyperparams values) {
    Class<?>[] types = new Class<?>[components.length];
    Object[] arguments = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      types[i] = component.getType();
      Object value = read(optimizer, component);
      String name = snakeCase(component.getName());
      if (component.getType() == double.class) {
        arguments[i] = (double) values.get(name);
      } else if (value instanceof Schedule) {
        arguments[i] = Schedules.constant(values.get(name));
      } else {
        arguments[i] = value;
      }
    }
    try {
      return (GradientTransformation) optimizer.getClass().getDeclaredConstructor(types).newInstance(arguments);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(
          "cannot rebuild " + optimizer.getClass().getName() + " with injected hyper-parameters " + values
              + "; its canonical constructor must be public",
          e);
    }
  }

  /** {@code learningRate} to {@code learning_rate}, Optax's spelling. */
  static String snakeCase(String camelCase) {
    StringBuilder out = new StringBuilder();
    for (char c : camelCase.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
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
