package dev.solstice.runtime.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix multiply with the Vector API ({@code jdk.incubator.vector}), organised like BLIS: B is
 * packed into panels {@code NR} columns wide and A into panels {@code MR} rows tall, and a
 * register-blocked micro-kernel keeps an {@code MR x NR} tile of C in vector registers while it
 * streams both panels. Large problems are split between {@link KernelThreads}; small ones go to
 * {@link DirectSgemm}.
 *
 * <p>Only {@link Kernels} loads this class, reflectively, after checking that the module is
 * present, so the rest of the runtime runs without {@code --add-modules jdk.incubator.vector}.
 */
final class VectorSgemm implements Sgemm {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  /**
   * Rows of the register tile. Four rows of two vectors keep 8 accumulators, 2 panel vectors
   * and a broadcast in registers: JDK 17's C2 allocates vectors from 16 registers only, and it
   * stops inlining in larger kernels, which then box their vectors (measured: 6x2 and 8x2 spill
   * or box, 4x3 and 3x4 are no faster).
   */
  private static final int MR = 4;
  /** Columns of the register tile: two vectors. */
  private static final int NR = 2 * LANES;
  /** Depth of the packed panels: each {@code KC x NR} panel of B serves a whole block of A. */
  private static final int KC = 256;
  /** Rows of A packed at once; {@code MC x KC} floats stay in the L2 cache. */
  private static final int MC = 256;
  /** Columns of B packed at once. */
  private static final int NC = 1024;
  /** Multiply-adds below which packing does not pay. */
  private static final long DIRECT_BELOW = 32 * 32 * 32;
  /**
   * Multiply-adds from which a second thread pays for its hand-off (tens of microseconds to wake
   * a parked thread): about 40 microseconds of single-threaded work.
   */
  private static final long PARALLEL_FROM = 128 * 128 * 128;

  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  private final ArrayMath math = new VectorArrayMath();

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
    if (work < DIRECT_BELOW || n < LANES || m < 4) {
      DirectSgemm.sgemm(
          math, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      return;
    }
    int parts = work >= PARALLEL_FROM ? KernelThreads.PARALLELISM : 1;
    if (m >= n) {
      // Split rows in multiples of MR so that only the last part has a ragged tile.
      int step = roundUp((m + parts - 1) / parts, MR);
      KernelThreads.run(
          (m + step - 1) / step,
          part -> {
            int first = part * step;
            int rows = Math.min(step, m - first);
            int aStart = aOff + (transA ? first : first * lda);
            multiply(transA, transB, rows, n, k, alpha, a, aStart, lda, b, bOff, ldb, beta, c,
                cOff + first * ldc, ldc);
          });
    } else {
      int step = roundUp((n + parts - 1) / parts, NR);
      KernelThreads.run(
          (n + step - 1) / step,
          part -> {
            int first = part * step;
            int columns = Math.min(step, n - first);
            int bStart = bOff + (transB ? first * ldb : first);
            multiply(transA, transB, m, columns, k, alpha, a, aOff, lda, b, bStart, ldb, beta, c,
                cOff + first, ldc);
          });
    }
  }

  private static int roundUp(int value, int multiple) {
    return (value + multiple - 1) / multiple * multiple;
  }

