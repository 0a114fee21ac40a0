package dev.solstice.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** ArrayMath's matrix-vector kernels (gemv, ger), axpyTo and reluGrad, for both implementations. */
class MatrixVectorTest {
  /** {m, n}: empty, tiny, the seed's 1000x32, widths around whole vectors of 8 and 16 lanes. */
  private static final int[][] SHAPES = {
    {0, 3}, {3, 0}, {1, 1}, {5, 7}, {1000, 32}, {32, 1000}, {3, 8}, {4, 15}, {9, 16}, {2, 17},
    {7, 33}, {6, 64}, {5, 79}, {300, 10},
  };

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"JAVA", "VECTOR"})
  void gemvMatchesDoublePrecisionForBothOrientationsAndAnySteps(Backend backend) {
    ArrayMath math = Kernels.math(backend);
    Random random = new Random(11);
    for (int[] shape : SHAPES) {
      for (boolean trans : new boolean[] {false, true}) {
        for (int step : new int[] {1, 2}) {
          int m = shape[0];
          int n = shape[1];
          int lda = Math.max(1, n) + random.nextInt(3);
          int aOff = random.nextInt(4);
          int xLength = trans ? m : n;
          int yLength = trans ? n : m;
          int incx = step;
          int incy = 3 - step;
          float[] a = gaussian(random, aOff + m * lda + 2);
          float[] x = gaussian(random, 1 + xLength * incx);
          float[] y = gaussian(random, 2 + yLength * incy);
          float[] result = y.clone();
          float alpha = (float) random.nextGaussian();
          math.gemv(trans, m, n, alpha, a, aOff, lda, x, 1, incx, result, 2, incy);
          for (int index = 0; index < y.length; index++) {
            int local = index - 2;
            if (local < 0 || local % incy != 0 || local / incy >= yLength) {
              assertEquals(y[index], result[index], "element " + index + " outside y changed");
              continue;
            }
            int r = local / incy;
            double sum = y[index];
            double bound = Math.abs(sum);
            for (int p = 0; p < xLength; p++) {
              float element = trans ? a[aOff + p * lda + r] : a[aOff + r * lda + p];
              double product = (double) alpha * element * x[1 + p * incx];
              sum += product;
              bound += Math.abs(product);
            }
            double exact = sum;
            float actual = result[index];
            String where =
                math.name() + " gemv trans=" + trans + " " + m + "x" + n + " steps " + incx + ","
                    + incy + " y[" + r + "]";
            assertTrue(
                Math.abs(actual - exact) <= 2e-6 * bound * Math.sqrt(xLength + 1) + 1e-30,
                () -> where + " = " + actual + ", expected " + exact);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"JAVA", "VECTOR"})
  void gerAddsOneFusedMultiplyAddPerElementAndLeavesTheGapsAlone(Backend backend) {
    ArrayMath math = Kernels.math(backend);
    Random random = new Random(12);
    for (int[] shape : SHAPES) {
      for (int step : new int[] {1, 2}) {
        int m = shape[0];
        int n = shape[1];
        int lda = Math.max(1, n) + random.nextInt(3);
        int aOff = random.nextInt(4);
        float[] a = gaussian(random, aOff + m * lda + 2);
        float[] x = gaussian(random, 1 + m * step);
        float[] y = gaussian(random, n * (3 - step));
        float alpha = (float) random.nextGaussian();
        float[] result = a.clone();
        math.ger(m, n, alpha, x, 1, step, y, 0, 3 - step, result, aOff, lda);
        for (int index = 0; index < a.length; index++) {
          int local = index - aOff;
          int i = local / lda;
          int j = local % lda;
          float expected =
              local >= 0 && i < m && j < n
                  ? Math.fma(alpha * x[1 + i * step], y[j * (3 - step)], a[index])
                  : a[index];
          assertEquals(
              Float.floatToIntBits(expected),
              Float.floatToIntBits(result[index]),
              math.name() + " ger " + m + "x" + n + " element " + index);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"JAVA", "VECTOR"})
  void axpyToIsOneFusedMultiplyAddPerElementAndWorksInPlace(Backend backend) {
    ArrayMath math = Kernels.math(backend);
    Random random = new Random(14);
    float[] x = gaussian(random, 3000);
    float[] y = gaussian(random, 3000);
    for (int n : new int[] {0, 1, 15, 16, 17, 1024, 2500}) {
      float alpha = n % 2 == 0 ? -1f : (float) random.nextGaussian();
      float[] out = new float[3000];
      math.axpyTo(n, alpha, x, 4, y, 9, out, 2);
      float[] inPlace = y.clone();
      math.axpyTo(n, alpha, x, 4, inPlace, 9, inPlace, 9);
      for (int i = 0; i < n; i++) {
        float expected = Math.fma(alpha, x[4 + i], y[9 + i]);
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(out[2 + i]), "at " + i);
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(inPlace[9 + i]));
      }
      assertEquals(0f, out[1]);
      assertEquals(0f, out[2 + n]);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"JAVA", "VECTOR"})
  void reluGradPassesTheGradientExactlyWhereTheInputIsPositive(Backend backend) {
    ArrayMath math = Kernels.math(backend);
    float[] special = {0f, -0f, Float.NaN, Float.MIN_VALUE, -Float.MIN_VALUE,
      Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f, -1f};
    Random random = new Random(13);
    float[] x = gaussian(random, 1000);
    float[] g = gaussian(random, 1000);
    System.arraycopy(special, 0, x, 20, special.length);
    g[21] = -0f;
    g[22] = Float.NaN;
    for (int n : new int[] {0, 1, 15, 16, 17, 977}) {
      float[] out = new float[1000];
      math.reluGrad(x, 3, g, 5, out, 7, n);
      for (int i = 0; i < out.length; i++) {
        int k = i - 7;
        float expected = k >= 0 && k < n && x[3 + k] > 0 ? g[5 + k] : 0f;
        assertEquals(
            Float.floatToIntBits(expected), Float.floatToIntBits(out[i]), math.name() + " " + i);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"JAVA", "VECTOR"})
  void matricesAndVectorsOutsideTheirArraysAreRejected(Backend backend) {
    ArrayMath math = Kernels.math(backend);
    float[] a = new float[12];
    float[] v = new float[4];
    assertThrows(
        IndexOutOfBoundsException.class,
        () -> math.gemv(false, 4, 4, 1f, a, 0, 4, v, 0, 1, v, 0, 1));
    assertThrows(
        IndexOutOfBoundsException.class,
        () -> math.gemv(true, 3, 4, 1f, a, 0, 4, v, 0, 2, new float[4], 0, 1));
    assertThrows(
        IndexOutOfBoundsException.class, () -> math.ger(3, 4, 1f, v, 0, 1, v, 1, 1, a, 0, 4));
    assertThrows(
        IllegalArgumentException.class, () -> math.ger(3, 4, 1f, v, 0, 1, v, 0, 1, a, 0, 3));
    assertThrows(
        IndexOutOfBoundsException.class, () -> math.reluGrad(v, 0, a, 10, v, 0, 4));
  }

  private static float[] gaussian(Random random, int n) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }
}
