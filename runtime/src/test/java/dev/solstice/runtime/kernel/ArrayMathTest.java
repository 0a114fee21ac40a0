package dev.solstice.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Both ArrayMath implementations against FloatMath element by element, and their reductions. */
class ArrayMathTest {
  private static final float[] SPECIAL = {
    0f, -0f, 1f, -1f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, Float.MAX_VALUE,
    -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 88.72f, 88.73f,
    -87.5f, -103.9f, -104.5f, 9f, -9f, 20f, 0.3466f, 1.4142135f, 0.70710677f,
  };

  /** Which implementation: JAVA gives the scalar one, VECTOR the vectorised one. */
  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"JAVA", "VECTOR"})
  void unaryFunctionsGiveFloatMathsBitsAtEveryOffsetAndLength(Backend backend) {
    ArrayMath math = Kernels.math(backend);
    float[] input = inputs(new Random(3), 5000);
    checkUnary(math::exp, FloatMath::exp, input);
    checkUnary(math::log, FloatMath::log, input);
    checkUnary(math::tanh, FloatMath::tanh, input);
    checkUnary(math::sigmoid, FloatMath::sigmoid, input);
    checkUnary(math::gelu, FloatMath::gelu, input);
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"JAVA", "VECTOR"})
  void geluGradIsGTimesFloatMathsSlopeBitForBitInPlaceOrNot(Backend backend) {
    ArrayMath math = Kernels.math(backend);
    Random random = new Random(8);
    float[] x = inputs(random, 3000);
    float[] g = gaussian(random, 3000);
    for (int n : new int[] {0, 1, 15, 17, 1024, 2999}) {
      int xOff = random.nextInt(2);
      int gOff = random.nextInt(2);
      int outOff = random.nextInt(2);
      float[] out = new float[n + 2];
      math.geluGrad(x, xOff, g, gOff, out, outOff, n);
      float[] inPlace = g.clone();
      math.geluGrad(x, xOff, inPlace, gOff, inPlace, gOff, n);
      for (int i = 0; i < n; i++) {
        float expected = g[gOff + i] * FloatMath.geluSlope(x[xOff + i]);
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(out[outOff + i]),
            "n " + n + ", index " + i + ", x " + x[xOff + i]);
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(inPlace[gOff + i]), "in place, index " + i);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"JAVA", "VECTOR"})
  void unaryFunctionsWorkInPlace(Backend backend) {
    ArrayMath math = Kernels.math(backend);
    float[] input = inputs(new Random(4), 100);
    float[] data = input.clone();
    math.tanh(data, 3, data, 3, 90);
    for (int i = 0; i < data.length; i++) {
      float expected = i >= 3 && i < 93 ? FloatMath.tanh(input[i]) : input[i];
      assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(data[i]), "index " + i);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"JAVA", "VECTOR"})
  void sumAndDotMatchDoublePrecision(Backend backend) {
    ArrayMath math = Kernels.math(backend);
    Random random = new Random(5);
    for (int n : new int[] {0, 1, 7, 16, 33, 1000, 4097, 100_003}) {
      float[] x = gaussian(random, n + 9);
      float[] y = gaussian(random, n + 9);
      int xOff = random.nextInt(9);
      int yOff = random.nextInt(9);
      double sum = 0;
      double dot = 0;
      double magnitude = 0;
      for (int i = 0; i < n; i++) {
        sum += x[xOff + i];
        dot += (double) x[xOff + i] * y[yOff + i];
        magnitude += Math.abs(x[xOff + i]) + Math.abs(x[xOff + i] * y[yOff + i]);
      }
      double tolerance = 1e-6 * magnitude + 1e-6;
      assertEquals(sum, math.sum(x, xOff, n), tolerance, "sum of " + n);
      assertEquals(dot, math.dot(x, xOff, y, yOff, n), tolerance, "dot of " + n);
    }
    float[] ones = new float[10_000_000];
    java.util.Arrays.fill(ones, 1f);
    // A single float accumulator would stall at 2^24 = 16777216; 10^7 must be exact.
    assertEquals(1e7f, math.sum(ones, 0, ones.length));
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"JAVA", "VECTOR"})
  void axpyIsOneFusedMultiplyAddPerElement(Backend backend) {
    ArrayMath math = Kernels.math(backend);
    Random random = new Random(6);
    float[] x = gaussian(random, 77);
    float[] y = gaussian(random, 80);
    float[] result = y.clone();
    math.axpy(70, 0.3f, x, 5, result, 2);
    for (int i = 0; i < y.length; i++) {
      float expected = i >= 2 && i < 72 ? Math.fma(0.3f, x[i + 3], y[i]) : y[i];
      assertEquals(expected, result[i], "index " + i);
    }
  }

  /** Both kernels at a short length and at one the vector kernel splits between threads. */
  static Stream<Arguments> adamCases() {
    return Stream.of(Backend.JAVA, Backend.VECTOR)
        .flatMap(backend -> Stream.of(77, 3 * (1 << 15) + 5).map(n -> Arguments.of(backend, n)));
  }

  @ParameterizedTest
  @MethodSource("adamCases")
  void adamGivesTheScalarFormulasBitsInPlaceOrNot(Backend backend, int n) {
    ArrayMath math = Kernels.math(backend);
    Random random = new Random(7);
    float[] g = gaussian(random, n);
    float[] mu = gaussian(random, n);
    float[] nu = gaussian(random, n);
    for (int i = 0; i < n; i++) {
      nu[i] *= nu[i];
    }
    float[] p = gaussian(random, n);
    float[] k = {0.9f, 0.1f, 0.999f, 0.001f, 1e-9f, 1e-8f, 0.271f, 0.0039f, -0.01f};
    float[] newMu = new float[n];
    float[] newNu = new float[n];
    float[] out = new float[n];
    math.adam(k, g, mu, nu, p, newMu, newNu, out, n);
    float[] inPlaceMu = mu.clone();
    float[] inPlaceNu = nu.clone();
    float[] inPlaceP = p.clone();
    math.adam(k, g, inPlaceMu, inPlaceNu, inPlaceP, inPlaceMu, inPlaceNu, inPlaceP, n);
    for (int i = 0; i < n; i++) {
      float m = g[i] * k[1] + mu[i] * k[0];
      float v = g[i] * g[i] * k[3] + nu[i] * k[2];
      float u = m / k[6] / ((float) Math.sqrt(v / k[7] + k[4]) + k[5]) * k[8];
      assertEquals(m, newMu[i], "mu " + i);
      assertEquals(v, newNu[i], "nu " + i);
      assertEquals(p[i] + u, out[i], "p " + i);
      assertEquals(m, inPlaceMu[i], "mu in place " + i);
      assertEquals(v, inPlaceNu[i], "nu in place " + i);
      assertEquals(p[i] + u, inPlaceP[i], "p in place " + i);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"JAVA", "VECTOR"})
  void runsOutsideTheArraysAreRejected(Backend backend) {
    ArrayMath math = Kernels.math(backend);
    float[] ten = new float[10];
    assertThrows(IndexOutOfBoundsException.class, () -> math.exp(ten, 2, ten, 0, 9));
    assertThrows(IndexOutOfBoundsException.class, () -> math.tanh(ten, 0, new float[4], 0, 5));
    assertThrows(IndexOutOfBoundsException.class, () -> math.sum(ten, -1, 3));
    assertThrows(IndexOutOfBoundsException.class, () -> math.dot(ten, 0, ten, 5, 6));
    assertThrows(IndexOutOfBoundsException.class, () -> math.axpy(11, 1f, ten, 0, ten, 0));
  }

  private static void checkUnary(Unary kernel, FloatUnary reference, float[] input) {
    for (int offset = 0; offset < 3; offset++) {
      for (int n : new int[] {0, 1, 15, 16, 17, 63, input.length - 3}) {
        float[] out = new float[n + 5];
        kernel.apply(input, offset, out, 2, n);
        for (int i = 0; i < n; i++) {
          float expected = reference.apply(input[offset + i]);
          if (Float.floatToIntBits(expected) != Float.floatToIntBits(out[2 + i])) {
            throw new AssertionError(
                "f(" + input[offset + i] + ") = " + out[2 + i] + ", FloatMath gives " + expected);
          }
        }
      }
    }
  }

  /** Special values, then a mix of every binade and the ranges the functions care about. */
  private static float[] inputs(Random random, int n) {
    float[] values = new float[n];
    System.arraycopy(SPECIAL, 0, values, 0, SPECIAL.length);
    IntFunction<Float> draw =
        i -> {
          switch (i % 4) {
            case 0:
              return Float.intBitsToFloat(random.nextInt());
            case 1:
              return (float) (random.nextGaussian() * 3);
            case 2:
              return (float) (random.nextDouble() * 240 - 120);
            default:
              return (float) (random.nextDouble() * 20 - 10);
          }
        };
    for (int i = SPECIAL.length; i < n; i++) {
      values[i] = draw.apply(i);
    }
    return values;
  }

  private static float[] gaussian(Random random, int n) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }

  @FunctionalInterface
  private interface Unary {
    void apply(float[] in, int inOff, float[] out, int outOff, int n);
  }

  @FunctionalInterface
  private interface FloatUnary {
    float apply(float x);
  }
}
