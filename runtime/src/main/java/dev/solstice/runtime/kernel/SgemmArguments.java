package dev.solstice.runtime.kernel;

/** Validation of {@link Sgemm} arguments, shared by every implementation. */
final class SgemmArguments {
  private SgemmArguments() {}

  /**
   * Throws {@link IllegalArgumentException} naming the offending operand unless the sizes are
   * non-negative and each stored matrix fits its array with a large enough leading dimension.
   */
  static void check(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float[] a,
      int aOff,
      int lda,
      float[] b,
      int bOff,
      int ldb,
      float[] c,
      int cOff,
      int ldc) {
    if (m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException(
          "sgemm: sizes must be >= 0, found m=" + m + ", n=" + n + ", k=" + k);
    }
    checkMatrix("A", transA ? k : m, transA ? m : k, a, aOff, lda, m > 0 && n > 0);
    checkMatrix("B", transB ? n : k, transB ? k : n, b, bOff, ldb, m > 0 && n > 0);
    checkMatrix("C", m, n, c, cOff, ldc, true);
  }

  private static void checkMatrix(
      String name, int rows, int cols, float[] data, int offset, int ld, boolean used) {
    if (data == null) {
      throw new IllegalArgumentException("sgemm: array of " + name + " is null");
    }
    if (ld < Math.max(1, cols)) {
      throw new IllegalArgumentException(
          "sgemm: "
              + name
              + " is stored "
              + rows
              + "x"
              + cols
              + " so its leading dimension must be >= "
              + Math.max(1, cols)
              + ", found "
              + ld);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("sgemm: offset of " + name + " is negative: " + offset);
    }
    if (!used || rows == 0 || cols == 0) {
      return;
    }
    long end = offset + (long) (rows - 1) * ld + cols;
    if (end > data.length) {
      throw new IllegalArgumentException(
          "sgemm: "
              + name
              + " is stored "
              + rows
              + "x"
              + cols
              + " from offset "
              + offset
              + " with leading dimension "
              + ld
              + ", needing "
              + end
              + " elements, but its array has "
              + data.length);
    }
  }
}
