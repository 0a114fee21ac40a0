package p;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

@Model
public record Linear(@Shape("out in") Tensor weight, @Shape("out") Tensor bias) {
  public @Shape("out") Tensor forward(@Shape("in") Tensor x) {
    return weight.matmul(x).add(bias);
  }
}
