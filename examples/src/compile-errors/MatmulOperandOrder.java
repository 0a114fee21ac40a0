import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** A dense layer over a batch written as weight @ x, the one-sample orientation: it must be x @ weightᵀ. */
class MatmulOperandOrder {
  static @Shape("batch out") Tensor dense(@Shape("batch in") Tensor x, @Shape("out in") Tensor weight) {
    // :: error: (shape.op)
    return weight.matmul(x);
  }
}
