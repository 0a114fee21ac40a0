import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** Record dims: bound per instance, visible in the record's methods; constructors and receivers. */
class Records {
  @Model
  record Linear(@Shape("out in") Tensor weight, @Shape("out") Tensor bias) {
    @Shape("out") Tensor forward(@Shape("in") Tensor x) {
      Tensor h = weight.matmul(x);
      // h is inferred to be "out", which is not "in"
      // :: error: (shape.assignment)
      @Shape("in") Tensor wrong = h;
      return h.add(bias);
    }

    @Shape("out") Tensor returnsInput(@Shape("in") Tensor x) {
      // :: error: (shape.return)
      return x;
    }

    @Shape("out") Tensor throughAccessors(@Shape("in") Tensor x) {
      return weight().matmul(x).add(this.bias());
    }

    @Shape("in") Tensor throughAccessorsWrongly(@Shape("in") Tensor x) {
      // :: error: (shape.return)
      return this.weight().matmul(x);
    }

    @Shape("out") Tensor callsItself(@Shape("in") Tensor x) {
      return forward(x);
    }

    @Shape("in") Tensor callsItselfWrongly(@Shape("in") Tensor x) {
      // :: error: (shape.return)
      return this.forward(x);
    }

    Tensor feedsOutput(@Shape("out") Tensor y) {
      // :: error: (shape.op)
      return weight.matmul(y);
    }

    @Shape("out") Tensor otherInstance(Linear other, @Shape("in") Tensor x) {
      // another Linear's out and in are its own: nothing is known about them here
      return other.weight().matmul(x).add(other.bias);
    }
  }

  static void constructors(@Shape("3 4") Tensor w, @Shape("3") Tensor b3, @Shape("5") Tensor b5, @Shape("3") Tensor v) {
    new Linear(w, b3);
    // :: error: (shape.argument)
    new Linear(w, b5);
    // :: error: (shape.argument)
    new Linear(v, b3);
  }

  static void callers(@Shape("3 4") Tensor w, @Shape("3") Tensor b, @Shape("4") Tensor x, @Shape("5") Tensor other) {
    Linear layer = new Linear(w, b);
    // the result's out is the layer's, unknown here
    @Shape("7") Tensor unknownOut = layer.forward(x);
    // the layer's in is not tracked from its construction: left to the run-time check
    layer.forward(other);
    // :: error: (shape.argument)
    layer.forward(Tensor.zeros(4, 1));
  }

  static final class Image {
    @Shape("h w") Tensor pixels(@Shape("h w") Image this) {
      throw new UnsupportedOperationException();
    }

    @Shape("c") Tensor channelMeans(@Shape("c h w") Image this, @Shape("h w") Tensor mask) {
      throw new UnsupportedOperationException();
    }
  }

  static void receivers(@Shape("28 28") Image gray, @Shape("3 28 28") Image rgb, @Shape("28 28") Tensor mask) {
    @Shape("28 28") Tensor pixels = gray.pixels();
    // :: error: (shape.assignment)
    @Shape("28 27") Tensor wrong = gray.pixels();
    // :: error: (shape.receiver)
    rgb.pixels();
    @Shape("3") Tensor means = rgb.channelMeans(mask);
    // :: error: (shape.argument)
    rgb.channelMeans(Tensor.zeros(28, 3));
  }
}
