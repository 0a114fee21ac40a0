import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/** Java's corners around shaped code: none of this is a shape error, and none of it may crash. */
class LanguageCorners {
  interface Layer {
    @Shape("n") Tensor apply(@Shape("n") Tensor x);
  }

  static final class Identity implements Layer {
    @Override
    public @Shape("m") Tensor apply(@Shape("m") Tensor x) {
      return x;
    }
  }

  abstract static class Base {
    abstract @Shape("d") Tensor project(@Shape("d") Tensor x);

    @Shape("d") Tensor twice(@Shape("d") Tensor x) {
      return project(project(x));
    }
  }

  @Model
  record Scaled(@Shape("d") Tensor scale) {
    Scaled {
      if (scale.rank() != 1) {
        throw new IllegalArgumentException("scale must be a vector");
      }
    }

    Scaled(int size) {
      this(Tensor.ones(size));
    }

    @Shape("d") Tensor apply(@Shape("d") Tensor x) {
      return x.mul(scale);
    }
  }

  enum Activation {
    RELU {
      @Override
      Tensor apply(Tensor x) {
        return x.relu();
      }
    },
    TANH {
      @Override
      Tensor apply(Tensor x) {
        return x.tanh();
      }
    };

    abstract Tensor apply(Tensor x);
  }

  static <T extends Tensor> T same(T x) {
    return x;
  }

  static <T> T first(List<T> xs) {
    return xs.get(0);
  }

  static @Shape("3") Tensor generics(@Shape("3") Tensor x, List<@Shape("3") Tensor> shaped) {
    Tensor y = same(x);
    Tensor z = first(List.of(x, x));
    Map<String, Tensor> named = Map.of("x", x);
    Optional<Tensor> maybe = Optional.of(x).map(Tensor::relu);
    List<Tensor> all = new ArrayList<>(shaped);
    all.add(y);
    all.add(z);
    all.add(named.get("x"));
    UnaryOperator<Tensor> op = t -> t.add(x);
    BiFunction<Tensor, Tensor, Tensor> add = Tensor::add;
    return add.apply(op.apply(maybe.orElse(x)), shaped.get(0));
  }

  static Tensor arrays(@Shape("2 2") Tensor x) {
    Tensor[] parts = {x, x.transpose()};
    Tensor[][] grid = new Tensor[2][2];
    grid[0][0] = parts[1];
    @Shape("2 2") Tensor[] typed = new Tensor[] {x};
    return Tensor.stack(0, parts).add(grid[0][0]).add(typed[0]);
  }

  static Tensor control(@Shape("n") Tensor x, int steps) {
    Tensor h = x;
    int i = 0;
    while (i < steps) {
      h = h.mul(2f);
      i++;
    }
    do {
      h = h.sub(1f);
    } while (h.sum().item() > 10);
    switch (steps) {
      case 0:
        return x;
      case 1:
        return h.exp();
      default:
        break;
    }
    try {
      return h.log();
    } catch (IllegalArgumentException e) {
      return x;
    } finally {
      h = null;
    }
  }

  static Tensor intsAndShapes(@Shape("a b") Tensor x) {
    int[] shape = x.shape();
    int rows = shape[0];
    int n = x.dim(0) * x.dim(1);
    return x.reshape(n).add(Tensor.zeros(rows * shape[1]));
  }

  static Tensor strings(@Shape("3") Tensor x) {
    String s = "shape " + x + x.shape().length;
    @Shape("3") int notATensor = 3;
    return s.isEmpty() ? x : x.neg();
  }

  static Tensor layers(Layer layer, Base base, @Shape("7") Tensor x) {
    return layer.apply(base.twice(x));
  }
}
