import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Problems inside arguments, lambdas, anonymous classes and field initializers are found too. */
class Nested {
  static final Tensor BAD_CONSTANT =
      // :: error: (shape.op)
      Tensor.zeros(2, 3).matmul(Tensor.zeros(4));

  static Tensor column(@Shape("n 1") Tensor x) {
    return x;
  }

  static Tensor arguments() {
    // :: error: (shape.op)
    return column(Tensor.zeros(3, 4).add(Tensor.zeros(5)));
  }

  static Tensor nestedCall() {
    // :: error: (shape.argument)
    return column(column(Tensor.zeros(3, 2)));
  }

  static Function<Tensor, Tensor> lambda() {
    // :: error: (shape.argument)
    return x -> column(Tensor.zeros(4, 4));
  }

  static Supplier<Tensor> blockLambda() {
    return () -> {
      Tensor t = Tensor.ones(2, 2);
      // :: error: (shape.op)
      return t.reshape(3);
    };
  }

  static Object anonymous() {
    return new Object() {
      @Override
      public String toString() {
        // :: error: (shape.op)
        return Tensor.zeros(2).matmul(Tensor.zeros(3)).toString();
      }
    };
  }

  static List<Tensor> inCollections() {
    // :: error: (shape.op)
    return List.of(Tensor.zeros(2, 2), Tensor.ones(3).reshape(2, 2));
  }

  static Tensor methodReference(List<Tensor> xs) {
    return xs.stream().map(Tensor::relu).reduce(Tensor.zeros(1), Tensor::add);
  }
}
