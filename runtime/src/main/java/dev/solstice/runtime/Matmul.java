package dev.solstice.runtime;

import dev.solstice.shape.ShapeMismatchException;
import java.util.Arrays;

/**
 * Matrix products with numpy's rank rules, lifted over hidden batch axes.
 *
 * <p>Every product is seen as a stack of matrix products over a prefix of batch axes (hidden vmap
 * axes first, then numpy's leading axes). When one operand is shared by the whole stack the stack
 * is folded into a single large product: a batched vector times a weight matrix becomes one
 * {@code (B, in) x (in, out)} product, and the gradient of a shared weight becomes one product over
 * the batch instead of a sum of outer products. Only {@link #gemm} touches elements.
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
    float[] out = new float[Shapes.size(prefix) * m * n];
    product(new Operand(a.data, prefixA, m, k, false), new Operand(b.data, prefixB, k, n, false), prefix, out);
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
   * Adds {@code op(X[p]) @ op(Y[p])} into {@code z} for every position {@code p} of the broadcast of
   * the two prefixes. {@code z} has prefix {@code zPrefix}: the full broadcast, or 1 along axes to
   * sum over (how the gradient of a broadcast operand is formed).
   */
  static void product(Operand x, Operand y, int[] zPrefix, float[] z) {
    int m = x.rows();
    int k = x.cols();
    int n = y.cols();
    int[] iteration = new int[zPrefix.length];
    for (int i = 0; i < iteration.length; i++) {
      iteration[i] = Math.max(x.prefix()[i], y.prefix()[i]);
    }
    int count = Shapes.size(iteration);
    boolean full = Arrays.equals(iteration, zPrefix);
    if (full && y.shared() && (!x.transposed() || m == 1)) {
      // One product: the stacked rows of every X[p] times the shared Y.
      gemm(false, y.transposed(), count * m, n, k, 1f, x.data(), 0, k, y.data(), 0, y.ld(), 0f, z, 0, n);
    } else if (full && x.shared() && n == 1) {
      // Z[p] = X Y[p] for vectors Y[p]: all Z^T rows at once as Y^T X^T.
      gemm(false, !x.transposed(), count, m, k, 1f, y.data(), 0, k, x.data(), 0, x.ld(), 0f, z, 0, m);
    } else if (Shapes.size(zPrefix) == 1 && count > 1
        && Arrays.equals(x.prefix(), iteration) && Arrays.equals(y.prefix(), iteration)
        && (x.transposed() || m == 1 || k == 1) && (!y.transposed() || n == 1 || k == 1)) {
      // Sum over p of X[p] Y[p] = [X_0 .. X_P] times [Y_0; ..; Y_P]: one product with K = P k.
      boolean transposeX = m != 1;
      gemm(transposeX, false, m, n, count * k, 1f, x.data(), 0, transposeX ? m : count * k, y.data(), 0, n, 0f, z, 0, n);
    } else {
      int[] xOffsets = Shapes.blockOffsets(iteration, x.prefix(), x.stored());
      int[] yOffsets = Shapes.blockOffsets(iteration, y.prefix(), y.stored());
      int[] zOffsets = Shapes.blockOffsets(iteration, zPrefix, m * n);
      for (int p = 0; p < count; p++) {
        // z starts as zeros; where positions share a z block (a reduced prefix) products add up.
        float beta = full ? 0f : 1f;
        gemm(x.transposed(), y.transposed(), m, n, k, 1f, x.data(), xOffsets[p], x.ld(), y.data(), yOffsets[p], y.ld(), beta, z, zOffsets[p], n);
      }
    }
  }

  /**
   * {@code C = alpha op(A) op(B) + beta C} for row-major {@code op(A)} of {@code M x K} and
   * {@code op(B)} of {@code K x N}, exactly as {@code cblas_sgemm} (row major): the seam for the
   * fast kernel. These loops only keep each layout on a contiguous inner loop.
   */
  static void gemm(boolean transA, boolean transB, int M, int N, int K, float alpha,
      float[] a, int ao, int lda, float[] b, int bo, int ldb, float beta, float[] c, int co, int ldc) {
    if (beta != 1f) {
      for (int i = 0; i < M; i++) {
        for (int j = 0; j < N; j++) {
          c[co + i * ldc + j] = beta == 0f ? 0f : beta * c[co + i * ldc + j];
        }
      }
    }
    if (M == 0 || N == 0 || K == 0 || alpha == 0f) {
      return;
    }
    if (transB && (transA || K < 16)) {
      // B is small next to the product here: lay it out K x N once.
      float[] bt = new float[K * N];
      for (int j = 0; j < N; j++) {
        for (int p = 0; p < K; p++) {
          bt[p * N + j] = b[bo + j * ldb + p];
        }
      }
      gemm(transA, false, M, N, K, alpha, a, ao, lda, bt, 0, N, 1f, c, co, ldc);
    } else if (transB) {
      // Rows of A against rows of B, both contiguous along K.
      for (int i = 0; i < M; i++) {
        for (int j = 0; j < N; j++) {
          c[co + i * ldc + j] += alpha * dot(a, ao + i * lda, b, bo + j * ldb, K, 1);
        }
      }
    } else if (transA) {
      // A is stored K x M: add a(p, i) * B(p, :) into C(i, :), walking A row by row.
      for (int p = 0; p < K; p++) {
        int ar = ao + p * lda;
        int br = bo + p * ldb;
        if (N == 1 && ldc == 1) {
          axpy(M, alpha * b[br], a, ar, c, co);
        } else {
          for (int i = 0; i < M; i++) {
            axpy(N, alpha * a[ar + i], b, br, c, co + i * ldc);
          }
        }
      }
    } else if (N == 1) {
      for (int i = 0; i < M; i++) {
        c[co + i * ldc] += alpha * dot(a, ao + i * lda, b, bo, K, ldb);
      }
    } else {
      for (int i = 0; i < M; i++) {
        for (int p = 0; p < K; p++) {
          axpy(N, alpha * a[ao + i * lda + p], b, bo + p * ldb, c, co + i * ldc);
        }
      }
    }
  }

  /** {@code y[yo..yo+n) += alpha * x[xo..xo+n)}. */
  private static void axpy(int n, float alpha, float[] x, int xo, float[] y, int yo) {
    for (int j = 0; j < n; j++) {
      y[yo + j] += alpha * x[xo + j];
    }
  }

  /** The dot product of {@code n} contiguous floats of {@code x} with {@code n} floats of {@code y} at stride {@code ys}, in four independent sums. */
  private static float dot(float[] x, int xo, float[] y, int yo, int n, int ys) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int p = 0;
    for (; p + 3 < n; p += 4) {
      s0 += x[xo + p] * y[yo + p * ys];
      s1 += x[xo + p + 1] * y[yo + (p + 1) * ys];
      s2 += x[xo + p + 2] * y[yo + (p + 2) * ys];
      s3 += x[xo + p + 3] * y[yo + (p + 3) * ys];
    }
    for (; p < n; p++) {
      s0 += x[xo + p] * y[yo + p * ys];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
