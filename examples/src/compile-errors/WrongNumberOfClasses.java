import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Losses;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;

/** A digit classifier whose output layer was sized for 26 letters: its logits have 26 classes, the loss takes 10. */
class WrongNumberOfClasses {
  static @Shape("") Tensor crossEntropy(@Shape("batch 10") Tensor logits, @Shape("batch") Tensor labels) {
    return Losses.softmaxCrossEntropyWithIntegerLabels(logits, labels).mean();
  }

  static @Shape("") Tensor loss(@Shape("batch 256") Tensor hidden, @Shape("batch") Tensor labels, Key key) {
    Tensor outputWeight = key.uniform(-0.0625f, 0.0625f, 256, 26);
    Tensor logits = hidden.matmul(outputWeight);
    // :: error: (shape.argument)
    return crossEntropy(logits, labels);
  }
}
