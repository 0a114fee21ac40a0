package dev.solstice.runtime.kernel;

import java.util.Arrays;

/**
 * Matrix multiply without packing or threads, for problems too small to repay either (the
 * seed's {@code 1000x1 * 1x32}, its gradients, matrix-vector products, attention's per-head
 * products). Products with a single row, column or inner dimension are {@link ArrayMath#gemv} and
 * {@link ArrayMath#ger} calls, which the vectorised {@link ArrayMath} runs with a band of the
 * result (or of B) held in registers. Other products go row by row through the same transposed
 * gemv ({@code C[i,:] += A[i,:] * op(B)}) when the rows of op(B) are contiguous, after copying a
 * transposed B into rows when it has enough columns; narrower transposed products are dot
 * products along {@code k}.
 */
final class DirectSgemm {
  /** Columns of op(B) from which a strided op(B) is copied into rows rather than dotted. */
  static final int TRANSPOSE_FROM = 8;
  /** The most elements of op(B) copied so: a direct problem's B is small. */
  static final int TRANSPOSE_LIMIT = 1 << 16;

  private static final ThreadLocal<float[]> TRANSPOSED = ThreadLocal.withInitial(() -> new float[TRANSPOSE_LIMIT]);

  private DirectSgemm() {}

  /** Same contract as {@link Sgemm#sgemm}, arguments already validated; runs use {@code math}. */
  static void sgemm(
      ArrayMath math,
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float alpha,
      float[] a,
      int aOff,
      int lda,
      float[] b,
      int bOff,
      int ldb,
      float beta,
      float[] c,
      int cOff,
      int ldc) {
    if (m == 0 || n == 0) {
      return;
    }
    scale(m, n, beta, c, cOff, ldc);
    if (k == 0 || alpha == 0) {
      return;
    }
    // Element (i, p) of op(A) is a[aOff + i * aRow + p * aCol]; likewise for op(B).
    int aRow = transA ? 1 : lda;
    int aCol = transA ? lda : 1;
    int bRow = transB ? 1 : ldb;
    int bCol = transB ? ldb : 1;
    if (k == 1) {
      // An outer product: column 0 of op(A) times row 0 of op(B).
      math.ger(m, n, alpha, a, aOff, aRow, b, bOff, bCol, c, cOff, ldc);
      return;
    }
    if (n == 1) {
      // C's column gets op(A) times B's column.
      math.gemv(transA, transA ? k : m, transA ? m : k, alpha, a, aOff, lda, b, bOff, bRow, c,
          cOff, ldc);
      return;
    }
    if (m == 1) {
      // C's row gets A's row times op(B), that is op(B)^T times A's row as a column.
      math.gemv(!transB, transB ? n : k, transB ? k : n, alpha, b, bOff, ldb, a, aOff, aCol, c,
          cOff, 1);
      return;
    }
    if (bCol == 1) {
      rowUpdates(math, m, n, k, alpha, a, aOff, aRow, aCol, b, bOff, bRow, c, cOff, ldc);
    } else if (n >= TRANSPOSE_FROM && (long) k * n <= TRANSPOSE_LIMIT) {
      // op(B) is B transposed (as in x W^T and q k^T): copying it into rows costs k * n moves and
      // turns each element of C's dot product, with its horizontal sum, into row updates
      // (32x32x16: 5x faster).
      float[] rows = TRANSPOSED.get();
      for (int p = 0; p < k; p++) {
        for (int j = 0; j < n; j++) {
          rows[p * n + j] = b[bOff + p * bRow + j * bCol];
        }
      }
      rowUpdates(math, m, n, k, alpha, a, aOff, aRow, aCol, rows, 0, n, c, cOff, ldc);
    } else if (aCol == 1) {
      dots(math, m, n, k, alpha, a, aOff, aRow, b, bOff, bCol, c, cOff, ldc);
    } else {
      stridedDots(m, n, k, alpha, a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, ldc);
    }
  }

  /** {@code C = beta * C}; with {@code beta == 0} C is overwritten by zeros, NaN or not. */
  static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
    if (beta == 1) {
      return;
    }
    if (beta == 0 && ldc == n) {
      Arrays.fill(c, cOff, cOff + m * n, 0f);
      return;
    }
    for (int i = 0; i < m; i++) {
      int row = cOff + i * ldc;
      if (beta == 0) {
        Arrays.fill(c, row, row + n, 0f);
      } else {
        for (int j = 0; j < n; j++) {
          c[row + j] *= beta;
        }
      }
    }
  }

  /**
   * {@code C[i,:] += alpha * A[i,:] * op(B)}, row by row; B rows are contiguous. Each row is a
   * transposed {@link ArrayMath#gemv}, which keeps the row of C in registers while it streams the
   * rows of B, instead of an {@link ArrayMath#axpy} through C per element of A.
   */
  private static void rowUpdates(
      ArrayMath math,
      int m,
      int n,
      int k,
      float alpha,
      float[] a,
      int aOff,
      int aRow,
      int aCol,
      float[] b,
      int bOff,
      int bRow,
      float[] c,
      int cOff,
      int ldc) {
    for (int i = 0; i < m; i++) {
      math.gemv(true, k, n, alpha, b, bOff, bRow, a, aOff + i * aRow, aCol, c, cOff + i * ldc, 1);
    }
  }

  /** {@code C[i,j] += alpha * dot(A[i,:], B[:,j])}; rows of A and columns of B are contiguous. */
  private static void dots(
      ArrayMath math,
      int m,
      int n,
      int k,
      float alpha,
      float[] a,
      int aOff,
      int aRow,
      float[] b,
      int bOff,
      int bCol,
      float[] c,
      int cOff,
      int ldc) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        c[cOff + i * ldc + j] += alpha * math.dot(a, aOff + i * aRow, b, bOff + j * bCol, k);
      }
    }
  }

  /** As {@link #dots} for any strides, with four partial sums. */
  private static void stridedDots(
      int m,
      int n,
      int k,
      float alpha,
      float[] a,
      int aOff,
      int aRow,
      int aCol,
      float[] b,
      int bOff,
      int bRow,
      int bCol,
      float[] c,
      int cOff,
      int ldc) {
    for (int i = 0; i < m; i++) {
      int aStart = aOff + i * aRow;
      for (int j = 0; j < n; j++) {
        int bStart = bOff + j * bCol;
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int p = 0;
        for (; p + 4 <= k; p += 4) {
          s0 += a[aStart + p * aCol] * b[bStart + p * bRow];
          s1 += a[aStart + (p + 1) * aCol] * b[bStart + (p + 1) * bRow];
          s2 += a[aStart + (p + 2) * aCol] * b[bStart + (p + 2) * bRow];
          s3 += a[aStart + (p + 3) * aCol] * b[bStart + (p + 3) * bRow];
        }
        for (; p < k; p++) {
          s0 += a[aStart + p * aCol] * b[bStart + p * bRow];
        }
        c[cOff + i * ldc + j] += alpha * ((s0 + s1) + (s2 + s3));
      }
    }
  }
}
