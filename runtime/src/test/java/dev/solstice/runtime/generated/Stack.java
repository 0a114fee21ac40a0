package dev.solstice.runtime.generated;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.annotations.Static;
import dev.solstice.annotations.Vmap;
import dev.solstice.runtime.Tensor;
import java.util.List;
import java.util.Optional;

/** Lists, arrays, optionals and static components, as trees must handle them. */
@Model
record Stack(
    List<Linear> layers,
    Optional<@Shape("d") Tensor> shift,
    @Shape("d") Tensor[] scales,
    Optional<Linear> head,
    @Static @Shape("d d") Tensor mask,
    int depth) {

  /** Applies every layer, then the scales, the shift and the head if present. */
  @Vmap(inAxes = {1, Vmap.NONE}, outAxes = -1)
  @Shape("d") Tensor forward(@Shape("d") Tensor x, float gain) {
    Tensor y = mask.matmul(x);
    for (Linear layer : layers) {
      y = layer.forward(y).tanh();
    }
    for (Tensor scale : scales) {
      y = y.mul(scale);
    }
    if (shift.isPresent()) {
      y = y.add(shift.get());
    }
    return head.map(h -> h.forward(x)).orElse(y).mul(gain);
  }
}
