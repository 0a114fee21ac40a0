package dev.solstice.runtime.generated;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.annotations.Vmap;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;

/** Adds scaled Gaussian noise drawn from a key: batched, each sample gets its own key. */
@Model
record Noise(@Shape("") Tensor scale) {
  @Vmap
  @Shape("n") Tensor perturb(Key key, @Shape("n") Tensor x) {
    return x.add(key.normal(x.shape()).mul(scale));
  }
}
