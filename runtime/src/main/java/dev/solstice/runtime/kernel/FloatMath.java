package dev.solstice.runtime.kernel;

/**
 * Fast float versions of {@code exp}, {@code log}, {@code tanh}, {@code sigmoid} and {@code
 * gelu}, accurate to a few units in the last place over the whole float range (including
 * subnormals, infinities and NaN), and far faster than {@link Math}'s double routines.
 *
 * <p>Every function is a fixed sequence of float operations (fused multiply-adds, divisions,
 * bit manipulation, min/max and selects) that {@code VectorArrayMath} repeats lane by lane, so
 * the scalar and vectorised paths return the same bits.
 */
public final class FloatMath {
  // Constants shared with VectorArrayMath, which must compute exactly the same operations.

  static final float LOG2_E = 0x1.715476p+0f;

  /** {@code ln 2} as a high part whose products with small integers are exact, plus the rest. */
  static final float LN2_HI = 0x1.62e4p-1f;

  static final float LN2_LO = 0x1.7f7d1cp-20f;

  /** Adding 1.5 * 2^23 rounds a float of magnitude below 2^22 to an integer. */
  static final float ROUNDER = 0x1.8p23f;

  static final int ROUNDER_BITS = 0x4B400000;

  /** Clamping exp's input here keeps its power of two in range; results are 0 and infinity. */
  static final float EXP_MIN = -104f;

  static final float EXP_MAX = 89f;

  /** {@link #tanh} clamps its input here, where its formula gives exactly 1. */
  static final float TANH_LIMIT = 9f;

  // tanh(x) = x P(x^2) / Q(x^2) on [0, 10] with P(0) = Q(0) = 1: a rational fit minimising the
  // relative error (4e-8 with these float coefficients; src/test/python/fit_tanh.py derives
  // them), so tanh needs no exp and no bit manipulation.
  static final float TP1 = 0x1.0b0b3ep-3f;
  static final float TP2 = 0x1.905184p-9f;
  static final float TP3 = 0x1.6512d0p-17f;
  static final float TP4 = -0x1.38c2f0p-26f;
  static final float TP5 = 0x1.7e33c8p-35f;
  static final float TP6 = -0x1.17cfc2p-44f;
  static final float TQ1 = 0x1.dadaeap-2f;
  static final float TQ2 = 0x1.8e123ep-6f;
  static final float TQ3 = 0x1.036daap-12f;

  // Taylor coefficients 1/2! .. 1/7! of exp: degree 7 is within 0.2 ulp for |r| <= ln2 / 2.
  static final float E2 = 0x1p-1f;
  static final float E3 = 0x1.555556p-3f;
  static final float E4 = 0x1.555556p-5f;
  static final float E5 = 0x1.111112p-7f;
  static final float E6 = 0x1.6c16c2p-10f;
  static final float E7 = 0x1.a01a02p-13f;

  // log(m) = 2 atanh(s) = 2 s (1 + s^2/3 + s^4/5 + s^6/7 + s^8/9 + ...) with s = (m-1)/(m+1);
  // for sqrt(1/2) <= m <= sqrt(2) the omitted terms are below 0.04 ulp.
  static final float L3 = 1f / 3;
  static final float L5 = 1f / 5;
  static final float L7 = 1f / 7;
  static final float L9 = 1f / 9;
  static final float SQRT2 = 0x1.6a09e6p+0f;

  static final int SQRT2_BITS = Float.floatToRawIntBits(SQRT2);

  /** Scales subnormal inputs of log into the normal range. */
  static final float TWO_23 = 0x1p23f;

  /** Three factors of this take every positive float to infinity. */
  private static final float STEP_SCALE = 0x1p127f;

  /** {@code 2 sqrt(2/pi)} and {@code 2 sqrt(2/pi) 0.044715}: gelu's {@code 2u} is their cubic. */
  static final float GELU_K0 = (float) (2 * 0.7978845608028654);

  static final float GELU_K1 = (float) (2 * 0.7978845608028654 * 0.044715);

