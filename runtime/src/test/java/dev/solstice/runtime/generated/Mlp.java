package dev.solstice.runtime.generated;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.annotations.Vmap;
import dev.solstice.runtime.Tensor;

/** The seed's model, with its batched forward generated as {@code MlpBatched.forward}. */
@Model
record Mlp(Linear l1, Linear l2) {
  @Vmap
  @Shape("1") Tensor forward(@Shape("1") Tensor x) {
    return l2.forward(l1.forward(x).tanh());
  }
}
