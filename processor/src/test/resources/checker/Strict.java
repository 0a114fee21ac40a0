// options: -Ashape.strict
import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** Under -Ashape.strict the checker also warns about what it cannot prove. */
class Strict {
  static @Shape("batch 1") Tensor column(@Shape("batch 1") Tensor x) {
    return x;
  }

  static void proven(@Shape("7 1") Tensor x) {
    @Shape("7 1") Tensor y = column(x);
    Tensor.zeros(3, 4).matmul(Tensor.ones(4));
  }

  static void unproven(Tensor anything, @Shape("n") Tensor named, int size) {
    // :: warning: (shape.unproven)
    column(anything);
    // :: warning: (shape.unproven)
    column(Tensor.zeros(size, 1));
    // :: warning: (shape.unproven)
    named.matmul(Tensor.zeros(3));
    // :: warning: (shape.unproven)
    @Shape("n") Tensor fixed = Tensor.zeros(4);
  }

  static @Shape("n") Tensor unprovenReturn(Tensor anything) {
    // :: warning: (shape.unproven)
    return anything;
  }

  static void stillErrors(@Shape("7 2") Tensor x) {
    // :: error: (shape.argument)
    column(x);
  }
}
