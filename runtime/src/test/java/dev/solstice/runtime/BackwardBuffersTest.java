package dev.solstice.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class BackwardBuffersTest {
  private static final int LARGE = 5000;

  @Test
  void anArrayNoResultHoldsIsLentAgainByTheNextPass() {
    BackwardBuffers first = BackwardBuffers.open();
    float[] dropped = BackwardBuffers.uninitialized(LARGE);
    first.close(List.of());
    BackwardBuffers second = BackwardBuffers.open();
    float[] again = BackwardBuffers.zeros(LARGE);
    second.close(List.of());
    assertSame(dropped, again);
    assertArrayEquals(new float[LARGE], again, "zeros() clears a reused array");
  }

  @Test
  void anArrayAResultHoldsIsNeverLentAgain() {
    BackwardBuffers first = BackwardBuffers.open();
    float[] kept = BackwardBuffers.uninitialized(LARGE);
    first.close(List.of(Tensor.floats(kept, new int[] {LARGE}, 0, null)));
    BackwardBuffers second = BackwardBuffers.open();
    float[] next = BackwardBuffers.uninitialized(LARGE);
    second.close(List.of());
    assertNotSame(kept, next);
  }

  @Test
  void outsideAPassEveryArrayIsNew() {
    float[] a = BackwardBuffers.zeros(LARGE);
    float[] b = BackwardBuffers.uninitialized(LARGE);
    assertNotSame(a, b);
    assertArrayEquals(new float[LARGE], a);
  }

  @Test
  void gradientsOfOnePassSurviveTheNextPasses() {
    Tensor w = Tensor.full(0.5f, 100, 64);
    Tensor x = Tensor.linspace(-2, 2, 64 * 80).reshape(64, 80);
    ValueAndGrad<Tensor> first = Autodiff.valueAndGrad(w, v -> v.matmul(x).tanh().square().mean());
    float[] expected = first.grad().toFloatArray();
    for (int i = 0; i < 3; i++) {
      Tensor other = Tensor.full(-0.25f * i, 100, 64);
      Autodiff.valueAndGrad(other, v -> v.matmul(x).tanh().square().mean());
    }
    assertArrayEquals(expected, first.grad().toFloatArray());
  }
}
