package dev.solstice.runtime.random;

/**
 * The element-wise maps {@code jax.random} applies to raw 32-bit words, in float32 exactly as
 * XLA's CPU backend evaluates them (including its fused multiply-adds).
 */
final class Distributions {
  private static final int ONE_BITS = Float.floatToRawIntBits(1f);
  private static final int MANTISSA_BITS = 23;
  /** The smallest float above -1: the lower end of the uniform draw behind {@code normal}. */
  private static final float NORMAL_LOW = Math.nextUp(-1f);
  private static final float SQRT_2 = (float) Math.sqrt(2);
  private static final long UINT32 = 0xFFFFFFFFL;

  private Distributions() {}

  /**
   * {@code jax.random.uniform}: the top 23 bits of each word become the mantissa of a float in
   * {@code [1, 2)}, minus one; scaled to {@code [min, max)} with one rounding (XLA fuses the
   * multiply and add) and clamped below at {@code min}.
   */
  static float[] uniform(int[] bits, float min, float max) {
    float span = max - min;
    float[] out = new float[bits.length];
    for (int i = 0; i < bits.length; i++) {
      out[i] = Math.max(min, Math.fma(unitFloat(bits[i]), span, min));
    }
    return out;
  }

  /** {@code jax.random.normal}: {@code sqrt(2) · erfinv(u)} for {@code u} uniform in {@code (-1, 1)}. */
  static float[] normal(int[] bits) {
    float[] u = uniform(bits, NORMAL_LOW, 1f);
    for (int i = 0; i < u.length; i++) {
      u[i] = ErfInv.erfInv(u[i]) * SQRT_2;
    }
    return u;
  }

  /**
   * {@code jax.random.randint} for int32: two words per value, combined as
   * {@code ((hi mod span) · multiplier + (lo mod span)) mod span} where JAX meant the multiplier to
   * be {@code 2^32 mod span}. JAX computes all of it in wrapping uint32 arithmetic, so for spans
   * above {@code 2^16} the multiplier {@code (2^16 mod span)²} wraps to 0 and only the low word
   * counts; this reproduces that, bias included. An empty range yields {@code min}.
   */
  static int[] randint(int[] higherBits, int[] lowerBits, int min, int max) {
    long span = max <= min ? 1 : (long) max - min;
    long multiplier = (1L << 16) % span;
    multiplier = (multiplier * multiplier & UINT32) % span;
    int[] out = new int[higherBits.length];
    for (int i = 0; i < out.length; i++) {
      long higher = Integer.toUnsignedLong(higherBits[i]) % span;
      long lower = Integer.toUnsignedLong(lowerBits[i]) % span;
      long offset = ((higher * multiplier + lower) & UINT32) % span;
      out[i] = min + (int) offset;
    }
    return out;
  }

  /** A float in {@code [0, 1)} from the top 23 bits of {@code word}. */
  private static float unitFloat(int word) {
    return Float.intBitsToFloat((word >>> (32 - MANTISSA_BITS)) | ONE_BITS) - 1f;
  }
}
