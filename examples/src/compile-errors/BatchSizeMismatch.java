import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** Predictions and targets from batches of different sizes: batch is bound to 32 by the first. */
class BatchSizeMismatch {
  static @Shape("") Tensor mse(@Shape("batch 1") Tensor prediction, @Shape("batch 1") Tensor target) {
    return target.sub(prediction).square().mean();
  }

  static Tensor loss(@Shape("32 1") Tensor prediction, @Shape("64 1") Tensor target) {
    // :: error: (shape.argument)
    return mse(prediction, target);
  }
}
