package dev.solstice.runtime;

import dev.solstice.runtime.kernel.Kernels;
import dev.solstice.shape.ShapeMismatchException;
import java.util.Arrays;

/**
 * Matrix products with numpy's rank rules, lifted over hidden batch axes.
 *
 * <p>Every product is seen as a stack of matrix products over a prefix of batch axes (hidden vmap
 * axes first, then numpy's leading axes). When one operand is shared by the whole stack the stack
 * is folded into a single large product: a batched vector times a weight matrix becomes one
 * {@code (B, in) x (in, out)} product, and the gradient of a shared weight becomes one product over
 * the batch instead of a sum of outer products. Only the kernel's sgemm touches elements.
 */
final class Matmul {
  private Matmul() {}

  /** A stack of matrices {@code op(X)} of {@code rows x cols}, stored row-major, transposed if {@code transposed}. */
  record Operand(float[] data, int[] prefix, int rows, int cols, boolean transposed) {
    int stored() {
      return rows * cols;
    }

    int ld() {
      return transposed ? rows : cols;
    }

    boolean shared() {
      return Shapes.size(prefix) == 1;
    }
  }

  /**
   * The matrices of {@code t} as the operand {@code op(X)} of {@code rows x cols}, transposed if
   * {@code transposed}. A lazy transpose ({@link Tensor#transpose}, {@link Tensor#swapaxes} of the
   * last two axes) is read from the tensor it transposes with the flag flipped: the kernel gets a
   * transpose flag, not a copy.
   */
  static Operand operand(Tensor t, int[] prefix, int rows, int cols, boolean transposed) {
    Tensor source = t.transposeOf();
    if (source != null && t.rank() >= 2) {
      return new Operand(source.data(), prefix, rows, cols, !transposed);
    }
    return new Operand(t.data(), prefix, rows, cols, transposed);
  }

  static Tensor matmul(Tensor a, Tensor b) {
    int[] la = a.shape();
    int[] lb = b.shape();
    if (la.length == 0 || lb.length == 0) {
      throw new ShapeMismatchException(
          "matmul: operands need rank >= 1, got shapes " + Shapes.str(la) + " and " + Shapes.str(lb));
    }
    a = a.isFloat() ? a : a.asType(DType.FLOAT32);
    b = b.isFloat() ? b : b.asType(DType.FLOAT32);
    boolean vectorA = la.length == 1;
    boolean vectorB = lb.length == 1;
    int m = vectorA ? 1 : la[la.length - 2];
    int k = la[la.length - 1];
    int kb = vectorB ? lb[0] : lb[lb.length - 2];
    int n = vectorB ? 1 : lb[lb.length - 1];
    if (k != kb) {
      throw new ShapeMismatchException(
          "matmul: cannot multiply " + Shapes.str(la) + " by " + Shapes.str(lb) + ": contracting axes " + k + " and " + kb + " differ");
    }
    int nb = Math.max(a.batchAxes(), b.batchAxes());
    int leading = Math.max(Math.max(0, la.length - 2), Math.max(0, lb.length - 2));
    int[] prefixA = prefix(a, nb, leading, vectorA ? 1 : 2);
    int[] prefixB = prefix(b, nb, leading, vectorB ? 1 : 2);
    int[] prefix = new int[prefixA.length];
    for (int i = 0; i < prefix.length; i++) {
      if (prefixA[i] != prefixB[i] && prefixA[i] != 1 && prefixB[i] != 1) {
        throw new ShapeMismatchException(
            "matmul: cannot multiply " + Shapes.str(la) + " by " + Shapes.str(lb) + ": batch axes "
                + (i < nb ? "of vmap level " + i : "") + " sizes " + prefixA[i] + " and " + prefixB[i] + " do not broadcast");
      }
      prefix[i] = Math.max(prefixA[i], prefixB[i]);
    }
    float[] out = product(operand(a, prefixA, m, k, false), operand(b, prefixB, k, n, false), prefix);
    int[] shape = prefix;
    if (!vectorA) {
      shape = Shapes.concat(shape, new int[] {m});
    }
    if (!vectorB) {
      shape = Shapes.concat(shape, new int[] {n});
    }
    Node node = a.node == null && b.node == null ? null : Gradients.matmul(a, b, prefixA, prefixB, prefix, m, n, k);
    return Tensor.floats(out, shape, nb, node);
  }

  /** The prefix of {@code t}'s physical shape before its last {@code matrixAxes} axes, aligned to {@code nb} hidden and {@code leading} numpy batch axes. */
  private static int[] prefix(Tensor t, int nb, int leading, int matrixAxes) {
    int[] shape = t.physical();
    int[] out = Shapes.ones(nb + leading);
    System.arraycopy(shape, 0, out, 0, t.batchAxes());
    int own = t.rank() - matrixAxes;
    if (own > 0) {
      System.arraycopy(shape, t.batchAxes(), out, nb + leading - own, own);
    }
    return out;
  }

