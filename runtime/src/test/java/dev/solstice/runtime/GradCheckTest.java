package dev.solstice.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Finite-difference gradient checks of every op: plain, and vmapped with all or some inputs batched. */
class GradCheckTest {
  static final int BATCH = 3;

  static Stream<OpCases.OpCase> cases() {
    return OpCases.ALL.stream();
  }

  /** {@code sum(op(inputs) * w)} for a fixed random weight of the op's output shape, so every output element matters differently. */
  static Function<List<Tensor>, Tensor> weighted(Function<List<Tensor>, Tensor> op, long seed) {
    return xs -> {
      Tensor y = op.apply(xs);
      Tensor w = OpCases.random(new Random(seed), OpCases.Domain.REAL, y.shape());
      return y.mul(w).sum();
    };
  }

  /** {@code op} vmapped over axis 0 of the first {@code batched} inputs; the others are shared. */
  static Function<List<Tensor>, Tensor> vmapped(Function<List<Tensor>, Tensor> op, int batched) {
    return xs -> {
      try (Batching vmap = Batching.begin(BATCH)) {
        Tensor[] args = xs.toArray(new Tensor[0]);
        for (int i = 0; i < batched; i++) {
          args[i] = vmap.in("x" + i, args[i], 0);
        }
        return vmap.out(op.apply(List.of(args)), 0);
      }
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gradientsMatchFiniteDifferences(OpCases.OpCase c) {
    GradCheck.assertGradients(weighted(c.op(), 7), c.inputs(new Random(1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void vmappedGradientsMatchFiniteDifferences(OpCases.OpCase c) {
    List<Tensor> inputs = c.inputs(new Random(2));
    List<Tensor> batched = new java.util.ArrayList<>(inputs);
    for (int i = 0; i < inputs.size(); i++) {
      batched.set(i, OpCases.random(new Random(3 + i), c.domain(), Shapes.concat(new int[] {BATCH}, inputs.get(i).shape())));
    }
    GradCheck.assertGradients(weighted(vmapped(c.op(), inputs.size()), 8), batched);
    // Only the first input batched: the others are shared by every sample and their gradients sum over the batch.
    batched = new java.util.ArrayList<>(inputs);
    batched.set(0, OpCases.random(new Random(4), c.domain(), Shapes.concat(new int[] {BATCH}, inputs.get(0).shape())));
    GradCheck.assertGradients(weighted(vmapped(c.op(), 1), 9), batched);
  }

  @Test
  void detectsAWrongGradient() {
    // d/dx sum(x * x) is 2x, but with one factor detached autodiff sees only x.
    Tensor x = OpCases.random(new Random(5), OpCases.Domain.REAL, 3);
    GradCheck.Result result = GradCheck.check(xs -> xs.get(0).mul(xs.get(0).detach()).sum(), List.of(x));
    assertFalse(result.passed(), result.toString());
    assertThrows(AssertionError.class,
        () -> GradCheck.assertGradients(xs -> xs.get(0).mul(xs.get(0).detach()).sum(), List.of(x)));
  }

  @Test
  void acceptsACorrectGradient() {
    Tensor x = OpCases.random(new Random(6), OpCases.Domain.REAL, 3);
    assertTrue(GradCheck.check(xs -> xs.get(0).mul(xs.get(0)).sum(), List.of(x)).passed());
  }
}
