package dev.solstice.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The branch-free and equal-offset forms of {@link ScalarArrayMath}'s loops give the same bits as
 * the plain definitions (the tests of {@link ArrayMath} mostly use different offsets, which take
 * the general loops).
 */
class ScalarArrayMathTest {
  private final ArrayMath math = new ScalarArrayMath();

  /** Positive and negative zeros, subnormals, infinities and NaNs of both signs and payloads. */
  private static final float[] SPECIAL = {
    0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
    Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
    Float.NaN, Float.intBitsToFloat(0x7f800001), Float.intBitsToFloat(0xff800001),
    Float.intBitsToFloat(0xffffffff), Float.intBitsToFloat(0x7fffffff), 1f, -1f,
  };

  @Test
  void positiveMaskIsAllOnesExactlyWhereTheInputIsPositiveForEveryFloat() {
    int bits = Integer.MIN_VALUE;
    do {
      float x = Float.intBitsToFloat(bits);
      int expected = x > 0 ? -1 : 0;
      if (ScalarArrayMath.positiveMask(x) != expected) {
        assertEquals(expected, ScalarArrayMath.positiveMask(x), Integer.toHexString(bits));
      }
    } while (bits++ != Integer.MAX_VALUE);
  }

  @Test
  void reluGradWithEqualOffsetsPassesTheGradientBitsWhereTheInputIsPositive() {
    int n = SPECIAL.length * SPECIAL.length;
    float[] x = new float[n + 6];
    float[] g = new float[n + 6];
    for (int i = 0; i < n; i++) {
      x[3 + i] = SPECIAL[i / SPECIAL.length];
      g[3 + i] = SPECIAL[i % SPECIAL.length];
    }
    float[] out = new float[n + 6];
    out[2] = 5f;
    out[3 + n] = 5f;
    math.reluGrad(x, 3, g, 3, out, 3, n);
    for (int i = 0; i < n; i++) {
      float expected = x[3 + i] > 0 ? g[3 + i] : 0f;
      assertEquals(
          Float.floatToRawIntBits(expected),
          Float.floatToRawIntBits(out[3 + i]),
          "x " + x[3 + i] + ", g " + g[3 + i]);
    }
    assertEquals(5f, out[2]);
    assertEquals(5f, out[3 + n]);
  }

  @Test
  void axpyAndAxpyToWithEqualOffsetsAreOneFusedMultiplyAddPerElement() {
    Random random = new Random(3);
    float[] x = gaussian(random, 2000);
    float[] y = gaussian(random, 2000);
    float alpha = (float) random.nextGaussian();
    float[] out = new float[2000];
    math.axpyTo(1990, alpha, x, 7, y, 7, out, 7);
    float[] accumulated = y.clone();
    math.axpy(1990, alpha, x, 7, accumulated, 7);
    for (int i = 0; i < 2000; i++) {
      boolean inside = i >= 7 && i < 1997;
      float expected = inside ? Math.fma(alpha, x[i], y[i]) : 0f;
      assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(out[i]), "axpyTo " + i);
      expected = inside ? expected : y[i];
      assertEquals(
          Float.floatToIntBits(expected), Float.floatToIntBits(accumulated[i]), "axpy " + i);
    }
  }

  @Test
  void axpyToWithOneInputAtTheOutputsOffsetIsOneFusedMultiplyAddPerElement() {
    Random random = new Random(4);
    float[] x = gaussian(random, 1500);
    float[] y = gaussian(random, 1500);
    float alpha = (float) random.nextGaussian();
    for (boolean xAligned : new boolean[] {false, true}) {
      float[] out = new float[1500];
      int xOff = xAligned ? 9 : 2;
      int yOff = xAligned ? 5 : 9;
      math.axpyTo(1400, alpha, x, xOff, y, yOff, out, 9);
      for (int i = 0; i < 1500; i++) {
        int k = i - 9;
        float expected = k >= 0 && k < 1400 ? Math.fma(alpha, x[xOff + k], y[yOff + k]) : 0f;
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(out[i]), "at " + i);
      }
    }
  }

  @Test
  void expSigmoidAndGeluWorkInPlaceOverSeveralChunks() {
    Random random = new Random(6);
    float[] input = new float[2600];
    for (int i = 0; i < input.length; i++) {
      input[i] = i < SPECIAL.length ? SPECIAL[i] : (float) (30 * random.nextGaussian());
    }
    checkInPlace(math::exp, FloatMath::exp, input);
    checkInPlace(math::sigmoid, FloatMath::sigmoid, input);
    checkInPlace(math::gelu, FloatMath::gelu, input);
  }

  private interface Unary {
    void apply(float[] in, int inOff, float[] out, int outOff, int n);
  }

  private interface FloatUnary {
    float apply(float x);
  }

  private static void checkInPlace(Unary kernel, FloatUnary reference, float[] input) {
    float[] data = input.clone();
    kernel.apply(data, 5, data, 5, input.length - 8);
    for (int i = 0; i < input.length; i++) {
      float expected = i >= 5 && i < input.length - 3 ? reference.apply(input[i]) : input[i];
      assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(data[i]), "at " + i);
    }
  }

  @Test
  void transposedGemvWithUnitStepAddsTheScaledRowsInOrder() {
    Random random = new Random(5);
    int m = 37;
    int n = 45;
    int lda = 49;
    float[] a = gaussian(random, 3 + m * lda);
    float[] x = gaussian(random, 1 + 2 * m);
    float[] y = gaussian(random, n + 10);
    float alpha = (float) random.nextGaussian();
    float[] result = y.clone();
    math.gemv(true, m, n, alpha, a, 3, lda, x, 1, 2, result, 4, 1);
    float[] expected = y.clone();
    for (int i = 0; i < m; i++) {
      float t = alpha * x[1 + 2 * i];
      for (int j = 0; j < n; j++) {
        expected[4 + j] = Math.fma(t, a[3 + i * lda + j], expected[4 + j]);
      }
    }
    for (int i = 0; i < y.length; i++) {
      assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(result[i]), "y " + i);
    }
  }

  private static float[] gaussian(Random random, int n) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }
}
