package dev.solstice.runtime.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The float32 functions behind {@code normal}. Bit-exactness with XLA is tested through the
 * golden normal draws; these check the mathematics and the edge cases they do not reach.
 */
class ErfInvTest {
  @Test
  void logIsWithinTwoUlpsOfTheTrueLogarithm() {
    for (float y = 1e-30f; y < 1e30f; y *= 1.0137f) {
      assertEquals(Math.log(y), ErfInv.log(y), 2 * Math.ulp((float) Math.log(y)), "log " + y);
    }
  }

  @Test
  void logOfSpecialValues() {
    assertEquals(Float.NEGATIVE_INFINITY, ErfInv.log(0f));
    assertEquals(Float.POSITIVE_INFINITY, ErfInv.log(Float.POSITIVE_INFINITY));
    assertTrue(Float.isNaN(ErfInv.log(-1f)));
    assertEquals(0f, ErfInv.log(1f));
  }

  @Test
  void log1pIsAccurateOnBothBranches() {
    for (float t = -0.999f; t < 4f; t += 0.00173f) {
      // Outside the rational branch log1p is log(1 + t) with 1 + t rounded to float first.
      double exact = Math.abs(t) < 0.41421354f ? Math.log1p(t) : Math.log(1f + t);
      assertEquals(exact, ErfInv.log1p(t), 2 * Math.ulp((float) exact), "log1p " + t);
    }
    assertEquals(1e-30f, ErfInv.log1p(1e-30f));
  }

  @Test
  void erfInvInvertsErf() {
    double worstCentral = 0;
    double worstTail = 0;
    for (double z = -3.5; z <= 3.5; z += 0.001) {
      float x = (float) erf(z);
      double exact = z + (x - erf(z)) / (2 / Math.sqrt(Math.PI) * Math.exp(-z * z)); // Newton step
      double error = Math.abs(ErfInv.erfInv(x) - exact) / Math.max(1, Math.abs(exact));
      if (Math.abs(z) < 2) {
        worstCentral = Math.max(worstCentral, error);
      } else {
        worstTail = Math.max(worstTail, error);
      }
    }
    // Giles' float32 polynomials: ~4e-7 relative where erf is not flat; near ±1 the rounding of
    // x² dominates (measured 2.7e-5 at |z| = 3.5).
    assertTrue(worstCentral < 1e-6, "worst relative error for |z| < 2: " + worstCentral);
    assertTrue(worstTail < 1e-4, "worst relative error for 2 <= |z| <= 3.5: " + worstTail);
  }

  @Test
  void erfInvEdgeCases() {
    assertEquals(0f, ErfInv.erfInv(0f));
    assertEquals(Float.POSITIVE_INFINITY, ErfInv.erfInv(1f));
    assertEquals(Float.NEGATIVE_INFINITY, ErfInv.erfInv(-1f));
    assertTrue(Float.isNaN(ErfInv.erfInv(1.5f)));
    for (float x = 0.0005f; x < 1f; x += 0.0031f) {
      assertEquals(-ErfInv.erfInv(x), ErfInv.erfInv(-x), "odd symmetry at " + x);
    }
  }

  /** erf to about 1e-15 by its Taylor series (|z| <= 3.5 needs ~80 terms). */
  private static double erf(double z) {
    double term = z;
    double sum = z;
    for (int n = 1; n < 200 && Math.abs(term) > 1e-18; n++) {
      term *= -z * z / n;
      sum += term / (2 * n + 1);
    }
    return 2 / Math.sqrt(Math.PI) * sum;
  }
}
