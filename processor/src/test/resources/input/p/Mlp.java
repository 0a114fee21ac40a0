package p;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.annotations.Vmap;
import dev.solstice.runtime.Tensor;

@Model
public record Mlp(Linear l1, Linear l2) {
  @Vmap
  public @Shape("1") Tensor forward(@Shape("1") Tensor x) {
    return l2.forward(l1.forward(x).tanh());
  }
}
