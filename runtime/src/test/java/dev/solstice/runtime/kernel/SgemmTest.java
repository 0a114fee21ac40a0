package dev.solstice.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every backend's sgemm against a double-precision reference, over shapes that hit each path. */
class SgemmTest {
  /**
   * {m, n, k}: tiny, the seed's shapes, ragged tiles, blocks crossed, rows or columns split, and
   * results narrower than a vector (a classifier's 10 logits; ragged rows; two blocks of k), and
   * small per-head attention products (direct, with op(B) copied into rows when transposed).
   */
  private static final int[][] SHAPES = {
    {1, 1, 1}, {2, 3, 1}, {3, 1, 5}, {7, 5, 3}, {1000, 32, 1}, {1000, 1, 32}, {32, 1, 1000},
    {1, 32, 1000}, {33, 31, 35}, {64, 64, 64}, {65, 47, 129}, {100, 17, 300}, {9, 200, 70},
    {130, 131, 257}, {300, 40, 20}, {20, 1100, 40}, {257, 96, 17}, {128, 784, 256}, {300, 100, 80},
    {1024, 10, 256}, {37, 10, 300}, {130, 15, 64}, {8, 1, 4096}, {0, 5, 3}, {4, 0, 3}, {4, 5, 0},
    {32, 32, 16}, {32, 16, 32}, {2, 9, 7},
  };

