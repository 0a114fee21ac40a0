import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;
import java.util.List;

/** Unknown shapes are accepted and left to the run-time check: none of these is an error. */
class Gradual {
  static @Shape("batch 1") Tensor column(@Shape("batch 1") Tensor x) {
    return x;
  }

  static void unknownArguments(Tensor anything, List<Tensor> tensors, int n, @Shape("n") Tensor named) {
    column(anything);
    column(tensors.get(0));
    column(Tensor.zeros(n, 1));
    column(Tensor.zeros(n, n));
    column(anything.reshape(-1, 1));
    @Shape("3 1") Tensor declared = column(anything);
    Tensor x = anything.matmul(anything).add(anything).sum(0);
    column(x);
    column(named.reshape(-1, 1));
    column(named.expandDims(1));
  }

  static @Shape("out") Tensor unknownReturn(Tensor anything) {
    return anything.tanh();
  }

  static @Shape("out") Tensor constantForName() {
    // "out" is a dim of this method that nothing binds: 3 may well be it
    return Tensor.zeros(3);
  }

  static Tensor castAsserts(Tensor anything) {
    @Shape("4 4") Tensor asserted = (@Shape("4 4") Tensor) anything;
    return asserted.matmul(Tensor.zeros(4));
  }

  static Tensor suppressed(@Shape("3") Tensor x) {
    @SuppressWarnings("shape")
    @Shape("4") Tensor y = x;
    return y;
  }

  static Tensor keyArrays(dev.solstice.runtime.random.Key key) {
    // a key may be an array of keys: the drawn shape's leading axes are unknown
    return column(key.normal(1000, 1));
  }

  static Tensor conditional(boolean flag, @Shape("3 1") Tensor a, @Shape("5 1") Tensor b) {
    // the join of "3 1" and "5 1" is "_ 1"
    Tensor either = flag ? a : b;
    Tensor merged = a;
    if (flag) {
      merged = b;
    }
    column(merged);
    return column(either);
  }

  static Tensor loops(@Shape("8 4") Tensor x) {
    Tensor h = x;
    for (int i = 0; i < 3; i++) {
      h = Tensor.concat(1, h, x);
    }
    // h is "8 _" after the loop
    return h.sum(1);
  }

  static Tensor lambdas(@Shape("n 1") Tensor x) {
    java.util.function.Function<Tensor, Tensor> f = t -> column(t).add(x);
    return f.apply(x);
  }
}
