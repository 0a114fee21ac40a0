import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** A [n] vector passed where a [n, 1] column is expected: a rank mismatch. */
class VectorForColumn {
  static @Shape("") Tensor mse(@Shape("batch 1") Tensor prediction, @Shape("batch 1") Tensor target) {
    return target.sub(prediction).square().mean();
  }

  static Tensor loss(@Shape("n 1") Tensor prediction) {
    Tensor target = Tensor.linspace(0f, 1f, 100);
    // :: error: (shape.argument)
    return mse(prediction, target);
  }
}
