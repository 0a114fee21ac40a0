package dev.solstice.runtime.generated;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** The seed's dense layer, processed by solstice-processor for these tests. */
@Model
record Linear(@Shape("out in") Tensor weight, @Shape("out") Tensor bias) {
  @Shape("out") Tensor forward(@Shape("in") Tensor x) {
    return weight.matmul(x).add(bias);
  }
}
