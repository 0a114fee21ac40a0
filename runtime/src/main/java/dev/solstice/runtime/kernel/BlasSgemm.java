package dev.solstice.runtime.kernel;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Matrix multiply by native OpenBLAS {@code cblas_sgemm}, through the bytedeco JavaCPP presets
 * (an optional dependency). Java arrays cannot be handed to native code without a copy, so the
 * operands are copied into per-thread native buffers, multiplied, and C is copied back; small
 * problems, where the call and copies would dominate, go to {@link DirectSgemm}.
 *
 * <p>Only {@link Kernels} loads this class, reflectively, after checking that the OpenBLAS
 * classes load, so the runtime works without them.
 */
final class BlasSgemm implements Sgemm {
  /** Multiply-adds below which the copies and the native call cost more than the work. */
  private static final long DIRECT_BELOW = 48 * 48 * 48;

  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  /** The loops for problems too small for the native call. */
  private final ArrayMath math;

  /**
   * Loads the native library, throwing a {@link LinkageError} when it cannot be loaded; small
   * problems will run on {@code math}.
   */
  BlasSgemm(ArrayMath math) {
    openblas_nolapack.blas_get_num_threads();
    this.math = math;
  }

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
    if ((long) m * n * k < DIRECT_BELOW || k == 0 || alpha == 0) {
      DirectSgemm.sgemm(
          math, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      return;
    }
    Buffers buffers = BUFFERS.get();
    int aSpan = span(transA ? k : m, transA ? m : k, lda);
    int bSpan = span(transB ? n : k, transB ? k : n, ldb);
    int cSpan = span(m, n, ldc);
    FloatPointer nativeA = buffers.a(aSpan);
    FloatPointer nativeB = buffers.b(bSpan);
    FloatPointer nativeC = buffers.c(cSpan);
    nativeA.put(a, aOff, aSpan);
    nativeB.put(b, bOff, bSpan);
    if (beta != 0) {
      nativeC.put(c, cOff, cSpan);
    }
    openblas_nolapack.cblas_sgemm(
        openblas_nolapack.CblasRowMajor,
        transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        m,
        n,
        k,
        alpha,
        nativeA,
        lda,
        nativeB,
        ldb,
        beta,
        nativeC,
        ldc);
    if (ldc == n || m == 1) {
      nativeC.position(0).get(c, cOff, cSpan);
    } else {
      // Copy row by row: the gaps between rows of C belong to the caller.
      for (int i = 0; i < m; i++) {
        nativeC.position((long) i * ldc).get(c, cOff + i * ldc, n);
      }
    }
  }

  /** Elements from the first to the last element of a {@code rows x columns} matrix. */
  private static int span(int rows, int columns, int ld) {
    return (rows - 1) * ld + columns;
  }

  @Override
  public String name() {
    return "blas";
  }

  /** Per-thread native buffers, grown on demand, handed out at position 0. */
  private static final class Buffers {
    private FloatPointer a = new FloatPointer(0);
    private FloatPointer b = new FloatPointer(0);
    private FloatPointer c = new FloatPointer(0);

    FloatPointer a(int size) {
      a = ensure(a, size);
      return a;
    }

    FloatPointer b(int size) {
      b = ensure(b, size);
      return b;
    }

    FloatPointer c(int size) {
      c = ensure(c, size);
      return c;
    }

    private static FloatPointer ensure(FloatPointer buffer, int size) {
      if (buffer.capacity() >= size) {
        return buffer.position(0);
      }
      buffer.close();
      return new FloatPointer(Math.max(size, buffer.capacity() * 3 / 2));
    }
  }
}
