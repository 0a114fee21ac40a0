package dev.solstice.examples.bench;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.annotations.Vmap;
import dev.solstice.examples.polynomial.Linear;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;
import java.util.ArrayList;
import java.util.List;

/**
 * A multi-layer perceptron with relu between its dense layers and none after the last, as {@code
 * equinox.nn.MLP(activation=jax.nn.relu)}: the benchmark classifiers 784-256-256-10 and
 * 64-256-256-10.
 */
@Model
public record ReluMlp(List<Linear> layers) {

  /**
   * Layers of the given widths ({@code widths[0]} inputs, {@code widths[last]} outputs), each from
   * its own key split from {@code key}.
   */
  public static ReluMlp init(Key key, int... widths) {
    if (widths.length < 2) {
      throw new IllegalArgumentException(
          "ReluMlp needs at least an input and an output width, got " + widths.length + " width(s)");
    }
    Key[] keys = key.split(widths.length - 1);
    List<Linear> layers = new ArrayList<>();
    for (int i = 0; i + 1 < widths.length; i++) {
      layers.add(Linear.init(widths[i], widths[i + 1], keys[i]));
    }
    return new ReluMlp(List.copyOf(layers));
  }

  /** One sample; {@code ReluMlpBatched.forward} runs it over a batch. */
  @Vmap
  public @Shape("out") Tensor forward(@Shape("in") Tensor x) {
    Tensor h = x;
    for (int i = 0; i < layers.size(); i++) {
      h = layers.get(i).forward(h);
      if (i + 1 < layers.size()) {
        h = h.relu();
      }
    }
    return h;
  }
}
