package dev.solstice.runtime.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix multiply with the Vector API ({@code jdk.incubator.vector}), organised like BLIS: B is
 * packed into panels {@code NR} columns wide, and a register-blocked micro-kernel keeps an {@code
 * MR x NR} tile of C in vector registers while it streams a panel of B and {@code MR} rows of A.
 * Large problems are split between {@link KernelThreads}; small ones go to {@link DirectSgemm};
 * those with fewer columns than a vector has lanes go to {@link VectorNarrowSgemm}.
 *
 * <p>A is read where it lies, not packed: the kernel broadcasts one element of each of its rows
 * per step, and an {@code MC x KC} block of A stays in the L2 cache while every panel of B passes
 * over it, so packing would only add a pass over A (measured: 5-10% slower at the benchmark's
 * medium shapes). Only a ragged last tile's rows are copied, into a zero-padded panel. Full tiles
 * are written straight to C: stored on the first block of {@code k} when {@code beta} is zero (C is
 * never read then, nor zeroed first), added afterwards.
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
  /** Rows of A multiplied per packed block of B; {@code MC x KC} floats stay in the L2 cache. */
  private static final int MC = 256;
  /** Columns of B packed at once. */
  private static final int NC = 1024;
  /** Steps of p copied at once from a row of a transposed B. */
  private static final int RUN = 8;
  /** Multiply-adds below which packing does not pay. */
  private static final long DIRECT_BELOW = 32 * 32 * 32;
  /**
   * Multiply-adds from which a second thread pays for its hand-off (tens of microseconds to wake
   * a parked thread): about 40 microseconds of single-threaded work.
   */
  static final long PARALLEL_FROM = 128 * 128 * 128;

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
    if (work >= DIRECT_BELOW && VectorNarrowSgemm.suits(m, n, transB)) {
      VectorNarrowSgemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff,
          ldc);
      return;
    }
    if (work < DIRECT_BELOW || n < LANES || m < MR) {
      DirectSgemm.sgemm(
          math, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      return;
    }
    if (m >= n) {
      split(m, MR, work, (first, rows) -> multiply(transA, transB, rows, n, k, alpha, a,
          aOff + (transA ? first : first * lda), lda, b, bOff, ldb, beta, c, cOff + first * ldc, ldc));
    } else {
      split(n, NR, work, (first, columns) -> multiply(transA, transB, m, columns, k, alpha, a, aOff, lda, b,
          bOff + (transB ? first * ldb : first), ldb, beta, c, cOff + first, ldc));
    }
  }

  static int roundUp(int value, int multiple) {
    return (value + multiple - 1) / multiple * multiple;
  }

  /**
   * Multiplies the {@code extent} rows (or columns) of a product of {@code work} multiply-adds in
   * bands, one per {@link KernelThreads} thread when it is large enough to pay for the hand-off.
   * Bands are whole tiles of {@code tile} rows (columns), so only the last one has a ragged tile.
   */
  static void split(int extent, int tile, long work, KernelThreads.Band band) {
    KernelThreads.runBands(extent, tile, work >= PARALLEL_FROM ? KernelThreads.PARALLELISM : 1, band);
  }

  /**
   * Prepares C for tiles to be stored or added into it: scales it by {@code beta} unless that is
   * zero (the first block of {@code k} then stores its tiles, so C is never read). Returns false
   * when the product adds nothing ({@code k} or {@code alpha} zero) and C is finished.
   */
  static boolean prepare(int m, int n, int k, float alpha, float beta, float[] c, int cOff, int ldc) {
    if (k == 0 || alpha == 0 || beta != 0) {
      DirectSgemm.scale(m, n, beta, c, cOff, ldc);
    }
    return k != 0 && alpha != 0;
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
    if (!prepare(m, n, k, alpha, beta, c, cOff, ldc)) {
      return;
    }
    boolean overwrite = beta == 0;
    // Element (i, p) of op(A) is a[aOff + i * aRow + p * aStep].
    int aRow = transA ? 1 : lda;
    int aStep = transA ? lda : 1;
    Workspace work = WORKSPACE.get();
    for (int j0 = 0; j0 < n; j0 += NC) {
      int nc = Math.min(NC, n - j0);
      for (int p0 = 0; p0 < k; p0 += KC) {
        int kc = Math.min(KC, k - p0);
        boolean store = overwrite && p0 == 0;
        int bStart = bOff + (transB ? j0 * ldb + p0 : p0 * ldb + j0);
        packB(transB, kc, nc, b, bStart, ldb, work.packedB);
        for (int i0 = 0; i0 < m; i0 += MC) {
          int mc = Math.min(MC, m - i0);
          for (int jr = 0; jr < nc; jr += NR) {
            int columns = Math.min(NR, nc - jr);
            int bPanel = jr * kc;
            for (int ir = 0; ir < mc; ir += MR) {
              int rows = Math.min(MR, mc - ir);
              int aStart = aOff + (i0 + ir) * aRow + p0 * aStep;
              int cStart = cOff + (i0 + ir) * ldc + j0 + jr;
              if (rows == MR && columns == NR) {
                tile(kc, a, aStart, aStep, aRow, work.packedB, bPanel, alpha, c, cStart, ldc, store);
              } else {
                // A ragged tile: rows past m are zeros of a padded panel, columns past n are
                // computed into the scratch tile and dropped.
                float[] panel = a;
                int panelStart = aStart;
                int panelStep = aStep;
                int panelRow = aRow;
                if (rows < MR) {
                  packRows(rows, MR, kc, a, aStart, aStep, aRow, work.packedA);
                  panel = work.packedA;
                  panelStart = 0;
                  panelStep = MR;
                  panelRow = 1;
                }
                tile(kc, panel, panelStart, panelStep, panelRow, work.packedB, bPanel, alpha,
                    work.tile, 0, NR, true);
                copyTile(work.tile, NR, rows, columns, c, cStart, ldc, store);
              }
            }
          }
        }
      }
    }
  }

  /**
   * The micro-kernel: {@code out[0:MR, 0:NR] (+)= alpha * A panel * packed B panel} over depth
   * {@code kc}, accumulating in registers. Element {@code (r, p)} of the A panel is {@code
   * a[aStart + r * aRow + p * aStep]}; the tile starts at {@code out[outStart]} with rows {@code
   * ldOut} apart and is stored there, or added to what is there unless {@code store}.
   */
  private static void tile(
      int kc,
      float[] a,
      int aStart,
      int aStep,
      int aRow,
      float[] packedB,
      int bPanel,
      float alpha,
      float[] out,
      int outStart,
      int ldOut,
      boolean store) {
    FloatVector c00 = FloatVector.zero(SPECIES);
    FloatVector c01 = FloatVector.zero(SPECIES);
    FloatVector c10 = FloatVector.zero(SPECIES);
    FloatVector c11 = FloatVector.zero(SPECIES);
    FloatVector c20 = FloatVector.zero(SPECIES);
    FloatVector c21 = FloatVector.zero(SPECIES);
    FloatVector c30 = FloatVector.zero(SPECIES);
    FloatVector c31 = FloatVector.zero(SPECIES);
    int a1 = aStart + aRow;
    int a2 = a1 + aRow;
    int a3 = a2 + aRow;
    for (int p = 0; p < kc; p++) {
      int bi = bPanel + p * NR;
      int ai = p * aStep;
      FloatVector b0 = FloatVector.fromArray(SPECIES, packedB, bi);
      FloatVector b1 = FloatVector.fromArray(SPECIES, packedB, bi + LANES);
      FloatVector r0 = FloatVector.broadcast(SPECIES, a[aStart + ai]);
      c00 = b0.fma(r0, c00);
      c01 = b1.fma(r0, c01);
      FloatVector r1 = FloatVector.broadcast(SPECIES, a[a1 + ai]);
      c10 = b0.fma(r1, c10);
      c11 = b1.fma(r1, c11);
      FloatVector r2 = FloatVector.broadcast(SPECIES, a[a2 + ai]);
      c20 = b0.fma(r2, c20);
      c21 = b1.fma(r2, c21);
      FloatVector r3 = FloatVector.broadcast(SPECIES, a[a3 + ai]);
      c30 = b0.fma(r3, c30);
      c31 = b1.fma(r3, c31);
    }
    if (alpha != 1) {
      c00 = c00.mul(alpha);
      c01 = c01.mul(alpha);
      c10 = c10.mul(alpha);
      c11 = c11.mul(alpha);
      c20 = c20.mul(alpha);
      c21 = c21.mul(alpha);
      c30 = c30.mul(alpha);
      c31 = c31.mul(alpha);
    }
    int o1 = outStart + ldOut;
    int o2 = o1 + ldOut;
    int o3 = o2 + ldOut;
    if (!store) {
      c00 = c00.add(FloatVector.fromArray(SPECIES, out, outStart));
      c01 = c01.add(FloatVector.fromArray(SPECIES, out, outStart + LANES));
      c10 = c10.add(FloatVector.fromArray(SPECIES, out, o1));
      c11 = c11.add(FloatVector.fromArray(SPECIES, out, o1 + LANES));
      c20 = c20.add(FloatVector.fromArray(SPECIES, out, o2));
      c21 = c21.add(FloatVector.fromArray(SPECIES, out, o2 + LANES));
      c30 = c30.add(FloatVector.fromArray(SPECIES, out, o3));
      c31 = c31.add(FloatVector.fromArray(SPECIES, out, o3 + LANES));
    }
    c00.intoArray(out, outStart);
    c01.intoArray(out, outStart + LANES);
    c10.intoArray(out, o1);
    c11.intoArray(out, o1 + LANES);
    c20.intoArray(out, o2);
    c21.intoArray(out, o2 + LANES);
    c30.intoArray(out, o3);
    c31.intoArray(out, o3 + LANES);
  }

  /**
   * Stores (or adds) the top-left {@code rows x columns} of a finished tile, whose rows are {@code
   * width} floats long, into C.
   */
  static void copyTile(
      float[] tile, int width, int rows, int columns, float[] c, int cStart, int ldc, boolean store) {
    for (int r = 0; r < rows; r++) {
      int row = cStart + r * ldc;
      if (store) {
        System.arraycopy(tile, r * width, c, row, columns);
      } else {
        for (int j = 0; j < columns; j++) {
          c[row + j] += tile[r * width + j];
        }
      }
    }
  }

  /**
   * Copies the {@code rows < tileRows} rows of a ragged tile's A panel (element {@code (r, p)} at
   * {@code a[start + r * aRow + p * aStep]}) into {@code packed} as a panel of {@code tileRows}
   * rows, {@code tileRows} floats per step of p, the missing rows zero.
   */
  static void packRows(
      int rows, int tileRows, int kc, float[] a, int start, int aStep, int aRow, float[] packed) {
    for (int p = 0; p < kc; p++) {
      for (int r = 0; r < tileRows; r++) {
        packed[p * tileRows + r] = r < rows ? a[start + r * aRow + p * aStep] : 0;
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
      if (transB && columns == NR) {
        packTransposedPanel(kc, b, start + j0 * ldb, ldb, packed, panel);
      } else if (transB) {
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

  /**
   * Packs a full panel of NR columns of a transposed B (column {@code j} of op(B) is row {@code j}
   * of B, from {@code b[start + j * ldb]}): each row is copied in runs of {@link #RUN} steps of p
   * into as many rows of the panel. Runs of a fixed length unroll and keep their bounds checks out
   * of the copy (measured: 256x256 from 35-52 down to 21-28 us per panel block).
   */
  private static void packTransposedPanel(
      int kc, float[] b, int start, int ldb, float[] packed, int panel) {
    int p = 0;
    for (; p + RUN <= kc; p += RUN) {
      for (int j = 0; j < NR; j++) {
        int source = start + j * ldb + p;
        int target = panel + p * NR + j;
        for (int q = 0; q < RUN; q++) {
          packed[target + q * NR] = b[source + q];
        }
      }
    }
    for (; p < kc; p++) {
      for (int j = 0; j < NR; j++) {
        packed[panel + p * NR + j] = b[start + j * ldb + p];
      }
    }
  }

  @Override
  public String name() {
    return "vector";
  }

  /** Per-thread packing buffers, reused across calls. */
  private static final class Workspace {
    final float[] packedA = new float[MR * KC];
    final float[] packedB = new float[roundUp(NC, NR) * KC];
    final float[] tile = new float[MR * NR];
  }
}