  /** {@code 3 GELU_K1}: the derivative of gelu's {@code 2u} is {@code GELU_K0 + GELU_K1_3 x^2}. */
  static final float GELU_K1_3 = (float) (3 * 2 * 0.7978845608028654 * 0.044715);

  /**
   * Where gelu's slope takes {@code |x|} at most this in {@code (2u)'}: beyond it {@code s (1 - s)}
   * is 0, and the bound keeps {@code x^2} from overflowing into {@code 0 * inf}.
   */
  static final float GELU_SLOPE_LIMIT = 1e4f;

  private FloatMath() {}

  /** {@code e^x}, within 1.1 ulp for normal results; 0 below -103.97, infinity above 88.72. */
  public static float exp(float x) {
    float shifted = expShifted(x);
    return timesPowerOfTwo(expOfRemainder(x, shifted), shifted);
  }

  // exp in three steps, so that a loop can do the float arithmetic of the first two (which C2
  // vectorises) apart from the bit manipulation of the third (which it does not on JDK 17).

  /**
   * {@code x} clamped to exp's range, times {@code log2 e}, plus {@link #ROUNDER}: the bits of the
   * result hold {@code n}, {@code x log2 e} rounded to an integer.
   */
  static float expShifted(float x) {
    return Math.fma(clampedForExp(x), LOG2_E, ROUNDER);
  }

  /** {@code e^r} for the remainder {@code r = x - n ln 2}, given {@code expShifted(x)}. */
  static float expOfRemainder(float x, float shifted) {
    float clamped = clampedForExp(x);
    float n = shifted - ROUNDER;
    float r = Math.fma(-n, LN2_HI, clamped);
    r = Math.fma(-n, LN2_LO, r);
    return 1f + expm1Reduced(r);
  }

  /**
   * {@code p * 2^n} for the {@code n} of {@code expShifted}, in two steps that keep the powers of
   * two in range.
   */
  static float timesPowerOfTwo(float p, float shifted) {
    int ni = Float.floatToRawIntBits(shifted) - ROUNDER_BITS;
    int half = ni >> 1;
    return p * powerOfTwo(half) * powerOfTwo(ni - half);
  }

  private static float clampedForExp(float x) {
    return Math.min(Math.max(x, EXP_MIN), EXP_MAX);
  }

  /** {@code e^r - 1} for {@code |r| <= ln2 / 2}. */
  private static float expm1Reduced(float r) {
    float q = Math.fma(E7, r, E6);
    q = Math.fma(q, r, E5);
    q = Math.fma(q, r, E4);
    q = Math.fma(q, r, E3);
    q = Math.fma(q, r, E2);
    return Math.fma(q, r * r, r);
  }

  /** {@code 2^n} for {@code -126 <= n <= 127}. */
  private static float powerOfTwo(int n) {
    return Float.intBitsToFloat((n + 127) << 23);
  }

  /** Natural logarithm, within 2 ulp; NaN below zero, -infinity at zero. */
  public static float log(float x) {
    boolean subnormal = x < Float.MIN_NORMAL;
    float scaled = subnormal ? x * TWO_23 : x;
    int bits = Float.floatToRawIntBits(scaled);
    int exponent = ((bits >> 23) & 0xFF) - (subnormal ? 127 + 23 : 127);
    // The mantissa m in [1, 2), halved (one less in its exponent field, exactly m * 0.5) when it
    // is above sqrt 2, which also adds one to the exponent. Selected with int masks: the
    // comparison is true at random, and a branch would often be mispredicted.
    int mBits = (bits & 0x007FFFFF) | 0x3F800000;
    int high = (SQRT2_BITS - mBits) >> 31;
    float m = Float.intBitsToFloat(mBits - (high & 0x00800000));
    float e = exponent - high;
    float f = m - 1f;
    float s = f / (m + 1f);
    float z = s * s;
    float series = Math.fma(L9, z, L7);
    series = Math.fma(series, z, L5);
    series = Math.fma(series, z, L3);
    series = series * z;
    float twoS = s + s;
    float logM = Math.fma(twoS, series, twoS);
    float result = Math.fma(e, LN2_HI, Math.fma(e, LN2_LO, logM));
    if (x > 0 && x < Float.POSITIVE_INFINITY) {
      return result;
    }
    return x == 0 ? Float.NEGATIVE_INFINITY : x == Float.POSITIVE_INFINITY ? x : Float.NaN;
  }

