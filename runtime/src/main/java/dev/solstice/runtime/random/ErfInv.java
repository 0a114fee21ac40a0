package dev.solstice.runtime.random;

/**
 * float32 inverse error function, evaluated operation for operation as XLA's CPU backend does for
 * {@code jax.random.normal}, so that normal draws match JAX bit for bit.
 *
 * <p>XLA expands {@code ErfInv} into Giles' single-precision polynomial in {@code w = -log1p(-x²)};
 * {@code log1p} is a Cephes rational function for small arguments and a Cephes-style polynomial
 * {@code log} otherwise. The CPU backend compiles with floating-point contraction on, so every
 * multiply whose only use is an add becomes a fused multiply-add: those are the
 * {@link Math#fma} calls below, and the plain operations are the ones XLA leaves unfused.
 */
final class ErfInv {
  /** Giles' coefficients for {@code w < 5}, highest degree first. */
  private static final float[] CENTRAL = {
    2.81022636e-08f, 3.43273939e-07f, -3.5233877e-06f, -4.39150654e-06f, 0.00021858087f,
    -0.00125372503f, -0.00417768164f, 0.246640727f, 1.50140941f
  };
  /** Giles' coefficients for {@code w >= 5} (the tails), highest degree first. */
  private static final float[] TAIL = {
    -0.000200214257f, 0.000100950558f, 0.00134934322f, -0.00367342844f, 0.00573950773f,
    -0.0076224613f, 0.00943887047f, 1.00167406f, 2.83297682f
  };

  /** Cephes log1p numerator, highest degree first. */
  private static final float[] LOG1P_NUMERATOR = {
    4.5270000862e-05f, 4.9854102325e-01f, 6.5787325942e+00f, 2.9911919328e+01f,
    6.0949667980e+01f, 5.7112963590e+01f, 2.0039553499e+01f
  };
  /** Cephes log1p denominator, highest degree first. */
  private static final float[] LOG1P_DENOMINATOR = {
    1.0f, 1.5062909083e+01f, 8.3047565967e+01f, 2.2176239823e+02f, 3.0909872225e+02f,
    2.1642788614e+02f, 6.0118660497e+01f
  };
  /** Below this magnitude log1p uses the rational function; {@code sqrt(2) - 1}. */
  private static final float LOG1P_SMALL = 0.41421356237309504880f;

  private ErfInv() {}

  /** The inverse error function of {@code x}; {@code ±inf} at {@code ±1}, NaN outside. */
  static float erfInv(float x) {
    float logOfOneMinusSquare = log1p(-(x * x));
    boolean central = logOfOneMinusSquare > -5f;
    float[] c = central ? CENTRAL : TAIL;
    float w = central ? -2.5f - logOfOneMinusSquare : (float) Math.sqrt(-logOfOneMinusSquare) - 3f;
    float p = c[0];
    for (int i = 1; i < c.length; i++) {
      p = Math.fma(w, p, c[i]);
    }
    return x * (Math.abs(x) == 1f ? Float.POSITIVE_INFINITY : p);
  }

  /** {@code log(1 + t)}, accurate for small {@code t}. */
  static float log1p(float t) {
    if (!(Math.abs(t) < LOG1P_SMALL)) {
      return log(1f + t);
    }
    float numerator = horner(t, LOG1P_NUMERATOR);
    float denominator = horner(t, LOG1P_DENOMINATOR);
    float t2 = t * t;
    float cubicTerm = t * t2 * (numerator / denominator);
    return t + Math.fma(-0.5f, t2, cubicTerm);
  }

  /**
   * Natural logarithm: split {@code y = m·2^e} with {@code m} in {@code [sqrt(1/2), sqrt(2))},
   * a degree-9 polynomial in {@code r = m - 1} (Estrin-style, as Eigen's {@code plog}), and
   * {@code e·ln 2} added in two parts. Subnormal inputs are treated as the smallest normal.
   */
  static float log(float y) {
    if (Float.isNaN(y) || y < 0f) {
      return Float.NaN;
    }
    if (y == 0f) {
      return Float.NEGATIVE_INFINITY;
    }
    if (y == Float.POSITIVE_INFINITY) {
      return y;
    }
    int bits = Float.floatToRawIntBits(Math.max(y, Float.MIN_NORMAL));
    float mantissa = Float.intBitsToFloat((bits & 0x807FFFFF) | 0x3F000000); // in [0.5, 1)
    float exponent = (float) ((bits >>> 23) - 127) + 1f;
    float r = mantissa - 1f;
    if (mantissa < 0.70710677f) {
      r += mantissa;
      exponent -= 1f;
    }
    float r2 = r * r;
    float r3 = r2 * r;
    float p1 = Math.fma(Math.fma(r, 7.0376836292e-2f, -1.1514610310e-1f), r, 1.1676998740e-1f);
    float p2 = Math.fma(Math.fma(r, -1.2420140846e-1f, 1.4249322787e-1f), r, -1.6668057665e-1f);
    float p3 = Math.fma(Math.fma(r, 2.0000714765e-1f, -2.4999993993e-1f), r, 3.3333331174e-1f);
    float poly = Math.fma(Math.fma(p1, r3, p2), r3, p3);
    float tail = Math.fma(poly, r3, exponent * -2.12194440e-4f);
    float head = Math.fma(-0.5f, r2, r) + tail;
    return Math.fma(exponent, 0.693359375f, head);
  }

  private static float horner(float t, float[] coefficients) {
    float p = coefficients[0];
    for (int i = 1; i < coefficients.length; i++) {
      p = Math.fma(p, t, coefficients[i]);
    }
    return p;
  }
}
