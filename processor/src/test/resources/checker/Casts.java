import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** A cast asserts a shape the checker cannot infer; it is an error only when it certainly cannot hold. */
class Casts {
  static @Shape("m n") Tensor trusted(Tensor opaque, @Shape("m k") Tensor a) {
    Tensor product = (@Shape("m n") Tensor) opaque;
    return product;
  }

  static Tensor refined(@Shape("3 4") Tensor x) {
    @Shape("3 4") Tensor same = (@Shape("3 4") Tensor) x;
    @Shape("_ 4") Tensor general = (@Shape("_ 4") Tensor) x;
    // :: error: (shape.cast)
    Tensor wrong = (@Shape("4 3") Tensor) x;
    // :: error: (shape.cast)
    Tensor rank = (@Shape("12") Tensor) x;
    return wrong.rank() + rank.rank() > 0 ? same.add(general) : same;
  }

  static Tensor castResultIsUsed(Tensor opaque) {
    Tensor matrix = (@Shape("2 3") Tensor) opaque;
    // :: error: (shape.op)
    return matrix.matmul(Tensor.zeros(4));
  }
}
