package dev.solstice.runtime.generated;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.annotations.Vmap;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Optional arguments of a batched method (a mask, a key) and an optional component (the bias). */
@Model
record Masked(@Shape("n") Tensor weight, @Nullable @Shape("n") Tensor bias) {
  /**
   * {@code weight * x (* mask) (+ bias) (+ noise drawn from key)}: each optional part only when
   * given. The mask comes first, so the batch size of {@code MaskedBatched.forward} comes from it
   * when it is given and from {@code x} when not.
   */
  @Vmap
  @Shape("n") Tensor forward(@Nullable @Shape("n") Tensor mask, @Shape("n") Tensor x, @Nullable Key key) {
    Tensor y = weight.mul(x);
    if (mask != null) {
      y = y.mul(mask);
    }
    if (bias != null) {
      y = y.add(bias);
    }
    return key == null ? y : y.add(key.normal(x.shape()));
  }
}
