import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** A reduction over axis 2 of a matrix, which has axes 0 and 1 only. */
class AxisOutOfRange {
  static Tensor rowSums(@Shape("rows columns") Tensor matrix) {
    // :: error: (shape.op)
    return matrix.sum(2);
  }
}
