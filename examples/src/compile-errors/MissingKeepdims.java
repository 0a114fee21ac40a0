import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** A hand-written softmax whose row maximum lost its axis: [batch] does not broadcast to [batch, classes]. */
class MissingKeepdims {
  static @Shape("batch classes") Tensor softmax(@Shape("batch classes") Tensor logits) {
    // :: error: (shape.op)
    Tensor shifted = logits.sub(logits.max(1));
    Tensor e = shifted.exp();
    return e.div(e.sum(1, true));
  }
}
