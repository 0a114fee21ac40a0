package dev.solstice.runtime.generated;

import dev.solstice.annotations.Model;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.nn.Layer;
import dev.solstice.runtime.nn.Sequential;

/** nn layers as components: any {@link Layer} (a TreeNode child) and a {@link Sequential} (a @Model child). */
@Model
record Stem(Layer first, Sequential rest) {
  Tensor forward(Tensor x) {
    return rest.forward(first.apply(x, null));
  }
}
