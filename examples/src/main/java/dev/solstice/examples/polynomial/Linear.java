package dev.solstice.examples.polynomial;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;

/** A dense layer {@code weight · x + bias}, initialised as {@code equinox.nn.Linear}. */
@Model
public record Linear(@Shape("out in") Tensor weight, @Shape("out") Tensor bias) {

  /** Weight and bias drawn from U(-1/√in, 1/√in) with two keys split from {@code key}. */
  public static Linear init(int in, int out, Key key) {
    Key[] keys = key.split(2);
    float limit = (float) (1 / Math.sqrt(in));
    return new Linear(keys[0].uniform(-limit, limit, out, in), keys[1].uniform(-limit, limit, out));
  }

  public @Shape("out") Tensor forward(@Shape("in") Tensor x) {
    return weight.matmul(x).add(bias);
  }
}
