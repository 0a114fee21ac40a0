import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** A squeeze of the batch axis instead of the unit column axis. */
class SqueezeWrongAxis {
  static Tensor values(@Shape("100 1") Tensor column) {
    // :: error: (shape.op)
    return column.squeeze(0);
  }
}
