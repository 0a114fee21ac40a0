package dev.solstice.runtime.kernel;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@link ArrayMath} as plain loops over {@link FloatMath}; always available.
 *
 * <p>The loops are shaped for HotSpot C2's auto-vectorisation (superword), which on JDK 17 only
 * vectorises a loop when it can prove that no store feeds a later load: it can when every array
 * is indexed by the same expression, but not when two arrays are indexed with different offsets
 * (they might be the same array). So each loop has a fast form for equal offsets, the common case,
 * with one index into all arrays; axpyTo and the transposed gemv copy runs to get there. Loops
 * whose functions move floats to int bits and back do not vectorise on JDK 17 whatever their
 * shape: exp, sigmoid and gelu therefore run their float arithmetic and exp's bit manipulation in
 * separate loops; log and reluGrad avoid branches on the data instead.
 */
final class ScalarArrayMath implements ArrayMath {
  /**
   * Elements per pass of the functions that run in several loops, through scratch arrays that
   * stay in the L1 cache; copying each run into them also gives their loops one index.
   */
  private static final int CHUNK = 1024;

  @Override
  public void exp(float[] in, int inOff, float[] out, int outOff, int n) {
    checkRuns(in, inOff, out, outOff, n);
    float[] values = new float[Math.min(n, CHUNK)];
    float[] shifted = new float[values.length];
    for (int start = 0; start < n; start += CHUNK) {
      int length = Math.min(CHUNK, n - start);
      System.arraycopy(in, inOff + start, values, 0, length);
      expInPlace(values, shifted, length);
      System.arraycopy(values, 0, out, outOff + start, length);
    }
  }

