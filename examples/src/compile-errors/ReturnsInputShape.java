import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** A layer that returns its input where its output belongs: in is not out. */
@Model
record ReturnsInputShape(@Shape("out in") Tensor weight, @Shape("out") Tensor bias) {
  @Shape("out") Tensor forward(@Shape("in") Tensor x) {
    Tensor h = weight.matmul(x).add(bias);
    // :: error: (shape.return)
    return x.tanh();
  }
}
