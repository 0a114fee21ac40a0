import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** A malformed spec is an error on its annotation, not a crash; the spec then says nothing. */
class Syntax {
  static final String SPEC = "n **m";

  // :: error: (shape.syntax)
  static Tensor twoVariadics(@Shape("*a *b") Tensor x) {
    return x;
  }

  static Tensor unbalanced(
      // :: error: (shape.syntax)
      @Shape("n (m+1") Tensor x,
      // :: error: (shape.syntax)
      @Shape(SPEC) Tensor y) {
    return x.add(y);
  }

  // :: error: (shape.syntax)
  static @Shape("3 ...x") Tensor FIELD = Tensor.zeros(3);

  // :: error: (shape.syntax)
  record Layer(@Shape("out in in2)") Tensor weight) {}

  static void callers(@Shape("3") Tensor three) {
    twoVariadics(three);
    unbalanced(three, three);
    // :: error: (shape.syntax)
    @Shape("3,4") Tensor comma = three;
  }
}