  /**
   * Hyperbolic tangent, within 6 ulp (3.2e-7 relative): a rational function of the input clamped
   * to {@code [-9, 9]}, made of multiplications, additions and one division only, so that the
   * JIT can also vectorise a plain loop over it.
   */
  public static float tanh(float x) {
    float c = Math.max(Math.min(x, TANH_LIMIT), -TANH_LIMIT);
    float z = c * c;
    float p = Math.fma(TP6, z, TP5);
    p = Math.fma(p, z, TP4);
    p = Math.fma(p, z, TP3);
    p = Math.fma(p, z, TP2);
    p = Math.fma(p, z, TP1);
    p = Math.fma(p, z, 1f);
    float q = Math.fma(TQ3, z, TQ2);
    q = Math.fma(q, z, TQ1);
    q = Math.fma(q, z, 1f);
    return c * p / q;
  }

  /** The logistic function {@code 1 / (1 + e^-x)}, within 3 ulp, subnormal tails included. */
  public static float sigmoid(float x) {
    return sigmoidGivenExp(x, exp(-Math.abs(x)));
  }

  /**
   * {@code sigmoid(x)} given {@code e = exp(-|x|)}: {@code (x >= 0 ? 1 : e) / (1 + e)}, with the
   * numerator selected by float arithmetic alone, so that loops over it vectorise and no branch
   * waits on the random sign: {@code step} is 1 for {@code x > 0} (any positive float times
   * 2^381 overflows) and 0 otherwise, and {@code e <= 1}. At {@code x = ±0}, {@code e} is 1 too;
   * a NaN x makes e NaN, and so the result.
   */
  static float sigmoidGivenExp(float x, float e) {
    float step = Math.min(Math.max(x * STEP_SCALE * STEP_SCALE * STEP_SCALE, 0f), 1f);
    return Math.max(e, step) / (1f + e);
  }

  /**
   * GELU in its tanh approximation (JAX's {@code gelu(approximate=True)}): {@code 0.5 x (1 +
   * tanh(sqrt(2/pi) (x + 0.044715 x^3)))}, evaluated as the equal {@code x * sigmoid(2u)} so
   * that it stays accurate where the result is tiny.
   */
  public static float gelu(float x) {
    return x * sigmoid(geluArgument(x));
  }

  /**
   * The derivative of {@link #gelu}: {@code s + x s (1 - s) (2u)'} with {@code s = sigmoid(2u)},
   * equal to the tanh form's {@code 0.5 (1 + t) + 0.5 x (1 - t^2) u'}.
   */
  public static float geluSlope(float x) {
    float argument = geluArgument(x);
    float e = exp(-Math.abs(argument));
    return geluSlopeGivenExp(x, sigmoidGivenExp(argument, e), e);
  }

  /**
   * {@link #geluSlope} given {@code s = sigmoid(2u)} and {@code e = exp(-|2u|)}. It takes {@code s
   * (1 - s)} as {@code e / (1 + e)^2}, which keeps its precision where s is near 1. Plain
   * arithmetic, so loops over it vectorise.
   */
  static float geluSlopeGivenExp(float x, float s, float e) {
    float onePlusE = 1f + e;
    float c = Math.max(Math.min(x, GELU_SLOPE_LIMIT), -GELU_SLOPE_LIMIT);
    return Math.fma(x * (e / (onePlusE * onePlusE)), Math.fma(GELU_K1_3, c * c, GELU_K0), s);
  }

  /** {@code 2u = 2 sqrt(2/pi) (x + 0.044715 x^3)}, so that {@code gelu(x) = x sigmoid(2u)}. */
  static float geluArgument(float x) {
    return x * Math.fma(GELU_K1, x * x, GELU_K0);
  }
}
