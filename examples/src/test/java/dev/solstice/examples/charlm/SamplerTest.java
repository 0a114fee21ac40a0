package dev.solstice.examples.charlm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;
import org.junit.jupiter.api.Test;

class SamplerTest {

  @Test
  void categoricalDrawsInProportionToSoftmaxOfTheLogits() {
    float[] probabilities = {0.2f, 0.3f, 0.5f};
    Tensor logits = Tensor.of(new float[] {(float) Math.log(0.2), (float) Math.log(0.3), (float) Math.log(0.5)}, 3);
    int draws = 3000;
    int[] counts = new int[3];
    Key key = Key.of(11);
    for (int i = 0; i < draws; i++) {
      counts[Sampler.categorical(logits, key.foldIn(i))]++;
    }
    for (int c = 0; c < 3; c++) {
      // Four standard deviations of a binomial proportion with n = 3000 are at most 0.037.
      assertEquals(probabilities[c], counts[c] / (float) draws, 0.037, "share of class " + c);
    }
  }
}
