import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** Examples of different lengths stacked into one batch. */
class StackRaggedBatch {
  static Tensor batch(@Shape("128") Tensor first, @Shape("127") Tensor second) {
    // :: error: (shape.op)
    return Tensor.stack(0, first, second);
  }
}