  /**
   * {@code values[i] = e^values[i]} for {@code i < n}, {@link FloatMath#exp} split in two loops:
   * its float arithmetic, which vectorises, then its scaling by a power of two through the bits,
   * which does not. {@code shifted} holds the first loop's powers for the second.
   */
  private static void expInPlace(float[] values, float[] shifted, int n) {
    for (int i = 0; i < n; i++) {
      float x = values[i];
      float s = FloatMath.expShifted(x);
      shifted[i] = s;
      values[i] = FloatMath.expOfRemainder(x, s);
    }
    for (int i = 0; i < n; i++) {
      values[i] = FloatMath.timesPowerOfTwo(values[i], shifted[i]);
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
    float[] xs = new float[Math.min(n, CHUNK)];
    float[] es = new float[xs.length];
    float[] shifted = new float[xs.length];
    for (int start = 0; start < n; start += CHUNK) {
      int length = Math.min(CHUNK, n - start);
      System.arraycopy(in, inOff + start, xs, 0, length);
      for (int i = 0; i < length; i++) {
        es[i] = -Math.abs(xs[i]);
      }
      expInPlace(es, shifted, length);
      for (int i = 0; i < length; i++) {
        xs[i] = FloatMath.sigmoidGivenExp(xs[i], es[i]);
      }
      System.arraycopy(xs, 0, out, outOff + start, length);
    }
  }

  @Override
  public void gelu(float[] in, int inOff, float[] out, int outOff, int n) {
    checkRuns(in, inOff, out, outOff, n);
    float[] xs = new float[Math.min(n, CHUNK)];
    float[] es = new float[xs.length];
    float[] shifted = new float[xs.length];
    for (int start = 0; start < n; start += CHUNK) {
      int length = Math.min(CHUNK, n - start);
      System.arraycopy(in, inOff + start, xs, 0, length);
      geluExps(xs, es, shifted, length);
      for (int i = 0; i < length; i++) {
        float x = xs[i];
        xs[i] = x * FloatMath.sigmoidGivenExp(FloatMath.geluArgument(x), es[i]);
      }
      System.arraycopy(xs, 0, out, outOff + start, length);
    }
  }

  /**
   * {@code es = exp(-|2u|)} of gelu's argument for the first {@code n} of {@code xs} ({@code
   * scratch} for the exp): the exp that gelu and its slope share.
   */
  private static void geluExps(float[] xs, float[] es, float[] scratch, int n) {
    for (int i = 0; i < n; i++) {
      es[i] = -Math.abs(FloatMath.geluArgument(xs[i]));
    }
    expInPlace(es, scratch, n);
  }

  @Override
  public void geluGrad(float[] x, int xOff, float[] g, int gOff, float[] out, int outOff, int n) {
    checkRuns(x, xOff, out, outOff, n);
    Objects.checkFromIndexSize(gOff, n, g.length);
    float[] xs = new float[Math.min(n, CHUNK)];
    float[] es = new float[xs.length];
    float[] gs = new float[xs.length];
    for (int start = 0; start < n; start += CHUNK) {
      int length = Math.min(CHUNK, n - start);
      System.arraycopy(x, xOff + start, xs, 0, length);
      geluExps(xs, es, gs, length);
      System.arraycopy(g, gOff + start, gs, 0, length);
      for (int i = 0; i < length; i++) {
        float xi = xs[i];
        float e = es[i];
        gs[i] *= FloatMath.geluSlopeGivenExp(xi, FloatMath.sigmoidGivenExp(FloatMath.geluArgument(xi), e), e);
      }
      System.arraycopy(gs, 0, out, outOff + start, length);
    }
  }

  // sum and dot keep four running sums in double precision: one would make each addition wait
  // for the previous one (four cycles), and double's products of floats are exact, so the order
  // of the additions barely matters.

  @Override
  public float sum(float[] x, int off, int n) {
    Objects.checkFromIndexSize(off, n, x.length);
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = off;
    for (int end = off + n - 3; i < end; i += 4) {
      s0 += x[i];
      s1 += x[i + 1];
      s2 += x[i + 2];
      s3 += x[i + 3];
    }
    for (int end = off + n; i < end; i++) {
      s0 += x[i];
    }
    return (float) ((s0 + s1) + (s2 + s3));
  }

  @Override
  public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
    Objects.checkFromIndexSize(xOff, n, x.length);
    Objects.checkFromIndexSize(yOff, n, y.length);
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i < n - 3; i += 4) {
      s0 += (double) x[xOff + i] * y[yOff + i];
      s1 += (double) x[xOff + i + 1] * y[yOff + i + 1];
      s2 += (double) x[xOff + i + 2] * y[yOff + i + 2];
      s3 += (double) x[xOff + i + 3] * y[yOff + i + 3];
    }
    for (; i < n; i++) {
      s0 += (double) x[xOff + i] * y[yOff + i];
    }
    return (float) ((s0 + s1) + (s2 + s3));
  }

  @Override
  public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
    checkRuns(x, xOff, y, yOff, n);
    if (xOff == yOff) {
      // One index into all arrays lets C2 vectorise the loop (see the class comment).
      for (int i = xOff, end = xOff + n; i < end; i++) {
        y[i] = Math.fma(alpha, x[i], y[i]);
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
    }
  }

  @Override
  public void axpyTo(
      int n, float alpha, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
    checkRuns(x, xOff, y, yOff, n);
    Objects.checkFromIndexSize(outOff, n, out.length);
    if (xOff == yOff && yOff == outOff) {
      for (int i = xOff, end = xOff + n; i < end; i++) {
        out[i] = Math.fma(alpha, x[i], y[i]);
      }
      return;
    }
    // With one input at out's offset (a bias row tiled against a batch), copying the other into
    // out first leaves a one-index loop: the copy costs less than the unvectorised loop.
    if (yOff == outOff && out != y) {
      System.arraycopy(x, xOff, out, outOff, n);
      for (int i = outOff, end = outOff + n; i < end; i++) {
        out[i] = Math.fma(alpha, out[i], y[i]);
      }
      return;
    }
    if (xOff == outOff && out != x) {
      System.arraycopy(y, yOff, out, outOff, n);
      for (int i = outOff, end = outOff + n; i < end; i++) {
        out[i] = Math.fma(alpha, x[i], out[i]);
      }
      return;
    }
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
    if (incy == 1) {
      sumOfScaledRows(m, n, alpha, a, aOff, lda, x, xOff, incx, y, yOff);
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

  /**
   * {@code y[yOff ..] += alpha * A^T x}, one fused multiply-add per element of A in row order (the
   * same operations as the general loop). Each row is first copied next to a copy of y so that the
   * inner loop indexes both with one index, which C2 vectorises; with A's row offset and y's offset
   * differing it would not, as it could not rule out that they overlap.
   */
  private static void sumOfScaledRows(
      int m, int n, float alpha, float[] a, int aOff, int lda, float[] x, int xOff, int incx,
      float[] y, int yOff) {
    float[] sums = Arrays.copyOfRange(y, yOff, yOff + n);
    float[] row = new float[n];
    for (int i = 0; i < m; i++) {
      float t = alpha * x[xOff + i * incx];
      System.arraycopy(a, aOff + i * lda, row, 0, n);
      for (int j = 0; j < n; j++) {
        sums[j] = Math.fma(t, row[j], sums[j]);
      }
    }
    System.arraycopy(sums, 0, y, yOff, n);
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
  public void adam(
      float[] k, float[] g, float[] mu, float[] nu, float[] p, float[] newMu, float[] newNu, float[] out, int n) {
    float b1 = k[0], oneMinusB1 = k[1], b2 = k[2], oneMinusB2 = k[3], epsRoot = k[4], eps = k[5];
    float muCorrection = k[6], nuCorrection = k[7], scale = k[8];
    for (int i = 0; i < n; i++) {
      float gi = g[i];
      float m = gi * oneMinusB1 + mu[i] * b1;
      float v = gi * gi * oneMinusB2 + nu[i] * b2;
      newMu[i] = m;
      newNu[i] = v;
      float u = m / muCorrection / ((float) Math.sqrt(v / nuCorrection + epsRoot) + eps) * scale;
      out[i] = p == null ? u : p[i] + u;
    }
  }

  @Override
  public void reluGrad(float[] x, int xOff, float[] g, int gOff, float[] out, int outOff, int n) {
    checkRuns(x, xOff, out, outOff, n);
    Objects.checkFromIndexSize(gOff, n, g.length);
    if (xOff == gOff && gOff == outOff) {
      for (int i = xOff, end = xOff + n; i < end; i++) {
        out[i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[i]) & positiveMask(x[i]));
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      out[outOff + i] =
          Float.intBitsToFloat(Float.floatToRawIntBits(g[gOff + i]) & positiveMask(x[xOff + i]));
    }
  }

  /**
   * All ones when {@code x > 0}, else 0 (NaN included), without a branch: relu's inputs are
   * positive at random, so a branch would be mispredicted half the time. {@code x > 0} exactly
   * when its bits, as a signed int, lie in {@code [1, 0x7f800000]} (positive subnormals up to
   * infinity; negative numbers and -0 are negative ints, NaNs lie above): then both differences
   * below are non-negative, and the sign bit of their or is 0.
   */
  static int positiveMask(float x) {
    int bits = Float.floatToRawIntBits(x);
    return ~(((0x7f800000 - bits) | (bits - 1)) >> 31);
  }

  @Override
  public boolean vectorised() {
    return false;
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
