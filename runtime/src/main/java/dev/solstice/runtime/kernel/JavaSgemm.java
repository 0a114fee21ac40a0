package dev.solstice.runtime.kernel;

/**
 * Matrix multiply in plain Java: cache-blocked {@code i-k-j} loops over a packed block of B,
 * with the rows of C split across {@link KernelThreads} for large problems. Small problems go to
 * {@link DirectSgemm}.
 *
 * <p>C2 (JDK 17) only vectorises a loop when it can rule out that a store feeds a later load,
 * which it cannot for different offsets into possibly the same array. So each packed row of B
 * is its own array, and the row of C being updated is copied into a scratch array: the inner
 * loop then indexes every array with the bare loop counter, and vectorises.
 */
final class JavaSgemm implements Sgemm {
  /** Rows of B per packed block. */
  private static final int KC = 256;
  /** Columns of B per packed block; {@code KC x NC} floats stay in the L2 cache. */
  private static final int NC = 512;
  /** Multiply-adds below which packing does not pay. */
  private static final long DIRECT_BELOW = 32 * 32 * 32;
  /**
   * Multiply-adds from which a second thread pays for its hand-off (tens of microseconds to wake
   * a parked thread): about 40 microseconds of single-threaded work.
   */
  private static final long PARALLEL_FROM = 96 * 96 * 96;

  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  private final ArrayMath math = new ScalarArrayMath();

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
          math, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
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
    Workspace work = WORKSPACE.get();
    float[][] packed = work.packedB;
    float[] row = work.row;
    for (int p0 = 0; p0 < k; p0 += KC) {
      int kc = Math.min(KC, k - p0);
      for (int j0 = 0; j0 < n; j0 += NC) {
        int nc = Math.min(NC, n - j0);
        packB(transB, kc, nc, b, bOff + (transB ? j0 * ldb + p0 : p0 * ldb + j0), ldb, packed);
        for (int i = first; i < end; i++) {
          int cStart = cOff + i * ldc + j0;
          System.arraycopy(c, cStart, row, 0, nc);
          updateRow(kc, nc, alpha, a, aOff + i * aRow + p0 * aCol, aCol, packed, row);
          System.arraycopy(row, 0, c, cStart, nc);
        }
      }
    }
  }

  /** {@code row[0:nc] += alpha * A[i, 0:kc] * packed}, four rows of the block at a time. */
  private static void updateRow(
      int kc, int nc, float alpha, float[] a, int aStart, int aCol, float[][] packed,
      float[] row) {
    int p = 0;
    for (; p + 4 <= kc; p += 4) {
      float a0 = alpha * a[aStart + p * aCol];
      float a1 = alpha * a[aStart + (p + 1) * aCol];
      float a2 = alpha * a[aStart + (p + 2) * aCol];
      float a3 = alpha * a[aStart + (p + 3) * aCol];
      accumulate(nc, a0, packed[p], a1, packed[p + 1], a2, packed[p + 2], a3, packed[p + 3], row);
    }
    for (; p < kc; p++) {
      accumulate(nc, alpha * a[aStart + p * aCol], packed[p], row);
    }
  }

  /** {@code row[j] += a0 * b0[j] + ... + a3 * b3[j]} for {@code j < n}. */
  private static void accumulate(
      int n, float a0, float[] b0, float a1, float[] b1, float a2, float[] b2, float a3,
      float[] b3, float[] row) {
    for (int j = 0; j < n; j++) {
      row[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
    }
  }

  /** {@code row[j] += a0 * b0[j]} for {@code j < n}. */
  private static void accumulate(int n, float a0, float[] b0, float[] row) {
    for (int j = 0; j < n; j++) {
      row[j] += a0 * b0[j];
    }
  }

  /** Copies the {@code kc x nc} block of op(B) starting at {@code start} into packed rows. */
  private static void packB(
      boolean transB, int kc, int nc, float[] b, int start, int ldb, float[][] packed) {
    if (!transB) {
      for (int p = 0; p < kc; p++) {
        System.arraycopy(b, start + p * ldb, packed[p], 0, nc);
      }
      return;
    }
    for (int j = 0; j < nc; j++) {
      int column = start + j * ldb;
      for (int p = 0; p < kc; p++) {
        packed[p][j] = b[column + p];
      }
    }
  }

  @Override
  public String name() {
    return "java";
  }

  /** Per-thread packing buffers, reused across calls. */
  private static final class Workspace {
    final float[][] packedB = new float[KC][NC];
    final float[] row = new float[NC];
  }
}
