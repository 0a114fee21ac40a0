package dev.solstice.examples.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.runtime.Tensor;
import org.junit.jupiter.api.Test;

/** The workloads compute what they claim to, so their timings mean something. Nothing is timed. */
class WorkloadsTest {

  @Test
  void seedStepTrainsTheSeedModel() {
    SeedStep workload = new SeedStep();
    workload.setUp();

    float first = workload.step().item();
    float last = first;
    for (int i = 0; i < 20; i++) {
      last = workload.step().item();
    }

    assertTrue(Float.isFinite(first) && first > 0, "initial loss " + first);
    assertTrue(last < first, "sgd lowers the loss: " + first + " -> " + last);
  }

  @Test
  void mlpStepTrainsTheClassifier() {
    MlpStep workload = new MlpStep();
    workload.setUp();

    float first = workload.step().item();
    float last = first;
    for (int i = 0; i < 5; i++) {
      last = workload.step().item();
    }

    // Ten classes: a fresh model is near log(10) = 2.30.
    assertEquals(Math.log(10), first, 1.0, "initial cross-entropy");
    assertTrue(last < first, "adam lowers the loss: " + first + " -> " + last);
  }

  @Test
  void mlpStepThroughTrainStateTakesTheSameStepsAsUpdateThenApply() {
    MlpStep workload = new MlpStep();
    workload.setUp();

    for (int i = 0; i < 4; i++) {
      assertEquals(workload.updateThenApply().item(), workload.step().item(), 0f, "loss of step " + i);
    }
  }

  @Test
  void mlpEpochTrainsTheClassifierEpochAfterEpoch() {
    MlpEpoch workload = new MlpEpoch();
    workload.setUp();

    float first = workload.epoch();
    float second = workload.epoch();

    // Random labels: an epoch's mean loss starts near log(10) and falls as the model memorises.
    assertEquals(Math.log(10), first, 0.5, "first epoch's mean cross-entropy");
    assertTrue(second < first, "the second epoch's loss is lower: " + first + " -> " + second);
  }

  @Test
  void perSampleAndBatchedForwardsAgree() {
    VmapForward workload = new VmapForward();
    workload.setUp();

    Tensor batched = workload.batched();
    Tensor[] perSample = workload.perSample();

    assertArrayEquals(new int[] {VmapForward.BATCH, 10}, batched.shape());
    assertEquals(VmapForward.BATCH, perSample.length);
    for (int i : new int[] {0, 1, 511, VmapForward.BATCH - 1}) {
      float[] row = batched.slice(0, i, i + 1).reshape(10).toFloatArray();
      assertArrayEquals(row, perSample[i].toFloatArray(), 1e-4f, "sample " + i);
    }
  }

  @Test
  void squareMatmulMultipliesItsMatrices() {
    SquareMatmul workload = new SquareMatmul();
    workload.size = 48;
    workload.setUp();

    Tensor product = workload.multiply();

    assertArrayEquals(new int[] {48, 48}, product.shape());
    float[] a = workload.a.toFloatArray();
    float[] b = workload.b.toFloatArray();
    float[] c = product.toFloatArray();
    for (int[] at : new int[][] {{0, 0}, {3, 47}, {47, 5}, {20, 20}}) {
      double expected = 0;
      for (int k = 0; k < 48; k++) {
        expected += a[at[0] * 48 + k] * b[k * 48 + at[1]];
      }
      assertEquals(expected, c[at[0] * 48 + at[1]], 1e-4, "element " + at[0] + "," + at[1]);
    }
  }
}