  /**
   * A new array holding the sum of {@code op(X[p]) @ op(Y[p])} over every position {@code p} of
   * the broadcast of the two prefixes that maps to each block of the result. The result has prefix
   * {@code zPrefix}: the full broadcast, or 1 along axes to sum over (how the gradient of a
   * broadcast operand is formed). When the product overwrites the whole array (beta 0) the array
   * is not zeroed first, which inside a {@code valueAndGrad} pass saves a pass over a pooled array.
   */
  static float[] product(Operand x, Operand y, int[] zPrefix) {
    int m = x.rows();
    int k = x.cols();
    int n = y.cols();
    int[] iteration = new int[zPrefix.length];
    for (int i = 0; i < iteration.length; i++) {
      iteration[i] = Math.max(x.prefix()[i], y.prefix()[i]);
    }
    int count = Shapes.size(iteration);
    int size = Shapes.size(zPrefix) * m * n;
    boolean full = Arrays.equals(iteration, zPrefix);
    if (full && y.shared() && (!x.transposed() || m == 1)) {
      // One product: the stacked rows of every X[p] times the shared Y.
      float beta = onZeros(count * m, n, k);
      float[] z = allocate(size, beta);
      gemm(false, y.transposed(), count * m, n, k, 1f, x.data(), 0, k, y.data(), 0, y.ld(), beta, z, 0, n);
      return z;
    }
    if (full && x.shared() && n == 1) {
      // Z[p] = X Y[p] for vectors Y[p]: all Z^T rows at once as Y^T X^T. For a tiny k the
      // shared X is laid out as X^T here: kernels handle a transposed operand poorly when k is
      // too short to amortise it.
      float beta = onZeros(count, m, k);
      float[] z = allocate(size, beta);
      if (!x.transposed() && k < 16) {
        gemm(false, false, count, m, k, 1f, y.data(), 0, k, transpose(x.data(), m, k), 0, m, beta, z, 0, m);
      } else {
        gemm(false, !x.transposed(), count, m, k, 1f, y.data(), 0, k, x.data(), 0, x.ld(), beta, z, 0, m);
      }
      return z;
    }
    if (Shapes.size(zPrefix) == 1 && count > 1
        && Arrays.equals(x.prefix(), iteration) && Arrays.equals(y.prefix(), iteration)
        && (x.transposed() || m == 1 || k == 1) && (!y.transposed() || n == 1 || k == 1)) {
      // Sum over p of X[p] Y[p] = [X_0 .. X_P] times [Y_0; ..; Y_P]: one product with K = P k.
      boolean transposeX = m != 1;
      float beta = onZeros(m, n, count * k);
      float[] z = allocate(size, beta);
      gemm(transposeX, false, m, n, count * k, 1f, x.data(), 0, transposeX ? m : count * k, y.data(), 0, n, beta, z, 0, n);
      return z;
    }
    int[] xOffsets = Shapes.blockOffsets(iteration, x.prefix(), x.stored());
    int[] yOffsets = Shapes.blockOffsets(iteration, y.prefix(), y.stored());
    int[] zOffsets = Shapes.blockOffsets(iteration, zPrefix, m * n);
    // Where positions share a z block (a reduced prefix) products add up.
    float beta = full ? onZeros(m, n, k) : 1f;
    float[] z = allocate(size, beta);
    for (int p = 0; p < count; p++) {
      gemm(x.transposed(), y.transposed(), m, n, k, 1f, x.data(), xOffsets[p], x.ld(), y.data(), yOffsets[p], y.ld(), beta, z, zOffsets[p], n);
    }
    return z;
  }

  /**
   * An array of {@code size} floats for a product's result: zeros for products that accumulate
   * onto it ({@code beta} 1), uninitialized for those that overwrite all of it ({@code beta} 0).
   */
  private static float[] allocate(int size, float beta) {
    return beta == 0 ? TapeBuffers.uninitialized(size) : TapeBuffers.zeros(size);
  }

  /** Multiply-adds below which the kernels run a product in their direct loops, not natively. */
  private static final long DIRECT_PRODUCT = 48 * 48 * 48;

  /**
   * The beta for a product into a C that still holds the zeros it was allocated with. The kernels'
   * direct loops, which small products run in, would zero C again for beta 0, a pass over C as
   * long as the product itself for the seed's {@code 1000x1 * 1x32}; so small products accumulate
   * onto the zeros (beta 1, the same result). Large ones go to native code, where beta 1 would copy
   * C in.
   */
  private static float onZeros(int m, int n, int k) {
    return (long) m * n * k < DIRECT_PRODUCT ? 1f : 0f;
  }

  /** The {@code cols x rows} transpose of the row-major {@code rows x cols} matrix {@code a}. */
  private static float[] transpose(float[] a, int rows, int cols) {
    float[] t = new float[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j * rows + i] = a[i * cols + j];
      }
    }
    return t;
  }

  /** {@code C = alpha op(A) op(B) + beta C}, row major, as {@code cblas_sgemm}: the kernel's matrix multiply. */
  private static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int ao, int lda, float[] b, int bo, int ldb, float beta, float[] c, int co, int ldc) {
    Kernels.sgemm().sgemm(transA, transB, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
  }
}
