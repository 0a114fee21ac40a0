import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Losses;
import dev.solstice.runtime.Tensor;

/** A loss that must be a scalar returns one value per example: the mean was forgotten. */
class PerExampleLoss {
  static @Shape("") Tensor loss(@Shape("batch classes") Tensor logits, @Shape("batch") Tensor labels) {
    // :: error: (shape.return)
    return Losses.softmaxCrossEntropyWithIntegerLabels(logits, labels);
  }
}
