package dev.solstice.runtime.kernel;

import java.util.Arrays;

/**
 * Matrix multiply without packing or threads, for problems too small to repay either (the
 * seed's {@code 1000x1 * 1x32}, its gradients, matrix-vector products). Products with a single
 * row, column or inner dimension are {@link ArrayMath#gemv} and {@link ArrayMath#ger} calls,
 * which the vectorised {@link ArrayMath} runs with a band of the result (or of B) held in
 * registers. For other shapes it picks the loop order whose innermost loop is longest among those
 * running over contiguous memory: a row update {@code C[i,:] += A[i,p] * B[p,:]}, a column update
 * for single-column results, or a dot product along {@code k}; those runs are {@link
 * ArrayMath#axpy} and {@link ArrayMath#dot} calls, so the vectorised {@link ArrayMath} makes this
 * path vectorised too.
 */
final class DirectSgemm {
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
    int rowUpdate = bCol == 1 ? n : 0;
    int columnUpdate = n == 1 && aRow == 1 && ldc == 1 ? m : 0;
    // Dot products reduce sequentially, so they need a longer run to win.
    int dot = aCol == 1 && bRow == 1 ? k / 2 : 0;
    if (rowUpdate > 0 && rowUpdate >= columnUpdate && rowUpdate >= dot) {
      rowUpdates(math, m, n, k, alpha, a, aOff, aRow, aCol, b, bOff, bRow, c, cOff, ldc);
    } else if (columnUpdate > 0 && columnUpdate >= dot) {
      columnUpdates(math, m, k, alpha, a, aOff, aCol, b, bOff, bRow, c, cOff);
    } else if (dot > 0) {
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

  /** {@code C[i,:] += alpha * A[i,p] * B[p,:]}; B rows are contiguous. */
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
      int cRow = cOff + i * ldc;
      int aStart = aOff + i * aRow;
      for (int p = 0; p < k; p++) {
        math.axpy(n, alpha * a[aStart + p * aCol], b, bOff + p * bRow, c, cRow);
      }
    }
  }

  /**
   * Contiguous single-column C: {@code C[:,0] += alpha * B[p,0] * A[:,p]}; A columns are
   * contiguous.
   */
  private static void columnUpdates(
      ArrayMath math,
      int m,
      int k,
      float alpha,
      float[] a,
      int aOff,
      int aCol,
      float[] b,
      int bOff,
      int bRow,
      float[] c,
      int cOff) {
    for (int p = 0; p < k; p++) {
      math.axpy(m, alpha * b[bOff + p * bRow], a, aOff + p * aCol, c, cOff);
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
