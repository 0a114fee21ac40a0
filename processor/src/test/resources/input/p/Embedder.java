package p;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.annotations.Static;
import dev.solstice.annotations.Vmap;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;

@Model
public record Embedder(@Static @Shape("vocab dim") Tensor table, @Shape("dim dim") Tensor mix, float dropout) {
  @Vmap(inAxes = {0, Vmap.NONE, 0}, outAxes = -1)
  public @Shape("dim") Tensor embed(@Shape("dim") Tensor x, int step, Key key) {
    return mix.matmul(x);
  }
}
