import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** The bias of the output layer added to the hidden activations. */
class BiasOfWrongLayer {
  static Tensor forward(
      @Shape("batch in") Tensor x,
      @Shape("hidden in") Tensor w1,
      @Shape("hidden") Tensor b1,
      @Shape("out hidden") Tensor w2,
      @Shape("out") Tensor b2) {
    Tensor h = x.matmul(w1.transpose());
    // :: error: (shape.op)
    Tensor activated = h.add(b2).relu();
    return activated.matmul(w2.transpose()).add(b1);
  }
}
