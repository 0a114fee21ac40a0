import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** Two batches of features joined along the batch axis, but with different feature widths. */
class ConcatFeatureMismatch {
  static Tensor joined(@Shape("32 64") Tensor first, @Shape("16 63") Tensor second) {
    // :: error: (shape.op)
    return Tensor.concat(0, first, second);
  }
}
