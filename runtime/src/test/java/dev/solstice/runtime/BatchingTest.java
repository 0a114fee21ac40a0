package dev.solstice.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.shape.ShapeMismatchException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BatchingTest {
  private static final int BATCH = 4;

  static Stream<OpCases.OpCase> cases() {
    return OpCases.ALL.stream();
  }

  /** Sample {@code b} of {@code x} along axis 0. */
  private static Tensor sample(Tensor x, int b) {
    return x.slice(0, b, b + 1).squeeze(0);
  }

  /** The op run on each sample in turn and the results stacked: what vmap must equal. */
  private static Tensor loop(OpCases.OpCase c, List<Tensor> inputs, int batched) {
    Tensor[] results = new Tensor[BATCH];
    for (int b = 0; b < BATCH; b++) {
      List<Tensor> args = new ArrayList<>(inputs);
      for (int i = 0; i < batched; i++) {
        args.set(i, sample(inputs.get(i), b));
      }
      results[b] = c.op().apply(args);
    }
    return Tensor.stack(0, results);
  }

  private static Tensor vmap(OpCases.OpCase c, List<Tensor> inputs, int batched) {
    try (Batching vmap = Batching.begin(BATCH)) {
      List<Tensor> args = new ArrayList<>(inputs);
      for (int i = 0; i < batched; i++) {
        args.set(i, vmap.in("x" + i, inputs.get(i), 0));
      }
      return vmap.out(c.op().apply(args), 0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void vmapEqualsStackedPerSampleResults(OpCases.OpCase c) {
    List<Tensor> inputs = new ArrayList<>();
    Random random = new Random(11);
    for (int[] shape : c.shapes()) {
      inputs.add(OpCases.random(random, c.domain(), Shapes.concat(new int[] {BATCH}, shape)));
    }
    Golden.assertClose(loop(c, inputs, inputs.size()), vmap(c, inputs, inputs.size()), 1e-5, 1e-6, c.name() + " all batched");

    List<Tensor> firstOnly = c.inputs(new Random(12));
    firstOnly.set(0, inputs.get(0));
    Golden.assertClose(loop(c, firstOnly, 1), vmap(c, firstOnly, 1), 1e-5, 1e-6, c.name() + " first batched");
  }

  /** Tracked tensors reachable from {@code t}: the size of the recorded graph. */
  private static int graphSize(Tensor t) {
    Map<Tensor, Boolean> seen = new IdentityHashMap<>();
    List<Tensor> todo = new ArrayList<>(List.of(t));
    while (!todo.isEmpty()) {
      Tensor next = todo.remove(todo.size() - 1);
      if (next.node != null && seen.put(next, Boolean.TRUE) == null) {
        todo.addAll(List.of(next.node.inputs));
      }
    }
    return seen.size();
  }

  private static Tensor mlpLoss(Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor x) {
    try (Batching vmap = Batching.begin(x.dim(0))) {
      Tensor xs = vmap.in("x", x, 0);
      Tensor y = w2.matmul(w1.matmul(xs).add(b1).tanh()).add(b2);
      return vmap.out(y, 0).square().mean();
    }
  }

  @Test
  void batchedForwardIsOneGraphWhateverTheBatchSize() {
    Random random = new Random(13);
    Tensor w1 = OpCases.random(random, OpCases.Domain.REAL, 8, 2).withNode(Node.leaf());
    Tensor b1 = OpCases.random(random, OpCases.Domain.REAL, 8).withNode(Node.leaf());
    Tensor w2 = OpCases.random(random, OpCases.Domain.REAL, 1, 8).withNode(Node.leaf());
    Tensor b2 = OpCases.random(random, OpCases.Domain.REAL, 1).withNode(Node.leaf());
    int small = graphSize(mlpLoss(w1, b1, w2, b2, OpCases.random(random, OpCases.Domain.REAL, 2, 2)));
    int large = graphSize(mlpLoss(w1, b1, w2, b2, OpCases.random(random, OpCases.Domain.REAL, 500, 2)));
    assertEquals(small, large, "a per-sample loop would record a graph that grows with the batch");
    assertTrue(small < 20, "graph of " + small + " nodes");
  }

  @Test
  void weightTimesBatchedVectorIsOneBatchedProduct() {
    Tensor w = OpCases.random(new Random(14), OpCases.Domain.REAL, 3, 2);
    Tensor x = OpCases.random(new Random(15), OpCases.Domain.REAL, 5, 2);
    try (Batching vmap = Batching.begin(5)) {
      Tensor y = w.matmul(vmap.in("x", x, 0));
      assertArrayEquals(new int[] {3}, y.shape());
      assertEquals(1, y.rank());
      assertEquals(3, y.dim(-1));
      assertEquals(3, y.size());
      assertEquals(1, y.batchAxes());
      assertArrayEquals(new int[] {5, 3}, y.physicalShape());
      Golden.assertClose(x.matmul(w.transpose()), vmap.out(y, 0), 1e-6, 1e-6, "x w^T");
    }
  }

  @Test
  void inAndOutMoveAnyAxis() {
    Tensor x = OpCases.random(new Random(16), OpCases.Domain.REAL, 2, 3, 4);
    try (Batching vmap = Batching.begin(3)) {
      Tensor xs = vmap.in("x", x, 1);
      assertArrayEquals(new int[] {2, 4}, xs.shape());
      Tensor y = xs.sum(0);
      Tensor out = vmap.out(y, -1);
      assertArrayEquals(new int[] {4, 3}, out.shape());
      Golden.assertClose(x.sum(0).transpose(), out, 1e-6, 1e-6, "sum over axis 0 per sample");
      Golden.assertClose(x, vmap.out(xs, 1), 0, 0, "in then out is the identity");
    }
  }

  @Test
  void outBroadcastsAValueThatDoesNotDependOnTheBatch() {
    Tensor w = Tensor.of(new float[] {1, 2}, 2);
    try (Batching vmap = Batching.begin(3)) {
      Tensor out = vmap.out(w.mul(2f), 0);
      assertArrayEquals(new int[] {3, 2}, out.shape());
      assertArrayEquals(new float[] {2, 4, 2, 4, 2, 4}, out.toFloatArray());
    }
  }

  @Test
  void nestedLevelsEqualADoubleLoop() {
    Random random = new Random(17);
    Tensor a = OpCases.random(random, OpCases.Domain.REAL, 3, 4);
    Tensor b = OpCases.random(random, OpCases.Domain.REAL, 5, 4);
    Tensor w = OpCases.random(random, OpCases.Domain.REAL, 4, 4);
    Tensor nested;
    try (Batching outer = Batching.begin(3)) {
      Tensor as = outer.in("a", a, 0);
      Tensor aw = as.matmul(w);
      Tensor inner;
      try (Batching in = Batching.begin(5)) {
        assertEquals(2, Batching.depth());
        Tensor bs = in.in("b", b, 0);
        inner = in.out(aw.mul(bs).sum().add(as.max()), 0);
        assertThrows(IllegalStateException.class, () -> outer.out(as, 0), "outer level used while inner is open");
      }
      nested = outer.out(inner, 0);
    }
    assertEquals(0, Batching.depth());
    float[] expected = new float[15];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 5; j++) {
        Tensor ai = a.slice(0, i, i + 1).squeeze(0);
        Tensor bj = b.slice(0, j, j + 1).squeeze(0);
        expected[i * 5 + j] = ai.matmul(w).mul(bj).sum().add(ai.max()).item();
      }
    }
    Golden.assertClose(Tensor.of(expected, 3, 5), nested, 1e-5, 1e-6, "nested vmap");
  }

  @Test
  void innerLevelOverAValueShapedOnlyByTheOuterOne() {
    Tensor a = Tensor.of(new float[] {1, 2, 3}, 3);
    Tensor b = Tensor.of(new float[] {10, 20}, 2);
    Tensor result;
    try (Batching outer = Batching.begin(3)) {
      Tensor as = outer.in("a", a, 0);
      Tensor inner;
      try (Batching in = Batching.begin(2)) {
        inner = in.out(in.in("b", b, 0).add(1f), 0);   // depends on the inner level only
      }
      result = outer.out(inner.add(as), 1);
    }
    assertArrayEquals(new int[] {2, 3}, result.shape());
    assertArrayEquals(new float[] {12, 13, 14, 22, 23, 24}, result.toFloatArray());
  }

  @Test
  void gradientsFlowThroughBatchedOps() {
    Random random = new Random(18);
    Tensor w1 = OpCases.random(random, OpCases.Domain.REAL, 8, 2);
    Tensor b1 = OpCases.random(random, OpCases.Domain.REAL, 8);
    Tensor w2 = OpCases.random(random, OpCases.Domain.REAL, 1, 8);
    Tensor b2 = OpCases.random(random, OpCases.Domain.REAL, 1);
    Tensor x = OpCases.random(random, OpCases.Domain.REAL, 6, 2);
    ValueAndGrad<List<Tensor>> batched = Autodiff.valueAndGrad(List.of(w1, b1, w2, b2),
        p -> mlpLoss(p.get(0), p.get(1), p.get(2), p.get(3), x));
    ValueAndGrad<List<Tensor>> plain = Autodiff.valueAndGrad(List.of(w1, b1, w2, b2),
        p -> x.matmul(p.get(0).transpose()).add(p.get(1)).tanh().matmul(p.get(2).transpose()).add(p.get(3)).square().mean());
    assertEquals(plain.value().item(), batched.value().item(), 1e-6);
    for (int i = 0; i < 4; i++) {
      Golden.assertClose(plain.grad().get(i), batched.grad().get(i), 1e-5, 1e-6, "gradient " + i);
    }
  }

  @Test
  void wrongBatchSizeNamesTheArgument() {
    try (Batching vmap = Batching.begin(4)) {
      ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> vmap.in("images", Tensor.zeros(3, 2), 0));
      assertTrue(e.getMessage().contains("images"), e.getMessage());
      assertTrue(e.getMessage().contains("3") && e.getMessage().contains("4"), e.getMessage());
      IllegalArgumentException axis = assertThrows(IllegalArgumentException.class, () -> vmap.in("x", Tensor.zeros(4), 1));
      assertTrue(axis.getMessage().contains("axis 1") && axis.getMessage().contains("rank 1"), axis.getMessage());
    }
  }

  @Test
  void readingABatchedTensorIsAnError() {
    try (Batching vmap = Batching.begin(2)) {
      Tensor xs = vmap.in("x", Tensor.zeros(2, 3), 0);
      assertThrows(IllegalStateException.class, xs::toFloatArray);
      assertThrows(IllegalStateException.class, () -> xs.sum().item());
      assertArrayEquals(new float[6], xs.physicalFloats());
    }
  }

  @Test
  void levelsCloseInnermostFirstAndStayOnTheirThread() throws Exception {
    Batching outer = Batching.begin(2);
    Batching inner = Batching.begin(3);
    assertThrows(IllegalStateException.class, outer::close);
    assertEquals(0, CompletableFuture.supplyAsync(Batching::depth).get(), "another thread sees no level");
    inner.close();
    outer.close();
    assertEquals(0, Batching.depth());
    assertThrows(IllegalStateException.class, () -> outer.in("x", Tensor.zeros(2), 0));
  }

  /** A value holding a tensor, as the PRNG's Key holds its key data. */
  private record Holder(Tensor data) implements Batchable<Holder> {
    @Override
    public Holder mapTensors(UnaryOperator<Tensor> f) {
      return new Holder(f.apply(data));
    }
  }

  @Test
  void batchableValuesAreMappedThroughTheirTensors() {
    Holder keys = new Holder(Tensor.ofInts(new int[] {1, 2, 3, 4, 5, 6}, 3, 2));
    try (Batching vmap = Batching.begin(3)) {
      Holder perSample = vmap.in("key", keys, 0);
      assertArrayEquals(new int[] {2}, perSample.data().shape());
      assertEquals(1, perSample.data().batchAxes());
      // What a PRNG does per sample: read every sample's key data, build a result with the same hidden axes.
      int[] raw = perSample.data().physicalInts();
      float[] drawn = new float[3];
      for (int b = 0; b < 3; b++) {
        drawn[b] = raw[2 * b] + raw[2 * b + 1];
      }
      Tensor draws = Tensor.ofPhysical(drawn, perSample.data().batchAxes(), 3);
      assertArrayEquals(new int[0], draws.shape());
      assertArrayEquals(new float[] {3, 7, 11}, vmap.out(draws, 0).toFloatArray());
      assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, vmap.out(perSample, 0).data().toIntArray());
    }
  }
}
