package dev.solstice.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Accuracy of {@link FloatMath} against {@link Math} in double precision, over a sweep of float
 * bit patterns that covers every binade of both signs (subnormals, huge values, infinities, NaN)
 * plus a dense sweep of the range where each function changes fastest.
 */
class FloatMathTest {
  /** Visits about 4 million bit patterns spread over all floats. */
  private static final int STRIDE = 1021;

  @Test
  void expIsWithinOneAndAHalfUlp() {
    assertMaxUlp("exp", FloatMath::exp, Math::exp, -120, 100, 1.5);
    assertEquals(Float.POSITIVE_INFINITY, FloatMath.exp(88.73f));
    assertEquals(Math.exp(88.72f), FloatMath.exp(88.72f), Math.ulp(FloatMath.exp(88.72f)));
    assertEquals(0f, FloatMath.exp(-104f));
    assertEquals(Float.MIN_VALUE, FloatMath.exp(-103.5f));
    assertEquals(1f, FloatMath.exp(0f));
    assertEquals(1f, FloatMath.exp(-0f));
    assertEquals(Float.POSITIVE_INFINITY, FloatMath.exp(Float.POSITIVE_INFINITY));
    assertEquals(0f, FloatMath.exp(Float.NEGATIVE_INFINITY));
    assertTrue(Float.isNaN(FloatMath.exp(Float.NaN)));
  }

  @Test
  void logIsWithinTwoUlp() {
    assertMaxUlp("log", FloatMath::log, Math::log, 0.25, 4, 2.0);
    assertEquals(Float.NEGATIVE_INFINITY, FloatMath.log(0f));
    assertEquals(Float.NEGATIVE_INFINITY, FloatMath.log(-0f));
    assertEquals(0f, FloatMath.log(1f));
    assertEquals(Float.POSITIVE_INFINITY, FloatMath.log(Float.POSITIVE_INFINITY));
    assertTrue(Float.isNaN(FloatMath.log(-1f)));
    assertTrue(Float.isNaN(FloatMath.log(Float.NEGATIVE_INFINITY)));
    assertTrue(Float.isNaN(FloatMath.log(Float.NaN)));
    assertEquals(Math.log(Float.MIN_VALUE), FloatMath.log(Float.MIN_VALUE), 1e-5);
  }

