import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** The seed program's call: y has the wrong last axis. */
class Seed {
  static @Shape("") Tensor mse(@Shape("batch 1") Tensor x, @Shape("batch 1") Tensor y) {
    return y.sub(x).square().mean();
  }

  static void train(@Shape("1000 1") Tensor x, @Shape("1000 2") Tensor y) {
    // :: error: (shape.argument)
    mse(x, y);
  }
}
