import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** A batch times a weight stored as [out, in]: the weight needed a transpose. */
class ForgotTranspose {
  static @Shape("batch out") Tensor dense(@Shape("batch in") Tensor x, @Shape("out in") Tensor weight) {
    // :: error: (shape.op)
    return x.matmul(weight);
  }
}
