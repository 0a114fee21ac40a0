package dev.solstice.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TapeBuffersTest {
  private static final int LARGE = 5000;

  @Test
  void anArrayNoResultHoldsIsLentAgainByTheNextPass() {
    TapeBuffers first = TapeBuffers.open();
    float[] dropped = TapeBuffers.uninitialized(LARGE);
    first.close(List.of());
    TapeBuffers second = TapeBuffers.open();
    float[] again = TapeBuffers.zeros(LARGE);
    second.close(List.of());
    assertSame(dropped, again);
    assertArrayEquals(new float[LARGE], again, "zeros() clears a reused array");
  }

  @Test
  void anArrayAResultHoldsIsNeverLentAgain() {
    TapeBuffers first = TapeBuffers.open();
    float[] kept = TapeBuffers.uninitialized(LARGE);
    first.close(List.of(Tensor.floats(kept, new int[] {LARGE}, 0, null)));
    TapeBuffers second = TapeBuffers.open();
    float[] next = TapeBuffers.uninitialized(LARGE);
    second.close(List.of());
    assertNotSame(kept, next);
  }

  @Test
  void aResultGivenBackIsLentAgainAndItsTensorsRefuseReads() {
    TapeBuffers first = TapeBuffers.open();
    float[] kept = TapeBuffers.uninitialized(LARGE);
    Tensor result = Tensor.floats(kept, new int[] {LARGE}, 0, null);
    first.close(List.of(result));
    Tensor viewMadeAfter = result.reshape(50, 100);
    assertTrue(result.recycle("was given back in a test"));
    assertFalse(result.recycle("twice"), "only once");
    TapeBuffers second = TapeBuffers.open();
    float[] next = TapeBuffers.uninitialized(LARGE);
    second.close(List.of());
    assertSame(kept, next);
    for (Tensor released : List.of(result, viewMadeAfter)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, released::toFloatArray);
      assertTrue(e.getMessage().contains("was given back in a test"), e.getMessage());
    }
  }

  @Test
  void onlyResultsOfAPassCanBeGivenBack() {
    Tensor plain = Tensor.zeros(LARGE);
    assertFalse(plain.recycle("not from a pass"));
    assertArrayEquals(new float[LARGE], plain.toFloatArray());
  }

  @Test
  void outsideAPassEveryArrayIsNew() {
    float[] a = TapeBuffers.zeros(LARGE);
    float[] b = TapeBuffers.uninitialized(LARGE);
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

  /** 64 x 80 inputs: the activations of the functions below are large enough to be pooled. */
  private static final Tensor X = Tensor.linspace(-2, 2, 64 * 80).reshape(64, 80);

  @Test
  void aValueLeakedOutOfValueAndGradIsReleasedAndSaysSo() {
    List<Tensor> leaked = new ArrayList<>();
    Autodiff.valueAndGrad(Tensor.full(0.5f, 100, 64), w -> {
      Tensor h = w.matmul(X).tanh();
      leaked.add(h);
      leaked.add(h.detach());
      leaked.add(h.reshape(-1));
      return h.square().mean();
    });
    for (Tensor tensor : leaked) {
      IllegalStateException e = assertThrows(IllegalStateException.class, tensor::toFloatArray);
      assertTrue(e.getMessage().contains("computed inside valueAndGrad"), e.getMessage());
      assertTrue(e.getMessage().contains("copy()"), e.getMessage());
      assertThrows(IllegalStateException.class, () -> tensor.add(tensor));
    }
  }

  @Test
  void aCopyMadeInsideStaysReadableAndPassesGradients() {
    Tensor w = Tensor.full(0.5f, 100, 64);
    List<Tensor> kept = new ArrayList<>();
    ValueAndGrad<Tensor> viaCopy = Autodiff.valueAndGrad(w, v -> {
      Tensor h = v.matmul(X).tanh();
      kept.add(h.copy());
      return h.copy().square().mean();
    });
    float[] expected = w.matmul(X).tanh().toFloatArray();
    Autodiff.valueAndGrad(Tensor.full(-1f, 100, 64), v -> v.matmul(X).tanh().square().mean());
    assertArrayEquals(expected, kept.get(0).toFloatArray());
    ValueAndGrad<Tensor> direct = Autodiff.valueAndGrad(w, v -> v.matmul(X).tanh().square().mean());
    assertArrayEquals(direct.grad().toFloatArray(), viaCopy.grad().toFloatArray());
  }

  @Test
  void aViewMadeOnAnotherThreadDuringThePassIsReleasedToo() {
    List<Tensor> leaked = new ArrayList<>();
    Autodiff.valueAndGrad(Tensor.full(0.5f, 100, 64), w -> {
      Tensor h = w.matmul(X).tanh();
      leaked.add(CompletableFuture.supplyAsync(() -> h.reshape(-1)).join());
      return h.mean();
    });
    assertThrows(IllegalStateException.class, () -> leaked.get(0).toFloatArray());
  }

  @Test
  void whenTheFunctionFailsItsValuesStayReadable() {
    List<Tensor> made = new ArrayList<>();
    assertThrows(ArithmeticException.class, () -> Autodiff.valueAndGrad(Tensor.full(0.5f, 100, 64), w -> {
      made.add(w.matmul(X).tanh());
      throw new ArithmeticException("failing on purpose");
    }));
    assertArrayEquals(Tensor.full(0.5f, 100, 64).matmul(X).tanh().toFloatArray(), made.get(0).toFloatArray());
  }

  @Test
  void stepsOnReusedArraysGiveTheSameGradientsAsTheFirst() {
    Tensor w = Tensor.linspace(-1, 1, 100 * 64).reshape(100, 64);
    float[] first = Autodiff.valueAndGrad(w, v -> v.matmul(X).tanh().mul(v.matmul(X)).mean()).grad().toFloatArray();
    for (int i = 0; i < 3; i++) {
      Autodiff.valueAndGrad(Tensor.full(i, 100, 64), v -> v.matmul(X).relu().square().sum());
      float[] again = Autodiff.valueAndGrad(w, v -> v.matmul(X).tanh().mul(v.matmul(X)).mean()).grad().toFloatArray();
      assertArrayEquals(first, again);
    }
  }

  @Test
  void anInnerPassLeavesTheOuterPassValuesAlone() {
    Tensor w = Tensor.full(0.5f, 100, 64);
    ValueAndGrad<Tensor> outer = Autodiff.valueAndGrad(w, v -> {
      Tensor h = v.matmul(X).tanh();
      Tensor innerGrad = Autodiff.valueAndGrad(h.detach(), u -> u.square().sum()).grad();
      return h.mul(innerGrad).mean();
    });
    Tensor h = w.matmul(X).tanh();
    ValueAndGrad<Tensor> flat = Autodiff.valueAndGrad(w, v -> v.matmul(X).tanh().mul(h.mul(2f)).mean());
    assertArrayEquals(flat.grad().toFloatArray(), outer.grad().toFloatArray(), 1e-6f);
  }
}
