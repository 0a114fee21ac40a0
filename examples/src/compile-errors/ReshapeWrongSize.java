import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** An MNIST image reshaped with a typo in one size: 784 elements do not fill [28, 27]. */
class ReshapeWrongSize {
  static Tensor rows(@Shape("784") Tensor pixels) {
    // :: error: (shape.op)
    return pixels.reshape(28, 27);
  }
}
