import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;
import layers.Layers;

/** Calls into a compiled library. */
class UsesLayers {
  static void calls(@Shape("8 4") Tensor x, @Shape("3 4") Tensor w, @Shape("3 5") Tensor wrong, @Shape("3") Tensor b) {
    @Shape("8 3") Tensor y = Layers.dense(x, w);
    // :: error: (shape.argument)
    Layers.dense(x, wrong);
    // :: error: (shape.argument)
    Layers.sum(b, Tensor.zeros(4));
    // :: error: (shape.argument)
    new Layers.Affine(w, Tensor.zeros(4));
    Layers.Affine affine = new Layers.Affine(w, b);
    // :: error: (shape.argument)
    affine.apply(Tensor.zeros(4, 4));
  }
}
