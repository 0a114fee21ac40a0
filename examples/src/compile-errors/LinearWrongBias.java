import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.nn.Linear;

/** The runtime's Linear built by hand with a bias sized for its input instead of its output. */
class LinearWrongBias {
  static Linear layer() {
    Tensor weight = Tensor.zeros(3, 4);
    Tensor bias = Tensor.zeros(4);
    // :: error: (shape.argument)
    return new Linear(weight, bias);
  }
}
