package dev.solstice.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AutodiffTest {
  @Test
  void unusedInputsGetZeroGradients() {
    Tensor x = Tensor.of(new float[] {1, 2}, 2);
    Tensor unused = Tensor.ones(3, 2);
    ValueAndGrad<List<Tensor>> vg = Autodiff.valueAndGrad(List.of(x, unused), in -> in.get(0).sum());
    assertArrayEquals(new float[] {1, 1}, vg.grad().get(0).toFloatArray());
    assertArrayEquals(new int[] {3, 2}, vg.grad().get(1).shape());
    assertArrayEquals(new float[6], vg.grad().get(1).toFloatArray());
  }

  @Test
  void gradientsOfSharedSubexpressionsAccumulate() {
    Tensor x = Tensor.of(new float[] {1, -2, 3}, 3);
    ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(x, v -> {
      Tensor square = v.mul(v);
      return square.add(v).add(square).sum();
    });
    assertEquals(1 + 4 + 9 + (1 - 2 + 3) + 1 + 4 + 9, vg.value().item());
    assertArrayEquals(new float[] {5, -7, 13}, vg.grad().toFloatArray());
  }

  @Test
  void untrackedComputationRecordsNothing() {
    Tensor x = Tensor.ones(2);
    assertFalse(x.add(x).tanh().sum().isTracked());
    Autodiff.valueAndGrad(x, v -> {
      assertTrue(v.isTracked());
      assertTrue(v.mul(2).isTracked());
      assertFalse(Tensor.ones(2).mul(3).isTracked(), "constants inside f stay untracked");
      assertFalse(v.detach().isTracked());
      return v.sum();
    });
  }

  @Test
  void theValueIsUntracked() {
    ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(Tensor.ones(2), v -> v.sum());
    assertFalse(vg.value().isTracked());
    assertFalse(vg.grad().isTracked());
  }

  @Test
  void detachStopsTheGradient() {
    Tensor x = Tensor.of(new float[] {3}, 1);
    ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(x, v -> v.mul(v.detach()).sum());
    assertArrayEquals(new float[] {3}, vg.grad().toFloatArray());
  }

  @Test
  void deepGraphsDoNotOverflowTheStack() {
    ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(Tensor.ones(1), v -> {
      Tensor y = v;
      for (int i = 0; i < 50_000; i++) {
        y = y.add(v);
      }
      return y.sum();
    });
    assertArrayEquals(new float[] {50_001}, vg.grad().toFloatArray());
  }

  @Test
  void concurrentCallsShareNothing() throws Exception {
    Tensor w = OpCases.random(new Random(1), OpCases.Domain.REAL, 16, 8);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[]>> results = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        float scale = t;
        results.add(pool.submit(() -> {
          Tensor x = Tensor.full(scale, 8);
          return Autodiff.valueAndGrad(w, v -> v.matmul(x).tanh().sum()).grad().toFloatArray();
        }));
      }
      for (int t = 0; t < 16; t++) {
        Tensor x = Tensor.full(t, 8);
        assertArrayEquals(Autodiff.valueAndGrad(w, v -> v.matmul(x).tanh().sum()).grad().toFloatArray(), results.get(t).get());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void badFunctionsAndInputsAreRejected() {
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
        () -> Autodiff.valueAndGrad(Tensor.ones(2), v -> v.mul(2)));
    assertTrue(shape.getMessage().contains("scalar") && shape.getMessage().contains("[2]"), shape.getMessage());
    IllegalArgumentException ints = assertThrows(IllegalArgumentException.class,
        () -> Autodiff.valueAndGrad(Tensor.arange(3), v -> v.sum()));
    assertTrue(ints.getMessage().contains("INT32"), ints.getMessage());
  }

  @Test
  void insideBatchingGradientsArePerSampleForBatchedInputs() {
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
    Tensor w = Tensor.of(new float[] {1, -1}, 2);
    try (Batching vmap = Batching.begin(3)) {
      Tensor xs = vmap.in("x", x, 0);
      ValueAndGrad<List<Tensor>> vg = Autodiff.valueAndGrad(List.of(xs, w), in -> in.get(0).square().mul(in.get(1)).sum());
      assertArrayEquals(new float[] {1 - 4, 9 - 16, 25 - 36}, vmap.out(vg.value(), 0).toFloatArray());
      assertArrayEquals(new float[] {2, -4, 6, -8, 10, -12}, vmap.out(vg.grad().get(0), 0).toFloatArray());
      assertArrayEquals(new float[] {1 + 9 + 25, 4 + 16 + 36}, vg.grad().get(1).toFloatArray(), "shared input: summed over the batch");
    }
  }
}
