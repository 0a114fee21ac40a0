package dev.solstice.examples.polynomial;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.annotations.Vmap;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;

/** The seed's model: {@code [Linear(1, hidden), tanh, Linear(hidden, 1)]}. */
@Model
public record Mlp(Linear l1, Linear l2) {

  /** Both layers from keys split from {@code key}, as the seed's Equinox module does. */
  public static Mlp init(int hidden, Key key) {
    Key[] keys = key.split(2);
    return new Mlp(Linear.init(1, hidden, keys[0]), Linear.init(hidden, 1, keys[1]));
  }

  /** One sample; {@code MlpBatched.forward} runs it over a batch. */
  @Vmap
  public @Shape("1") Tensor forward(@Shape("1") Tensor x) {
    return l2.forward(l1.forward(x).tanh());
  }
}
