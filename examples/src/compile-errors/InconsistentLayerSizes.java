import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;

/** A two-layer model whose second layer was built for a hidden width of 128 where the first makes 256. */
class InconsistentLayerSizes {
  @Model
  record TwoLayer(
      @Shape("hidden in") Tensor w1, @Shape("hidden") Tensor b1, @Shape("out hidden") Tensor w2, @Shape("out") Tensor b2) {
    @Shape("out") Tensor forward(@Shape("in") Tensor x) {
      return w2.matmul(w1.matmul(x).add(b1).relu()).add(b2);
    }
  }

  /** {@code @Shape("")}: a single key, whose draws have exactly the sizes asked for. */
  static TwoLayer init(@Shape("") Key key) {
    Key[] keys = key.split(4);
    return new TwoLayer(
        keys[0].uniform(256, 784),
        keys[1].uniform(256),
        // :: error: (shape.argument)
        keys[2].uniform(10, 128),
        keys[3].uniform(10));
  }
}
