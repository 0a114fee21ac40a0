import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** A weight matrix applied to an input of the wrong size: the contracted axes differ. */
class MatmulInnerDimension {
  static Tensor hidden() {
    Tensor weight = Tensor.zeros(3, 4);
    Tensor input = Tensor.ones(5);
    // :: error: (shape.op)
    return weight.matmul(input);
  }
}