  /** Single-threaded blocked multiply of the whole given problem. */
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
    DirectSgemm.scale(m, n, beta, c, cOff, ldc);
    if (k == 0 || alpha == 0) {
      return;
    }
    Workspace work = WORKSPACE.get();
    for (int j0 = 0; j0 < n; j0 += NC) {
      int nc = Math.min(NC, n - j0);
      for (int p0 = 0; p0 < k; p0 += KC) {
        int kc = Math.min(KC, k - p0);
        int bStart = bOff + (transB ? j0 * ldb + p0 : p0 * ldb + j0);
        packB(transB, kc, nc, b, bStart, ldb, work.packedB);
        for (int i0 = 0; i0 < m; i0 += MC) {
          int mc = Math.min(MC, m - i0);
          int aStart = aOff + (transA ? p0 * lda + i0 : i0 * lda + p0);
          packA(transA, mc, kc, alpha, a, aStart, lda, work.packedA);
          for (int jr = 0; jr < nc; jr += NR) {
            int columns = Math.min(NR, nc - jr);
            int bPanel = jr * kc;
            for (int ir = 0; ir < mc; ir += MR) {
              int rows = Math.min(MR, mc - ir);
              int cStart = cOff + (i0 + ir) * ldc + j0 + jr;
              tile(kc, work.packedA, ir * kc, work.packedB, bPanel, work.tile);
              addTile(work.tile, rows, columns, c, cStart, ldc);
            }
          }
        }
      }
    }
  }

  /**
   * The micro-kernel: {@code C[0:MR, 0:NR] += packedA panel * packedB panel} over depth kc,
   * accumulating in registers, then stored to {@code tile} (row length NR) for {@link #addTile}.
   */
  private static void tile(
      int kc, float[] packedA, int aPanel, float[] packedB, int bPanel, float[] tile) {
    FloatVector c00 = FloatVector.zero(SPECIES);
    FloatVector c01 = FloatVector.zero(SPECIES);
    FloatVector c10 = FloatVector.zero(SPECIES);
    FloatVector c11 = FloatVector.zero(SPECIES);
    FloatVector c20 = FloatVector.zero(SPECIES);
    FloatVector c21 = FloatVector.zero(SPECIES);
    FloatVector c30 = FloatVector.zero(SPECIES);
    FloatVector c31 = FloatVector.zero(SPECIES);
    for (int p = 0; p < kc; p++) {
      int ai = aPanel + p * MR;
      int bi = bPanel + p * NR;
      FloatVector b0 = FloatVector.fromArray(SPECIES, packedB, bi);
      FloatVector b1 = FloatVector.fromArray(SPECIES, packedB, bi + LANES);
      FloatVector a0 = FloatVector.broadcast(SPECIES, packedA[ai]);
      c00 = b0.fma(a0, c00);
      c01 = b1.fma(a0, c01);
      FloatVector a1 = FloatVector.broadcast(SPECIES, packedA[ai + 1]);
      c10 = b0.fma(a1, c10);
      c11 = b1.fma(a1, c11);
      FloatVector a2 = FloatVector.broadcast(SPECIES, packedA[ai + 2]);
      c20 = b0.fma(a2, c20);
      c21 = b1.fma(a2, c21);
      FloatVector a3 = FloatVector.broadcast(SPECIES, packedA[ai + 3]);
      c30 = b0.fma(a3, c30);
      c31 = b1.fma(a3, c31);
    }
    c00.intoArray(tile, 0);
    c01.intoArray(tile, LANES);
    c10.intoArray(tile, 1 * NR);
    c11.intoArray(tile, 1 * NR + LANES);
    c20.intoArray(tile, 2 * NR);
    c21.intoArray(tile, 2 * NR + LANES);
    c30.intoArray(tile, 3 * NR);
    c31.intoArray(tile, 3 * NR + LANES);
  }

  /** Adds the top-left {@code rows x columns} of a finished tile (row length NR) to C. */
  private static void addTile(float[] tile, int rows, int columns, float[] c, int cStart, int ldc) {
    for (int r = 0; r < rows; r++) {
      int row = cStart + r * ldc;
      int j = 0;
      if (columns == NR) {
        for (; j < NR; j += LANES) {
          FloatVector sum = FloatVector.fromArray(SPECIES, tile, r * NR + j);
          FloatVector.fromArray(SPECIES, c, row + j).add(sum).intoArray(c, row + j);
        }
      }
      for (; j < columns; j++) {
        c[row + j] += tile[r * NR + j];
      }
    }
  }

  /**
   * Packs the {@code mc x kc} block of alpha * op(A) at {@code start} into panels of MR rows,
   * each stored column by column ({@code MR} consecutive floats per step of p), zero-padded.
   */
  private static void packA(
      boolean transA, int mc, int kc, float alpha, float[] a, int start, int lda, float[] packed) {
    for (int i0 = 0; i0 < mc; i0 += MR) {
      int rows = Math.min(MR, mc - i0);
      int panel = i0 * kc;
      if (transA) {
        for (int p = 0; p < kc; p++) {
          int source = start + p * lda + i0;
          int target = panel + p * MR;
          for (int r = 0; r < rows; r++) {
            packed[target + r] = alpha * a[source + r];
          }
          for (int r = rows; r < MR; r++) {
            packed[target + r] = 0;
          }
        }
      } else {
        for (int r = 0; r < MR; r++) {
          int source = start + (i0 + r) * lda;
          for (int p = 0; p < kc; p++) {
            packed[panel + p * MR + r] = r < rows ? alpha * a[source + p] : 0;
          }
        }
      }
    }
  }

  /**
   * Packs the {@code kc x nc} block of op(B) at {@code start} into panels of NR columns, each
   * stored row by row ({@code NR} consecutive floats per step of p), zero-padded.
   */
  private static void packB(
      boolean transB, int kc, int nc, float[] b, int start, int ldb, float[] packed) {
    for (int j0 = 0; j0 < nc; j0 += NR) {
      int columns = Math.min(NR, nc - j0);
      int panel = j0 * kc;
      if (transB) {
        for (int j = 0; j < NR; j++) {
          int source = start + (j0 + j) * ldb;
          for (int p = 0; p < kc; p++) {
            packed[panel + p * NR + j] = j < columns ? b[source + p] : 0;
          }
        }
      } else {
        for (int p = 0; p < kc; p++) {
          int target = panel + p * NR;
          System.arraycopy(b, start + p * ldb + j0, packed, target, columns);
          for (int j = columns; j < NR; j++) {
            packed[target + j] = 0;
          }
        }
      }
    }
  }

  @Override
  public String name() {
    return "vector";
  }

  /** Per-thread packing buffers, reused across calls. */
  private static final class Workspace {
    final float[] packedA = new float[roundUp(MC, MR) * KC];
    final float[] packedB = new float[roundUp(NC, NR) * KC];
    final float[] tile = new float[MR * NR];
  }
}
