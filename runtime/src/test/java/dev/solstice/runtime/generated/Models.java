package dev.solstice.runtime.generated;

import dev.solstice.runtime.Tensor;
import java.util.List;
import java.util.Optional;

/** Small deterministic models and helpers for the tests of generated code. */
final class Models {
  private Models() {}

  /** A tensor of the given shape holding {@code start, start + step, ...}. */
  static Tensor ramp(float start, float step, int... shape) {
    int size = 1;
    for (int d : shape) {
      size *= d;
    }
    float[] data = new float[size];
    for (int i = 0; i < size; i++) {
      data[i] = start + step * i;
    }
    return Tensor.of(data, shape);
  }

  /** A Linear layer from {@code in} to {@code out} with distinct small weights. */
  static Linear linear(int in, int out, float start) {
    return new Linear(ramp(start, 0.1f, out, in), ramp(-start, 0.05f, out));
  }

  /** The seed's model with a hidden layer of {@code hidden} units. */
  static Mlp mlp(int hidden) {
    return new Mlp(linear(1, hidden, -0.4f), linear(hidden, 1, 0.3f));
  }

  /** A Stack of width {@code d} with two layers, a shift, two scales, no head, depth 7. */
  static Stack stack(int d) {
    return new Stack(
        List.of(linear(d, d, -0.2f), linear(d, d, 0.1f)),
        Optional.of(ramp(0.5f, -0.1f, d)),
        new Tensor[] {ramp(1f, 0.1f, d), ramp(0.9f, 0.05f, d)},
        Optional.empty(),
        ramp(0.2f, 0.01f, d, d),
        7);
  }
}
