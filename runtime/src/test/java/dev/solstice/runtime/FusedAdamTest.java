package dev.solstice.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fused loop against the same formula written with tensor ops, bit for bit. */
class FusedAdamTest {
  private static final int SIZE = 10_000;
  private static final FusedAdam DEFAULTS = new FusedAdam(0.9f, (float) (1 - 0.9), 0.999f, (float) (1 - 0.999), 0f, 1e-8f);
  private static final FusedAdam EPS_ROOT = new FusedAdam(0.8f, (float) (1 - 0.8), 0.99f, (float) (1 - 0.99), 1e-8f, 1e-6f);

  @ParameterizedTest
  @ValueSource(floats = {1f, -1e-3f, -0.05f})
  void stepIsBitIdenticalToTensorOps(float scale) {
    for (FusedAdam c : List.of(DEFAULTS, EPS_ROOT)) {
      Tensor[] in = inputs(new Random(7));
      for (int t = 1; t <= 3; t++) {
        float c1 = 1f - (float) Math.pow(c.b1(), t);
        float c2 = 1f - (float) Math.pow(c.b2(), t);
        FusedAdam.Step fused = c.step(in[0], in[1], in[2], c1, c2, scale, null);
        FusedAdam.Step applied = c.step(in[0], in[1], in[2], c1, c2, scale, in[3]);
        Tensor mu = in[0].mul(c.oneMinusB1()).add(in[1].mul(c.b1()));
        Tensor nu = in[0].square().mul(c.oneMinusB2()).add(in[2].mul(c.b2()));
        Tensor u = mu.div(c1).div(nu.div(c2).add(c.epsRoot()).sqrt().add(c.eps())).mul(scale);
        assertBits(mu, fused.mu());
        assertBits(nu, fused.nu());
        assertBits(u, fused.update());
        assertBits(in[3].add(u), applied.update());
        assertBits(mu, applied.mu());
        assertBits(nu, applied.nu());
        in = new Tensor[] {in[0].mul(-0.5f), fused.mu(), fused.nu(), applied.update()};
      }
    }
  }

  @ParameterizedTest
  @ValueSource(floats = {1f, -0.02f})
  void nesterovStepIsBitIdenticalToTensorOps(float scale) {
    FusedAdam c = EPS_ROOT;
    Tensor[] in = inputs(new Random(11));
    for (int t = 1; t <= 3; t++) {
      float c1 = 1f - (float) Math.pow(c.b1(), t);
      float next = 1f - (float) Math.pow(c.b1(), t + 1);
      float c2 = 1f - (float) Math.pow(c.b2(), t);
      FusedAdam.Step fused = c.nesterovStep(in[0], in[1], in[2], c1, next, c2, scale, null);
      FusedAdam.Step applied = c.nesterovStep(in[0], in[1], in[2], c1, next, c2, scale, in[3]);
      Tensor mu = in[0].mul(c.oneMinusB1()).add(in[1].mul(c.b1()));
      Tensor nu = in[0].square().mul(c.oneMinusB2()).add(in[2].mul(c.b2()));
      Tensor muHat = mu.div(next).mul(c.b1()).add(in[0].div(c1).mul(c.oneMinusB1()));
      Tensor u = muHat.div(nu.div(c2).add(c.epsRoot()).sqrt().add(c.eps())).mul(scale);
      assertBits(mu, fused.mu());
      assertBits(nu, fused.nu());
      assertBits(u, fused.update());
      assertBits(in[3].add(u), applied.update());
      in = new Tensor[] {in[0].mul(1.5f), fused.mu(), fused.nu(), applied.update()};
    }
  }

  @Test
  void tensorsThatRecordGradientsOrAreBatchedAreRefused() {
    Tensor[] in = inputs(new Random(3));
    assertTrue(FusedAdam.accepts(in[0], in[1], in[2]));
    assertFalse(FusedAdam.accepts(in[0], in[1], in[2].slice(0, 0, SIZE - 1)));
    assertFalse(FusedAdam.accepts(in[0], in[1], Tensor.arange(SIZE)));
    assertTrue(FusedAdam.accepts(in[0], in[1], in[2], in[3]));
    assertFalse(FusedAdam.accepts(in[0], in[1], in[2], in[3].slice(0, 1, SIZE)));
    Autodiff.valueAndGrad(List.of(in[0]), g -> {
      assertFalse(FusedAdam.accepts(g.get(0), in[1], in[2]));
      assertThrows(IllegalArgumentException.class, () -> DEFAULTS.step(g.get(0), in[1], in[2], 0.1f, 0.001f, 1f, null));
      return g.get(0).sum();
    });
    try (Batching vmap = Batching.begin(SIZE)) {
      assertFalse(FusedAdam.accepts(vmap.in("g", in[0], 0), in[1], in[2]));
    }
  }

  /** A gradient with zeros, tiny and large values, moments as a few steps leave them, and a parameter. */
  private static Tensor[] inputs(Random random) {
    float[] g = new float[SIZE];
    float[] mu = new float[SIZE];
    float[] nu = new float[SIZE];
    float[] p = new float[SIZE];
    for (int i = 0; i < SIZE; i++) {
      g[i] = i % 97 == 0 ? 0f : (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9) - 6));
      mu[i] = (float) random.nextGaussian() * 0.01f;
      nu[i] = i % 89 == 0 ? 0f : (float) Math.abs(random.nextGaussian()) * 1e-4f;
      p[i] = (float) random.nextGaussian() * 0.05f;
    }
    return new Tensor[] {Tensor.of(g, SIZE), Tensor.of(mu, SIZE), Tensor.of(nu, SIZE), Tensor.of(p, SIZE)};
  }

  private static void assertBits(Tensor expected, Tensor actual) {
    float[] e = expected.toFloatArray();
    float[] a = actual.toFloatArray();
    int[] eb = new int[e.length];
    int[] ab = new int[a.length];
    for (int i = 0; i < e.length; i++) {
      eb[i] = Float.floatToIntBits(e[i]);
      ab[i] = Float.floatToIntBits(a[i]);
    }
    assertArrayEquals(eb, ab);
  }
}
