package dev.solstice.runtime;

/**
 * How to walk a row-major index space {@code full} and, in step, operands that broadcast to it:
 * the space is cut into {@link #blocks} runs of {@link #inner} elements along its (collapsed) last
 * axis; within a run every operand is either contiguous ({@link #innerStride} 1) or constant
 * (stride 0). Callers write one tight loop per stride pattern and call {@link #next()} between
 * runs, so broadcasting costs no per-element index arithmetic.
 *
 * <p>Adjacent axes that are contiguous in every operand are merged first, so same-shape operands
 * become one run and a row broadcast becomes runs of a row.
 */
final class Plan {
  /** Elements per run. */
  final int inner;
  /** Per operand, its stride (0 or 1) within a run. */
  final int[] innerStride;
  /** Number of runs. */
  final int blocks;
  /** Per operand, the offset of the current run's first element. */
  final int[] offset;

  private final int[] dims;
  private final int[][] strides;
  private final int[] index;

  /** A plan over {@code full}; each operand shape has full's length and broadcasts to it. */
  static Plan of(int[] full, int[]... operands) {
    int rank = full.length;
    int[][] allStrides = new int[operands.length][];
    for (int k = 0; k < operands.length; k++) {
      allStrides[k] = Shapes.broadcastStrides(operands[k], full);
    }
    int[] dims = new int[rank];
    int[][] strides = new int[operands.length][rank];
    int kept = 0;
    for (int d = 0; d < rank; d++) {
      if (full[d] == 1) {
        continue;
      }
      if (kept > 0 && mergeable(allStrides, strides, kept - 1, d, full[d])) {
        dims[kept - 1] *= full[d];
        for (int k = 0; k < operands.length; k++) {
          strides[k][kept - 1] = allStrides[k][d];
        }
        continue;
      }
      dims[kept] = full[d];
      for (int k = 0; k < operands.length; k++) {
        strides[k][kept] = allStrides[k][d];
      }
      kept++;
    }
    return new Plan(dims, strides, kept, operands.length);
  }

  private static boolean mergeable(int[][] all, int[][] strides, int prev, int d, int dimD) {
    for (int k = 0; k < all.length; k++) {
      if (strides[k][prev] != all[k][d] * dimD) {
        return false;
      }
    }
    return true;
  }

  private Plan(int[] dims, int[][] strides, int kept, int operands) {
    this.offset = new int[operands];
    this.innerStride = new int[operands];
    if (kept == 0) {
      this.inner = 1;
      this.blocks = 1;
      this.dims = new int[0];
      this.strides = new int[operands][0];
    } else {
      this.inner = dims[kept - 1];
      int outer = kept - 1;
      this.dims = java.util.Arrays.copyOf(dims, outer);
      this.strides = new int[operands][];
      for (int k = 0; k < operands; k++) {
        innerStride[k] = strides[k][kept - 1];
        this.strides[k] = java.util.Arrays.copyOf(strides[k], outer);
      }
      this.blocks = Shapes.size(this.dims);
    }
    this.index = new int[this.dims.length];
  }

  /** Moves {@link #offset} to the next run. */
  void next() {
    for (int d = dims.length - 1; d >= 0; d--) {
      index[d]++;
      for (int k = 0; k < offset.length; k++) {
        offset[k] += strides[k][d];
      }
      if (index[d] < dims[d]) {
        return;
      }
      for (int k = 0; k < offset.length; k++) {
        offset[k] -= strides[k][d] * dims[d];
      }
      index[d] = 0;
    }
  }
}
