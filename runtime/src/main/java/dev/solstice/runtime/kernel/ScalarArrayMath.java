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
  public String name() {
    return "scalar";
  }

  /** Throws {@link IndexOutOfBoundsException} unless both runs of n lie inside their arrays. */
  static void checkRuns(float[] in, int inOff, float[] out, int outOff, int n) {
    Objects.checkFromIndexSize(inOff, n, in.length);
    Objects.checkFromIndexSize(outOff, n, out.length);
  }
}
