import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** The seed program with targets of the wrong width: the classic [n, 2] against [n, 1]. */
class WrongLabelShape {
  static @Shape("") Tensor mse(@Shape("batch 1") Tensor prediction, @Shape("batch 1") Tensor target) {
    return target.sub(prediction).square().mean();
  }

  static @Shape("") Tensor loss() {
    Tensor x = Tensor.linspace(-1, 1, 1000).reshape(1000, 1);
    Tensor y = Tensor.zeros(1000, 2);
    // :: error: (shape.argument)
    return mse(x, y);
  }
}
