package dev.solstice.runtime.kernel;

import java.util.Objects;

/** {@link ArrayMath} as plain loops over {@link FloatMath}; always available. */
final class ScalarArrayMath implements ArrayMath {

  @Override
  public void exp(float[] in, int inOff, float[] out, int outOff, int n) {
    checkRuns(in, inOff, out, outOff, n);
    for (int i = 0; i < n; i++) {
      out[outOff + i] = FloatMath.exp(in[inOff + i]);
    }
  }

  @Override
  public void log(float[] in, int inOff, float[] out, int outOff, int n) {
    checkRuns(in, inOff, out, outOff, n);
    for (int i = 0; i < n; i++) {
      out[outOff + i] = FloatMath.log(in[inOff + i]);
    }
  }

  @Override
  public void tanh(float[] in, int inOff, float[] out, int outOff, int n) {
    checkRuns(in, inOff, out, outOff, n);
    if (inOff == outOff) {
      // With one index into both arrays C2 can prove that no store feeds a later load, and
      // vectorises this loop (FloatMath.tanh is plain arithmetic): about 10x faster.
      for (int i = inOff, end = inOff + n; i < end; i++) {
        out[i] = FloatMath.tanh(in[i]);
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      out[outOff + i] = FloatMath.tanh(in[inOff + i]);
    }
  }

  @Override
  public void sigmoid(float[] in, int inOff, float[] out, int outOff, int n) {
    checkRuns(in, inOff, out, outOff, n);
    for (int i = 0; i < n; i++) {
      out[outOff + i] = FloatMath.sigmoid(in[inOff + i]);
    }
  }

  @Override
  public void gelu(float[] in, int inOff, float[] out, int outOff, int n) {
    checkRuns(in, inOff, out, outOff, n);
    for (int i = 0; i < n; i++) {
      out[outOff + i] = FloatMath.gelu(in[inOff + i]);
    }
  }

  @Override
  public float sum(float[] x, int off, int n) {
    Objects.checkFromIndexSize(off, n, x.length);
    double s0 = 0;
    double s1 = 0;
    int i = 0;
    for (; i + 2 <= n; i += 2) {
      s0 += x[off + i];
      s1 += x[off + i + 1];
    }
    if (i < n) {
      s0 += x[off + i];
    }
    return (float) (s0 + s1);
  }

  @Override
  public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
    Objects.checkFromIndexSize(xOff, n, x.length);
    Objects.checkFromIndexSize(yOff, n, y.length);
    double s0 = 0;
    double s1 = 0;
    int i = 0;
    for (; i + 2 <= n; i += 2) {
      s0 += (double) x[xOff + i] * y[yOff + i];
      s1 += (double) x[xOff + i + 1] * y[yOff + i + 1];
    }
    if (i < n) {
      s0 += (double) x[xOff + i] * y[yOff + i];
    }
    return (float) (s0 + s1);
  }

  @Override
  public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
    checkRuns(x, xOff, y, yOff, n);
    for (int i = 0; i < n; i++) {
      y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
    }
  }

  @Override
  public void axpyTo(
      int n, float alpha, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
    checkRuns(x, xOff, y, yOff, n);
    Objects.checkFromIndexSize(outOff, n, out.length);
    for (int i = 0; i < n; i++) {
      out[outOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
    }
  }

  @Override
  public void gemv(
      boolean trans,
      int m,
      int n,
      float alpha,
      float[] a,
      int aOff,
      int lda,
      float[] x,
      int xOff,
      int incx,
      float[] y,
      int yOff,
      int incy) {
    checkMatrixVectors(m, n, a, aOff, lda, x, xOff, incx, trans ? m : n, y, yOff, incy,
        trans ? n : m);
    if (!trans) {
      for (int i = 0; i < m; i++) {
        int row = aOff + i * lda;
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += (double) a[row + j] * x[xOff + j * incx];
        }
        y[yOff + i * incy] += alpha * (float) s;
      }
      return;
    }
    for (int i = 0; i < m; i++) {
      float t = alpha * x[xOff + i * incx];
      int row = aOff + i * lda;
      for (int j = 0; j < n; j++) {
        y[yOff + j * incy] = Math.fma(t, a[row + j], y[yOff + j * incy]);
      }
    }
  }

  @Override
  public void ger(
      int m,
      int n,
      float alpha,
      float[] x,
      int xOff,
      int incx,
      float[] y,
      int yOff,
      int incy,
      float[] a,
      int aOff,
      int lda) {
    checkMatrixVectors(m, n, a, aOff, lda, x, xOff, incx, m, y, yOff, incy, n);
    for (int i = 0; i < m; i++) {
      float t = alpha * x[xOff + i * incx];
      int row = aOff + i * lda;
      for (int j = 0; j < n; j++) {
        a[row + j] = Math.fma(t, y[yOff + j * incy], a[row + j]);
      }
    }
  }

  @Override
  public void reluGrad(float[] x, int xOff, float[] g, int gOff, float[] out, int outOff, int n) {
    checkRuns(x, xOff, out, outOff, n);
    Objects.checkFromIndexSize(gOff, n, g.length);
    for (int i = 0; i < n; i++) {
      out[outOff + i] = x[xOff + i] > 0 ? g[gOff + i] : 0f;
    }
  }

  @Override
  public String name() {
    return "scalar";
  }

  /**
   * Throws {@link IndexOutOfBoundsException} unless the {@code m x n} matrix (rows {@code lda >=
   * n} apart) and the vectors of {@code xLength} and {@code yLength} elements (steps {@code >= 1})
   * lie inside their arrays.
   */
  static void checkMatrixVectors(
      int m,
      int n,
      float[] a,
      int aOff,
      int lda,
      float[] x,
      int xOff,
      int incx,
      int xLength,
      float[] y,
      int yOff,
      int incy,
      int yLength) {
    if (m < 0 || n < 0 || lda < Math.max(1, n) || incx < 1 || incy < 1) {
      throw new IllegalArgumentException(
          "matrix " + m + "x" + n + " with lda " + lda + " and steps " + incx + ", " + incy
              + ": sizes must be >= 0, lda >= n and steps >= 1");
    }
    if (m > 0 && n > 0) {
      Objects.checkFromIndexSize(aOff, (m - 1) * lda + n, a.length);
    }
    if (xLength > 0) {
      Objects.checkFromIndexSize(xOff, (xLength - 1) * incx + 1, x.length);
    }
    if (yLength > 0) {
      Objects.checkFromIndexSize(yOff, (yLength - 1) * incy + 1, y.length);
    }
  }

  /** Throws {@link IndexOutOfBoundsException} unless both runs of n lie inside their arrays. */
  static void checkRuns(float[] in, int inOff, float[] out, int outOff, int n) {
    Objects.checkFromIndexSize(inOff, n, in.length);
    Objects.checkFromIndexSize(outOff, n, out.length);
  }
}
