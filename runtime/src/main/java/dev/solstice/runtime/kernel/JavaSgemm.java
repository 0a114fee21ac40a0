package dev.solstice.runtime.kernel;

/**
 * Matrix multiply in plain Java: cache-blocked {@code i-k-j} loops over a packed block of B,
 * whose innermost loop the JIT vectorises, with the rows of C split across {@link
 * KernelThreads} for large problems. Small problems go to {@link DirectSgemm}.
 */
final class JavaSgemm implements Sgemm {
  /** Rows of B per packed block. */
  private static final int KC = 256;
  /** Columns of B per packed block; {@code KC x NC} floats stay in the L2 cache. */
  private static final int NC = 512;
  /** Multiply-adds below which packing does not pay. */
  private static final long DIRECT_BELOW = 32 * 32 * 32;
  /** Multiply-adds from which a second thread pays for its hand-off. */
  private static final long PARALLEL_FROM = 64 * 64 * 64;

  private static final ThreadLocal<float[]> PACKED_B = ThreadLocal.withInitial(() -> new float[0]);

  @Override
  public void sgemm(
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
    SgemmArguments.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    long work = (long) m * n * k;
    if (work < DIRECT_BELOW || n < 8) {
      DirectSgemm.sgemm(
          transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      return;
    }
    int parts = work >= PARALLEL_FROM ? Math.min(KernelThreads.PARALLELISM, m) : 1;
    KernelThreads.run(
        parts,
        part -> {
          int first = (int) ((long) m * part / parts);
          int end = (int) ((long) m * (part + 1) / parts);
          rows(first, end, transA, transB, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff,
              ldc);
        });
  }

  /** Computes rows {@code [first, end)} of C. */
  private static void rows(
      int first,
      int end,
      boolean transA,
      boolean transB,
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
    DirectSgemm.scale(end - first, n, beta, c, cOff + first * ldc, ldc);
    if (k == 0 || alpha == 0) {
      return;
    }
    int aRow = transA ? 1 : lda;
    int aCol = transA ? lda : 1;
    float[] packed = packBuffer(Math.min(k, KC) * Math.min(n, NC));
    for (int p0 = 0; p0 < k; p0 += KC) {
      int kc = Math.min(KC, k - p0);
      for (int j0 = 0; j0 < n; j0 += NC) {
        int nc = Math.min(NC, n - j0);
        packB(transB, kc, nc, b, bOff + (transB ? j0 * ldb + p0 : p0 * ldb + j0), ldb, packed);
        for (int i = first; i < end; i++) {
          int aStart = aOff + i * aRow + p0 * aCol;
          updateRow(kc, nc, alpha, a, aStart, aCol, packed, c, cOff + i * ldc + j0);
        }
      }
    }
  }

  /** {@code C[i, 0:nc] += alpha * A[i, 0:kc] * packed}, four rows of the block at a time. */
  private static void updateRow(
      int kc, int nc, float alpha, float[] a, int aStart, int aCol, float[] packed, float[] c,
      int cStart) {
    int p = 0;
    for (; p + 4 <= kc; p += 4) {
      float a0 = alpha * a[aStart + p * aCol];
      float a1 = alpha * a[aStart + (p + 1) * aCol];
      float a2 = alpha * a[aStart + (p + 2) * aCol];
      float a3 = alpha * a[aStart + (p + 3) * aCol];
      int b0 = p * nc;
      int b1 = b0 + nc;
      int b2 = b1 + nc;
      int b3 = b2 + nc;
      for (int j = 0; j < nc; j++) {
        c[cStart + j] +=
            a0 * packed[b0 + j] + a1 * packed[b1 + j] + a2 * packed[b2 + j] + a3 * packed[b3 + j];
      }
    }
    for (; p < kc; p++) {
      float s = alpha * a[aStart + p * aCol];
      int b0 = p * nc;
      for (int j = 0; j < nc; j++) {
        c[cStart + j] += s * packed[b0 + j];
      }
    }
  }

  /** Copies the {@code kc x nc} block of op(B) starting at {@code start} into rows of nc. */
  private static void packB(
      boolean transB, int kc, int nc, float[] b, int start, int ldb, float[] packed) {
    if (!transB) {
      for (int p = 0; p < kc; p++) {
        System.arraycopy(b, start + p * ldb, packed, p * nc, nc);
      }
      return;
    }
    for (int j = 0; j < nc; j++) {
      int column = start + j * ldb;
      for (int p = 0; p < kc; p++) {
        packed[p * nc + j] = b[column + p];
      }
    }
  }

  private static float[] packBuffer(int size) {
    float[] buffer = PACKED_B.get();
    if (buffer.length < size) {
      buffer = new float[size];
      PACKED_B.set(buffer);
    }
    return buffer;
  }

  @Override
  public String name() {
    return "java";
  }
}
