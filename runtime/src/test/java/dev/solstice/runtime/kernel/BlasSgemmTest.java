package dev.solstice.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Which products BlasSgemm hands to the Java kernel it was given, and which it runs natively. */
class BlasSgemmTest {
  /** 128 x 128 x 128: exactly the hand-over size. */
  private static final int LARGE = 128;
  /** 64 x 64 x 64: native (above the direct loops, below the hand-over). */
  private static final int MID = 64;

  @Test
  void largeProductsGoToTheJavaKernel() {
    Recording java = new Recording();
    Sgemm blas = new BlasSgemm(new ScalarArrayMath(), Optional.of(java));
    float[] c = multiply(blas, LARGE);
    assertEquals(List.of(LARGE + "x" + LARGE + "x" + LARGE), java.calls);
    assertArrayEquals(multiply(new JavaSgemm(), LARGE), c);
  }

  @Test
  void smallerProductsStayNative() {
    Recording java = new Recording();
    Sgemm blas = new BlasSgemm(new ScalarArrayMath(), Optional.of(java));
    float[] c = multiply(blas, MID);
    assertTrue(java.calls.isEmpty(), "handed over: " + java.calls);
    assertClose(multiply(new JavaSgemm(), MID), c);
  }

  @Test
  void largeProductsRunNativelyWithoutAJavaKernel() {
    Sgemm blas = new BlasSgemm(new ScalarArrayMath(), Optional.empty());
    // Split between threads into bands of rows, then of columns.
    assertClose(multiply(new JavaSgemm(), LARGE), multiply(blas, LARGE));
    assertClose(multiply(new JavaSgemm(), 64, 512, 128), multiply(blas, 64, 512, 128));
  }

  private static float[] multiply(Sgemm sgemm, int size) {
    return multiply(sgemm, size, size, size);
  }

  /** A fresh {@code C = A B^T} of random {@code m x k} A and {@code n x k} B (the same every call). */
  private static float[] multiply(Sgemm sgemm, int m, int n, int k) {
    Random random = new Random(m * 31 + n * 7 + k);
    float[] a = new float[m * k];
    float[] b = new float[n * k];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) random.nextGaussian();
    }
    float[] c = new float[m * n];
    sgemm.sgemm(false, true, m, n, k, 1, a, 0, k, b, 0, k, 0, c, 0, n);
    return c;
  }

  private static void assertClose(float[] expected, float[] actual) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-4f * (1 + Math.abs(expected[i])), "element " + i);
    }
  }

  /** The plain Java kernel, noting the size of every product it is given. */
  private static final class Recording implements Sgemm {
    final List<String> calls = new ArrayList<>();
    private final Sgemm delegate = new JavaSgemm();

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a,
        int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff,
        int ldc) {
      calls.add(m + "x" + n + "x" + k);
      delegate.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff,
          ldc);
    }

    @Override
    public String name() {
      return "recording";
    }
  }
}
