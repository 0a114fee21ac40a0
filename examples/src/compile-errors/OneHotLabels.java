import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Losses;
import dev.solstice.runtime.Tensor;

/** Integer-label cross-entropy fed one-hot labels: the labels must not have a class axis. */
class OneHotLabels {
  static Tensor loss(@Shape("batch 10") Tensor logits, @Shape("batch 10") Tensor oneHot) {
    // :: error: (shape.op)
    return Losses.softmaxCrossEntropyWithIntegerLabels(logits, oneHot).mean();
  }
}
