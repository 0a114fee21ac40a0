import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** A layer built with a bias sized for its input instead of its output. */
class LinearWrongBias {
  @Model
  record Linear(@Shape("out in") Tensor weight, @Shape("out") Tensor bias) {}

  static Linear layer() {
    Tensor weight = Tensor.zeros(3, 4);
    Tensor bias = Tensor.zeros(4);
    // :: error: (shape.argument)
    return new Linear(weight, bias);
  }
}