  @Test
  void tanhIsWithinSixUlp() {
    assertMaxUlp("tanh", FloatMath::tanh, Math::tanh, -11, 11, 6.0);
    assertEquals(1f, FloatMath.tanh(9f));
    assertEquals(-1f, FloatMath.tanh(Float.NEGATIVE_INFINITY));
    assertEquals(1f, FloatMath.tanh(Float.MAX_VALUE));
    assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(FloatMath.tanh(-0f)));
    assertEquals(Float.MIN_VALUE, FloatMath.tanh(Float.MIN_VALUE));
    assertTrue(Float.isNaN(FloatMath.tanh(Float.NaN)));
  }

  @Test
  void sigmoidIsWithinThreeUlpIncludingSubnormalTails() {
    assertMaxUlp("sigmoid", FloatMath::sigmoid, x -> 1 / (1 + Math.exp(-x)), -110, 20, 3.0);
    assertEquals(0.5f, FloatMath.sigmoid(0f));
    assertEquals(1f, FloatMath.sigmoid(Float.POSITIVE_INFINITY));
    assertEquals(0f, FloatMath.sigmoid(Float.NEGATIVE_INFINITY));
    assertTrue(FloatMath.sigmoid(-100f) > 0, "sigmoid(-100) underflowed");
    assertTrue(Float.isNaN(FloatMath.sigmoid(Float.NaN)));
  }

  @Test
  void geluMatchesTheTanhFormulaInDouble() {
    // 0.5 x (1 + tanh(u)) = x / (1 + e^{-2u}); the second form does not cancel where gelu is
    // tiny, so it is the reference even in double.
    DoubleUnaryOperator reference =
        x -> x / (1 + Math.exp(-2 * Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    // The argument 2u is computed in float (constants, x*x, two more roundings: about 3 ulp of
    // 2u), and exp turns an absolute error in 2u into that relative error in the result.
    DoubleUnaryOperator allowed =
        x -> 4 + 3 * Math.abs(2 * Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x));
    assertMaxUlp("gelu", FloatMath::gelu, reference, -12, 6, allowed);
    double half = 0.5 * 1.5 * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (1.5 + 0.044715 * 3.375)));
    assertEquals(half, FloatMath.gelu(1.5f), 1e-6);
    assertEquals(0f, FloatMath.gelu(0f));
    assertEquals(3e20f, FloatMath.gelu(3e20f));
    assertEquals(-0f, FloatMath.gelu(-3e20f));
    assertEquals(Float.POSITIVE_INFINITY, FloatMath.gelu(Float.POSITIVE_INFINITY));
    assertTrue(FloatMath.gelu(-10f) < 0, "gelu(-10) underflowed");
    assertTrue(Float.isNaN(FloatMath.gelu(Float.NaN)));
  }

  @Test
  void geluSlopeMatchesItsDerivativeInDouble() {
    double c = Math.sqrt(2 / Math.PI);
    for (long bits = 0; bits <= 0xFFFFFFFFL; bits += STRIDE) {
      float x = Float.intBitsToFloat((int) bits);
      if (!Float.isFinite(x) || Math.abs(x) > 1e15f) {
        continue;
      }
      // 0.5 (1 + t) = s and 0.5 (1 - t^2) = 2 s (1 - s) with s = sigmoid(2u), in forms that do
      // not cancel in double where t is near -1.
      double u = c * (x + 0.044715 * x * x * x);
      double e = Math.exp(-2 * Math.abs(u));
      double first = u >= 0 ? 1 / (1 + e) : e / (1 + e);
      double second = x * 2 * e / ((1 + e) * (1 + e)) * c * (1 + 3 * 0.044715 * x * x);
      double exact = first + second;
      // As for gelu, 2u is a float with a few ulp of error, which exp turns into that relative
      // error in both terms; they cancel near the slope's zero at x = -0.75, so the bound is on
      // their sizes rather than on the result.
      double allowed = 0x1p-23 * (4 + 3 * Math.abs(2 * u)) * (Math.abs(first) + Math.abs(second)) + 1e-30;
      assertEquals(exact, FloatMath.geluSlope(x), allowed, "gelu'(" + x + ")");
    }
    assertEquals(0.5f, FloatMath.geluSlope(0f));
    assertEquals(1f, FloatMath.geluSlope(30f));
    assertEquals(1f, FloatMath.geluSlope(3e20f));
    assertEquals(0f, FloatMath.geluSlope(-3e20f));
    assertTrue(Float.isNaN(FloatMath.geluSlope(Float.NaN)));
  }

  /**
   * Checks every swept input and a dense sweep of {@code [denseMin, denseMax]}: where the exact
   * result rounds to a finite float, the error is at most {@code maxUlp} units of that float's
   * ulp; infinite and NaN results must be matched exactly.
   */
  private static void assertMaxUlp(
      String name,
      FloatUnary function,
      DoubleUnaryOperator reference,
      double denseMin,
      double denseMax,
      double maxUlp) {
    assertMaxUlp(name, function, reference, denseMin, denseMax, x -> maxUlp);
  }

  /** As above with an error allowance that depends on the input. */
  private static void assertMaxUlp(
      String name,
      FloatUnary function,
      DoubleUnaryOperator reference,
      double denseMin,
      double denseMax,
      DoubleUnaryOperator maxUlp) {
    double worst = 0;
    double worstAllowed = 0;
    float worstInput = 0;
    int checked = 0;
    for (long bits = 0; bits <= 0xFFFFFFFFL; bits += STRIDE) {
      float x = Float.intBitsToFloat((int) bits);
      double error = ulpError(name, x, function.apply(x), reference.applyAsDouble(x));
      checked++;
      if (error / maxUlp.applyAsDouble(x) > worst / Math.max(worstAllowed, 1e-300)) {
        worst = error;
        worstAllowed = maxUlp.applyAsDouble(x);
        worstInput = x;
      }
    }
    for (int i = 0; i <= 1_000_000; i++) {
      float x = (float) (denseMin + (denseMax - denseMin) * i / 1_000_000);
      double error = ulpError(name, x, function.apply(x), reference.applyAsDouble(x));
      if (error / maxUlp.applyAsDouble(x) > worst / Math.max(worstAllowed, 1e-300)) {
        worst = error;
        worstAllowed = maxUlp.applyAsDouble(x);
        worstInput = x;
      }
    }
    assertTrue(checked > 1_000_000, name + " checked only " + checked + " inputs");
    assertTrue(
        worst <= worstAllowed,
        name + " is " + worst + " ulp off at x=" + worstInput + " (allowed " + worstAllowed + ")");
  }

  private static double ulpError(String name, float x, float actual, double exact) {
    float rounded = (float) exact;
    if (Double.isNaN(exact) || Float.isInfinite(rounded)) {
      // The float result must be the float rounding: same NaN-ness and infinity.
      if (Float.compare(actual, rounded) != 0 && !(Float.isNaN(actual) && Float.isNaN(rounded))) {
        throw new AssertionError(name + "(" + x + ") = " + actual + ", expected " + rounded);
      }
      return 0;
    }
    double ulp = Math.max(Math.ulp(rounded), Float.MIN_VALUE);
    return Math.abs(actual - exact) / ulp;
  }

  @FunctionalInterface
  private interface FloatUnary {
    float apply(float x);
  }
}
