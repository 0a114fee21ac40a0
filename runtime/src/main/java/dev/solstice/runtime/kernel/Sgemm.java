package dev.solstice.runtime.kernel;

/**
 * Single-precision general matrix multiply on row-major {@code float[]} storage, as BLAS
 * {@code cblas_sgemm} with {@code CblasRowMajor}: {@code C = alpha * op(A) * op(B) + beta * C},
 * where {@code op(X)} is {@code X} or its transpose.
 *
 * <p>{@code op(A)} is {@code m x k}, {@code op(B)} is {@code k x n}, {@code C} is {@code m x n}.
 * A matrix starts at its offset and row {@code r} starts {@code r * ld} elements later (its
 * leading dimension), so sub-matrices and batched slices of one array can be passed without
 * copying. Without transposition A is stored {@code m x k} ({@code lda >= k}); with it, {@code k
 * x m} ({@code lda >= m}); likewise B is stored {@code k x n} or {@code n x k}. When {@code beta}
 * is zero C is only written, never read (so NaN in C does not leak into the result).
 *
 * <p>Implementations are thread-safe and validate their arguments, throwing {@link
 * IllegalArgumentException} for negative sizes, too small leading dimensions or arrays too short
 * for the described matrices.
 */
public interface Sgemm {

  /** Computes {@code C = alpha * op(A) * op(B) + beta * C}; see the interface description. */
  void sgemm(
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
      int ldc);

  /** A short name of the implementation, for benchmarks and diagnostics (e.g. {@code blas}). */
  String name();
}
