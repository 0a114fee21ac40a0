package dev.solstice.runtime.kernel;

/**
 * Elementwise functions and reductions over runs of {@code float[]} elements, the loops behind
 * the tensor ops. The unary functions compute {@code out[outOff + i] = f(in[inOff + i])} for
 * {@code i < n} with the accuracy of {@link FloatMath}; {@code in} and {@code out} may be the same
 * run (in place) but must not otherwise overlap. Every implementation gives the same bits for the
 * unary functions; {@link #sum} and {@link #dot} may differ in the last places because they add
 * in a different order.
 *
 * <p>Indices are checked: a run outside its array throws {@link IndexOutOfBoundsException}.
 */
public interface ArrayMath {

  /** {@code out = e^in}; see {@link FloatMath#exp}. */
  void exp(float[] in, int inOff, float[] out, int outOff, int n);

  /** {@code out = log(in)}; see {@link FloatMath#log}. */
  void log(float[] in, int inOff, float[] out, int outOff, int n);

  /** {@code out = tanh(in)}; see {@link FloatMath#tanh}. */
  void tanh(float[] in, int inOff, float[] out, int outOff, int n);

  /** {@code out = 1 / (1 + e^-in)}; see {@link FloatMath#sigmoid}. */
  void sigmoid(float[] in, int inOff, float[] out, int outOff, int n);

  /** {@code out = gelu(in)}, tanh approximation; see {@link FloatMath#gelu}. */
  void gelu(float[] in, int inOff, float[] out, int outOff, int n);

  /** The sum of {@code x[off .. off + n)}, with partial sums combined in double precision. */
  float sum(float[] x, int off, int n);

  /** The dot product of {@code x[xOff ..]} and {@code y[yOff ..]} over {@code n} elements. */
  float dot(float[] x, int xOff, float[] y, int yOff, int n);

  /** {@code y[yOff + i] += alpha * x[xOff + i]} for {@code i < n}, as one fused multiply-add. */
  void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff);

  /**
   * {@code out[outOff + i] = alpha * x[xOff + i] + y[yOff + i]} for {@code i < n}, as one fused
   * multiply-add ({@code alpha = 1} or {@code -1} gives exactly {@code y + x} or {@code y - x}).
   * {@code out} may be the same run as {@code x} or {@code y} but must not otherwise overlap them.
   */
  void axpyTo(int n, float alpha, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff);

  /**
   * {@code y += alpha * op(A) * x}, BLAS {@code sgemv} on a row-major {@code m x n} matrix A
   * starting at {@code aOff} with rows {@code lda >= n} apart: op(A) is A (x has n elements, y
   * has m) or, when {@code trans}, its transpose (x has m elements, y has n). The vectors step by
   * {@code incx}, {@code incy >= 1}. y must not overlap A or x.
   */
  void gemv(
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
      int incy);

  /**
   * {@code A += alpha * x * y^T}, BLAS {@code sger}: A is a row-major {@code m x n} matrix from
   * {@code aOff} with rows {@code lda >= n} apart, x has m elements stepping by {@code incx}, y has
   * n stepping by {@code incy}. A must not overlap x or y.
   */
  void ger(
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
      int lda);

  /**
   * {@code out = x > 0 ? g : 0} (NaN counts as not positive): a gradient {@code g} passed back
   * through relu at its inputs {@code x}.
   */
  void reluGrad(float[] x, int xOff, float[] g, int gOff, float[] out, int outOff, int n);

  /**
   * {@code out = g * gelu'(x)} ({@link FloatMath#geluSlope}): a gradient {@code g} passed back
   * through gelu at its inputs {@code x}. {@code out} may be the same run as {@code g}.
   */
  void geluGrad(float[] x, int xOff, float[] g, int gOff, float[] out, int outOff, int n);

  /**
   * Adam's step over {@code n} elements, in this order of float operations: {@code mu' = g * k[1]
   * + mu * k[0]}, {@code nu' = g * g * k[3] + nu * k[2]}, {@code u = mu' / k[6] / (sqrt(nu' / k[7]
   * + k[4]) + k[5]) * k[8]}, {@code out = p + u} (or {@code u} when {@code p} is null). The
   * constants {@code k} are b1, 1 - b1, b2, 1 - b2, epsRoot, eps, the two bias corrections and
   * the scale. Each output may be one of the inputs' own arrays (the step is then in place); all
   * arrays start at 0 and hold at least {@code n} elements.
   */
  void adam(float[] k, float[] g, float[] mu, float[] nu, float[] p, float[] newMu, float[] newNu, float[] out, int n);

  /** Whether the loops run as explicit vectors (the Vector API), whatever the arrays' aliasing. */
  boolean vectorised();

  /** A short name of the implementation ({@code scalar} or {@code vector}). */
  String name();
}
