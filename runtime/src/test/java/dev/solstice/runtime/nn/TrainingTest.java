package dev.solstice.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.runtime.Losses;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.ValueAndGrad;
import dev.solstice.runtime.optim.GradientTransformation;
import dev.solstice.runtime.optim.OptState;
import dev.solstice.runtime.optim.Optax;
import dev.solstice.runtime.optim.Update;
import dev.solstice.runtime.random.Key;
import org.junit.jupiter.api.Test;

/** Small models trained end to end with Optax: the layers, their trees and gradients working together. */
class TrainingTest {

  @Test
  void mlpLearnsASmoothFunctionWithAdam() {
    int n = 256;
    Key[] keys = Key.of(0).split(2);
    Tensor x = keys[0].uniform(-1f, 1f, n, 2);
    float[] points = x.toFloatArray();
    float[] targets = new float[n];
    for (int i = 0; i < n; i++) {
      targets[i] = (float) (Math.sin(Math.PI * points[2 * i]) * points[2 * i + 1]);
    }
    Tensor y = Tensor.of(targets, n, 1);

    Mlp model = Mlp.init(2, 1, 32, 2, Activation.TANH, Activation.IDENTITY, true, true, keys[1]);
    GradientTransformation opt = Optax.adam(0.01);
    OptState<Mlp> state = opt.init(MlpTree.INSTANCE, model);
    float first = Float.NaN;
    float last = Float.NaN;
    for (int step = 0; step < 300; step++) {
      ValueAndGrad<MlpGrad> vg = MlpTree.valueAndGrad(model, m -> MlpBatched.forward(m, x).sub(y).square().mean());
      Update<MlpGrad, Mlp> update = opt.update(vg.grad(), state, model);
      model = MlpTree.applyUpdates(model, update.updates());
      state = update.state();
      last = vg.value().item();
      if (step == 0) {
        first = last;
      }
    }
    assertTrue(last < first / 50, "loss " + first + " -> " + last);
  }

  @Test
  void convolutionalNetworkLearnsToTellBarsApart() {
    int n = 64;
    float[] pixels = new float[n * 64];
    int[] labels = new int[n];
    float[] jitter = Key.of(3).uniform(0f, 0.3f, n * 64).toFloatArray();
    for (int i = 0; i < n; i++) {
      labels[i] = i % 2;
      int line = (i / 2) % 8;
      for (int r = 0; r < 8; r++) {
        for (int c = 0; c < 8; c++) {
          boolean on = labels[i] == 0 ? r == line : c == line;
          pixels[i * 64 + r * 8 + c] = (on ? 1f : 0f) + jitter[i * 64 + r * 8 + c];
        }
      }
    }
    Tensor images = Tensor.of(pixels, n, 1, 8, 8);
    Tensor classes = Tensor.ofInts(labels, n);

    SmallCnn model = SmallCnn.init(2, Key.of(4));
    GradientTransformation opt = Optax.adam(0.01);
    OptState<SmallCnn> state = opt.init(SmallCnnTree.INSTANCE, model);
    float first = Float.NaN;
    float last = Float.NaN;
    for (int step = 0; step < 60; step++) {
      ValueAndGrad<SmallCnnGrad> vg = SmallCnnTree.valueAndGrad(model,
          m -> Losses.softmaxCrossEntropyWithIntegerLabels(SmallCnnBatched.forward(m, images), classes).mean());
      Update<SmallCnnGrad, SmallCnn> update = opt.update(vg.grad(), state, model);
      model = SmallCnnTree.applyUpdates(model, update.updates());
      state = update.state();
      last = vg.value().item();
      if (step == 0) {
        first = last;
      }
    }
    assertTrue(last < first / 20, "loss " + first + " -> " + last);
    Tensor predicted = SmallCnnBatched.forward(model, images).argmax(-1);
    assertArrayEquals(labels, predicted.toIntArray());
  }
}
