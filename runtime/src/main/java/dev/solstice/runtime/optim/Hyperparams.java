package dev.solstice.runtime.optim;

import java.util.Map;

/**
 * The current values of injected hyper-parameters, as {@link Optax#injectHyperparams} hands them
 * to the factory that builds the transformation for one step.
 */
public final class Hyperparams {
  private final Map<String, Float> values;

  Hyperparams(Map<String, Float> values) {
    this.values = Map.copyOf(values);
  }

  /** The value of {@code name} for this step. */
  public float get(String name) {
    Float value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("no injected hyper-parameter '" + name + "'; injected: " + values.keySet());
    }
    return value;
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