  @ParameterizedTest
  @EnumSource(Backend.class)
  void agreesWithReferenceOnEveryShapeAndTransposition(Backend backend) {
    Sgemm sgemm = Kernels.sgemm(backend);
    Random random = new Random(42);
    for (int[] shape : SHAPES) {
      for (int transposition = 0; transposition < 4; transposition++) {
        Case c = Case.random(random, shape[0], shape[1], shape[2], transposition);
        c.runAndCheck(sgemm);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void agreesWithReferenceOnRandomShapes(Backend backend) {
    Sgemm sgemm = Kernels.sgemm(backend);
    Random random = new Random(7);
    for (int i = 0; i < 60; i++) {
      int m = 1 + random.nextInt(i % 3 == 0 ? 300 : 40);
      int n = 1 + random.nextInt(i % 3 == 1 ? 300 : 40);
      int k = 1 + random.nextInt(i % 3 == 2 ? 300 : 40);
      Case.random(random, m, n, k, random.nextInt(4)).runAndCheck(sgemm);
    }
  }

  @Test
  void vectorKernelCrossesBlocksOfColumnsAndDepthInEveryBand() {
    // Split into bands of rows; 1025 columns and depth 257 cross a packed block of each.
    Sgemm sgemm = Kernels.sgemm(Backend.VECTOR);
    Random random = new Random(3);
    for (int transposition : new int[] {0, 3}) {
      Case.random(random, 1025, 1025, 257, transposition).runAndCheck(sgemm);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void betaZeroOverwritesNanAndBetaOneAccumulates(Backend backend) {
    Sgemm sgemm = Kernels.sgemm(backend);
    for (int size : new int[] {3, 100}) {
      float[] a = new float[size * size];
      float[] b = new float[size * size];
      for (int i = 0; i < size; i++) {
        a[i * size + i] = 1;
        b[i * size + i] = 2;
      }
      float[] c = new float[size * size];
      java.util.Arrays.fill(c, Float.NaN);
      sgemm.sgemm(false, false, size, size, size, 1, a, 0, size, b, 0, size, 0, c, 0, size);
      sgemm.sgemm(false, false, size, size, size, 1, a, 0, size, b, 0, size, 1, c, 0, size);
      for (int i = 0; i < size; i++) {
        for (int j = 0; j < size; j++) {
          assertEquals(i == j ? 4f : 0f, c[i * size + j], sgemm.name() + " at " + i + "," + j);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void rejectsBadArgumentsNamingTheOperand(Backend backend) {
    Sgemm sgemm = Kernels.sgemm(backend);
    float[] six = new float[6];
    IllegalArgumentException shortB =
        assertThrows(
            IllegalArgumentException.class,
            () -> sgemm.sgemm(false, false, 2, 3, 3, 1, six, 0, 3, six, 0, 3, 0, six, 0, 3));
    assertTrue(shortB.getMessage().contains("B is stored 3x3"), shortB.getMessage());
    assertTrue(shortB.getMessage().contains("array has 6"), shortB.getMessage());
    IllegalArgumentException smallLd =
        assertThrows(
            IllegalArgumentException.class,
            () -> sgemm.sgemm(true, false, 2, 3, 3, 1, six, 0, 1, six, 0, 3, 0, six, 0, 3));
    assertTrue(smallLd.getMessage().contains("A is stored 3x2"), smallLd.getMessage());
    IllegalArgumentException negative =
        assertThrows(
            IllegalArgumentException.class,
            () -> sgemm.sgemm(false, false, -1, 3, 3, 1, six, 0, 3, six, 0, 3, 0, six, 0, 3));
    assertTrue(negative.getMessage().contains("m=-1"), negative.getMessage());
  }

  /** One random problem with padded leading dimensions and offsets into larger arrays. */
  private record Case(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float alpha,
      float[] a,
      int aOff,
      int lda,
      float[] b,
      int bOff,
      int ldb,
      float beta,
      float[] c,
      int cOff,
      int ldc) {

    static Case random(Random random, int m, int n, int k, int transposition) {
      boolean transA = (transposition & 1) != 0;
      boolean transB = (transposition & 2) != 0;
      int lda = (transA ? m : k) + random.nextInt(3);
      int ldb = (transB ? k : n) + random.nextInt(3);
      int ldc = n + random.nextInt(3);
      int aOff = random.nextInt(5);
      int bOff = random.nextInt(5);
      int cOff = random.nextInt(5);
      float[] a = randomArray(random, aOff + (transA ? k : m) * Math.max(lda, 1) + 3);
      float[] b = randomArray(random, bOff + (transB ? n : k) * Math.max(ldb, 1) + 3);
      float[] c = randomArray(random, cOff + m * Math.max(ldc, 1) + 3);
      float alpha = random.nextBoolean() ? 1 : (float) random.nextGaussian();
      float beta = new float[] {0, 1, -0.5f}[random.nextInt(3)];
      return new Case(transA, transB, m, n, k, alpha, a, aOff, Math.max(lda, 1), b, bOff,
          Math.max(ldb, 1), beta, c, cOff, Math.max(ldc, 1));
    }

    private static float[] randomArray(Random random, int size) {
      float[] values = new float[size];
      for (int i = 0; i < size; i++) {
        values[i] = (float) random.nextGaussian();
      }
      return values;
    }

    void runAndCheck(Sgemm sgemm) {
      float[] result = c.clone();
      sgemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, result, cOff,
          ldc);
      List<String> errors = new ArrayList<>();
      for (int index = 0; index < result.length; index++) {
        int local = index - cOff;
        int i = local >= 0 ? local / ldc : -1;
        int j = local >= 0 ? local % ldc : -1;
        if (i < 0 || i >= m || j >= n) {
          if (Float.floatToIntBits(result[index]) != Float.floatToIntBits(c[index])) {
            errors.add("element " + index + " outside C changed");
          }
          continue;
        }
        double exact = beta == 0 ? 0 : (double) beta * c[index];
        double bound = Math.abs(exact);
        for (int p = 0; p < k; p++) {
          double product = (double) alpha * at(a, aOff, lda, transA, i, p) * at(b, bOff, ldb,
              transB, p, j);
          exact += product;
          bound += Math.abs(product);
        }
        if (Math.abs(result[index] - exact) > 2e-6 * bound * Math.sqrt(k + 1) + 1e-30) {
          errors.add("C[" + i + "," + j + "] = " + result[index] + ", expected " + exact);
        }
      }
      assertTrue(
          errors.isEmpty(),
          () -> sgemm.name() + " " + this.describe() + ": " + errors.size() + " errors, first "
              + errors.subList(0, Math.min(3, errors.size())));
    }

    /** Element (row, column) of op(X) for X stored at offset with leading dimension ld. */
    private static float at(float[] x, int offset, int ld, boolean trans, int row, int column) {
      return trans ? x[offset + column * ld + row] : x[offset + row * ld + column];
    }

    private String describe() {
      return String.format("m=%d n=%d k=%d transA=%b transB=%b alpha=%s beta=%s lda=%d ldb=%d"
          + " ldc=%d", m, n, k, transA, transB, alpha, beta, lda, ldb, ldc);
    }
  }
}
