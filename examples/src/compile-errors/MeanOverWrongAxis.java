import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** A per-example score averaged over the batch axis instead of the feature axis. */
class MeanOverWrongAxis {
  static @Shape("batch") Tensor score(@Shape("batch features") Tensor x) {
    // :: error: (shape.return)
    return x.mean(0);
  }
}
