package dev.solstice.runtime.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API matrix multiply for results narrower than a vector (fewer columns than {@code
 * LANES}, such as a classifier's 10 logits per sample). {@link VectorSgemm}'s tile is two vectors
 * wide, so 10 columns would use 10 of its 32 lanes; here a tile is {@code MR} rows of one vector,
 * the {@code k x n} operand B is packed once per block into rows of one zero-padded vector, and
 * each step of {@code p} broadcasts one element of each of the {@code MR} rows of A, read where
 * they lie.
 */
final class VectorNarrowSgemm {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  /** Rows of the register tile: 8 accumulators, as many as the FMA pipes need in flight. */
  private static final int MR = 8;
  /** Depth of a packed block of B. */
  private static final int KC = 256;

  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  private VectorNarrowSgemm() {}

  /**
   * Whether a result of {@code m x n} is narrow and tall enough for this kernel. A single column
   * is a matrix-vector product, which {@link ArrayMath#gemv} does four times faster (256x256: 7
   * against 29 us); up to 4 columns of a transposed B (rows of B contiguous along k, as in {@code
   * x W^T}) are faster as {@link DirectSgemm}'s dot products (256x4x256: 23 against 29 us).
   */
  static boolean suits(int m, int n, boolean transB) {
    return n > (transB ? 4 : 1) && n < LANES && m >= MR;
  }

  /** Same contract as {@link Sgemm#sgemm}, arguments already validated, {@link #suits} true. */
  static void sgemm(
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
    // The tile computes LANES columns whatever n is: that is the work to split.
    long work = (long) m * LANES * k;
    VectorSgemm.split(m, MR, work, (first, rows) -> multiply(transA, transB, rows, n, k, alpha, a,
        aOff + (transA ? first : first * lda), lda, b, bOff, ldb, beta, c, cOff + first * ldc, ldc));
  }

  private static void multiply(
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
    if (!VectorSgemm.prepare(m, n, k, alpha, beta, c, cOff, ldc)) {
      return;
    }
    boolean overwrite = beta == 0;
    // Element (i, p) of op(A) is a[aOff + i * aRow + p * aStep].
    int aRow = transA ? 1 : lda;
    int aStep = transA ? lda : 1;
    Workspace work = WORKSPACE.get();
    for (int p0 = 0; p0 < k; p0 += KC) {
      int kc = Math.min(KC, k - p0);
      boolean store = overwrite && p0 == 0;
      packB(transB, n, kc, b, bOff + (transB ? p0 : p0 * ldb), ldb, work.packedB);
      for (int i = 0; i < m; i += MR) {
        int rows = Math.min(MR, m - i);
        int aStart = aOff + i * aRow + p0 * aStep;
        if (rows == MR) {
          tile(kc, a, aStart, aStep, aRow, work.packedB, alpha, work.tile);
        } else {
          // A ragged last tile: its rows go into a zero-padded panel.
          VectorSgemm.packRows(rows, MR, kc, a, aStart, aStep, aRow, work.packedA);
          tile(kc, work.packedA, 0, MR, 1, work.packedB, alpha, work.tile);
        }
        VectorSgemm.copyTile(work.tile, LANES, rows, n, c, cOff + i * ldc, ldc, store);
      }
    }
  }

  /**
   * {@code tile[0:MR, 0:LANES] = alpha * A panel * packed B} over depth {@code kc}, where element
   * {@code (r, p)} of the A panel is {@code a[aStart + r * aRow + p * aStep]}.
   */
  private static void tile(
      int kc, float[] a, int aStart, int aStep, int aRow, float[] packedB, float alpha,
      float[] tile) {
    FloatVector c0 = FloatVector.zero(SPECIES);
    FloatVector c1 = FloatVector.zero(SPECIES);
    FloatVector c2 = FloatVector.zero(SPECIES);
    FloatVector c3 = FloatVector.zero(SPECIES);
    FloatVector c4 = FloatVector.zero(SPECIES);
    FloatVector c5 = FloatVector.zero(SPECIES);
    FloatVector c6 = FloatVector.zero(SPECIES);
    FloatVector c7 = FloatVector.zero(SPECIES);
    int a1 = aStart + aRow;
    int a2 = a1 + aRow;
    int a3 = a2 + aRow;
    int a4 = a3 + aRow;
    int a5 = a4 + aRow;
    int a6 = a5 + aRow;
    int a7 = a6 + aRow;
    for (int p = 0; p < kc; p++) {
      FloatVector row = FloatVector.fromArray(SPECIES, packedB, p * LANES);
      int ai = p * aStep;
      c0 = row.fma(FloatVector.broadcast(SPECIES, a[aStart + ai]), c0);
      c1 = row.fma(FloatVector.broadcast(SPECIES, a[a1 + ai]), c1);
      c2 = row.fma(FloatVector.broadcast(SPECIES, a[a2 + ai]), c2);
      c3 = row.fma(FloatVector.broadcast(SPECIES, a[a3 + ai]), c3);
      c4 = row.fma(FloatVector.broadcast(SPECIES, a[a4 + ai]), c4);
      c5 = row.fma(FloatVector.broadcast(SPECIES, a[a5 + ai]), c5);
      c6 = row.fma(FloatVector.broadcast(SPECIES, a[a6 + ai]), c6);
      c7 = row.fma(FloatVector.broadcast(SPECIES, a[a7 + ai]), c7);
    }
    c0.mul(alpha).intoArray(tile, 0);
    c1.mul(alpha).intoArray(tile, LANES);
    c2.mul(alpha).intoArray(tile, 2 * LANES);
    c3.mul(alpha).intoArray(tile, 3 * LANES);
    c4.mul(alpha).intoArray(tile, 4 * LANES);
    c5.mul(alpha).intoArray(tile, 5 * LANES);
    c6.mul(alpha).intoArray(tile, 6 * LANES);
    c7.mul(alpha).intoArray(tile, 7 * LANES);
  }

  /**
   * Packs the {@code kc x n} block of op(B) at {@code start} as {@code kc} rows of {@code LANES}
   * floats, the columns past {@code n} zero.
   */
  private static void packB(
      boolean transB, int n, int kc, float[] b, int start, int ldb, float[] packed) {
    for (int p = 0; p < kc; p++) {
      int target = p * LANES;
      if (transB) {
        for (int j = 0; j < n; j++) {
          packed[target + j] = b[start + j * ldb + p];
        }
      } else {
        System.arraycopy(b, start + p * ldb, packed, target, n);
      }
      for (int j = n; j < LANES; j++) {
        packed[target + j] = 0;
      }
    }
  }

  /** Per-thread buffers, reused across calls. */
  private static final class Workspace {
    final float[] packedA = new float[MR * KC];
    final float[] packedB = new float[KC * LANES];
    final float[] tile = new float[MR * LANES];
  }
}
