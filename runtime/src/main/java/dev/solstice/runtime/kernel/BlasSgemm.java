package dev.solstice.runtime.kernel;

import java.util.Optional;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Matrix multiply by native OpenBLAS {@code cblas_sgemm}, through the bytedeco JavaCPP presets
 * (an optional dependency). Java arrays cannot be handed to native code without a copy, so the
 * operands are copied into per-thread native buffers, multiplied, and C is copied back; small
 * problems, where the call and copies would dominate, go to {@link DirectSgemm}.
 *
 * <p>OpenBLAS runs single-threaded here: its own threads spin while they wait for each other, and
 * on a machine busy with other processes one descheduled thread stalls the whole product (measured
 * on two shared cores: a 128x784x256 product took 20-100x longer with two OpenBLAS threads than
 * with one). Large products are instead split into parts along the rows (or columns) of C, run by
 * {@link KernelThreads}, where the caller takes over the parts a late thread has not started. The
 * operand every part needs is copied to native memory once per call and shared.
 *
 * <p>When the Vector API kernel ({@link VectorSgemm}) is present, products from {@link
 * #JAVA_KERNEL_FROM} multiply-adds up go to it instead: it works on the Java arrays in place, and
 * measured per core it is as fast as OpenBLAS's own kernel there (101-104 GFLOP/s at 1024x256x256
 * and the 512-1024 squares, against 96-97 without copies, 92-94 with them), so the copies are pure
 * loss. Between the direct loops and that size OpenBLAS stays: its small-matrix code beats the
 * Vector API kernel on some of those shapes (10x256x128: 10.5 against 15.3 us).
 *
 * <p>Only {@link Kernels} loads this class, reflectively, after checking that the OpenBLAS
 * classes load, so the runtime works without them.
 */
final class BlasSgemm implements Sgemm {
  /** Multiply-adds below which the copies and the native call cost more than the work. */
  private static final long DIRECT_BELOW = 48 * 48 * 48;
  /** Multiply-adds from which splitting the product between threads pays (about 40 us of work). */
  private static final long PARALLEL_FROM = 128 * 128 * 128;
  /** The fewest rows (or columns) of C a part gets, so parts stay efficient products. */
  private static final int MIN_PART = 32;

  /** Multiply-adds from which the Java kernel, when there is one, takes the product. */
  static final long JAVA_KERNEL_FROM = 128 * 128 * 128;

  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  /** The loops for problems too small for the native call. */
  private final ArrayMath math;
  /** The kernel for products of {@link #JAVA_KERNEL_FROM} multiply-adds and more, if any. */
  private final Optional<Sgemm> javaKernel;

  /**
   * Loads the native library, throwing a {@link LinkageError} when it cannot be loaded, and makes
   * OpenBLAS single-threaded (for the whole process); small problems will run on {@code math},
   * large ones on {@code javaKernel} when it is present.
   */
  BlasSgemm(ArrayMath math, Optional<Sgemm> javaKernel) {
    openblas_nolapack.blas_set_num_threads(1);
    this.math = math;
    this.javaKernel = javaKernel;
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
    long work = (long) m * n * k;
    if (work < DIRECT_BELOW || k == 0 || alpha == 0) {
      DirectSgemm.sgemm(
          math, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      return;
    }
    if (work >= JAVA_KERNEL_FROM && javaKernel.isPresent()) {
      javaKernel.get().sgemm(
          transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      return;
    }
    Buffers buffers = BUFFERS.get();
    int parts =
        work < PARALLEL_FROM
            ? 1
            : Math.min(KernelThreads.PARALLELISM, Math.max(m, n) / MIN_PART);
    if (parts <= 1) {
      FloatPointer nativeA = buffers.a(a, aOff, span(transA ? k : m, transA ? m : k, lda));
      multiplyGivenA(transA, transB, m, n, k, alpha, nativeA, lda, b, bOff, ldb, beta, c, cOff, ldc);
    } else if (m >= n) {
      // Parts are bands of rows of C and A; all of them need all of B.
      FloatPointer nativeB = buffers.b(b, bOff, span(transB ? n : k, transB ? k : n, ldb));
      KernelThreads.run(
          parts,
          part -> {
            int first = (int) ((long) m * part / parts);
            int rows = (int) ((long) m * (part + 1) / parts) - first;
            int aStart = aOff + (transA ? first : first * lda);
            multiplyGivenB(transA, transB, rows, n, k, alpha, a, aStart, lda, nativeB, ldb, beta, c,
                cOff + first * ldc, ldc);
          });
    } else {
      // Parts are bands of columns of C and B; all of them need all of A.
      FloatPointer nativeA = buffers.a(a, aOff, span(transA ? k : m, transA ? m : k, lda));
      KernelThreads.run(
          parts,
          part -> {
            int first = (int) ((long) n * part / parts);
            int columns = (int) ((long) n * (part + 1) / parts) - first;
            int bStart = bOff + (transB ? first * ldb : first);
            multiplyGivenA(transA, transB, m, columns, k, alpha, nativeA, lda, b, bStart, ldb, beta, c,
                cOff + first, ldc);
          });
    }
  }

  /** C = alpha op(A) op(B) + beta C with A already in native memory; B and C are copied here. */
  private static void multiplyGivenA(
      boolean transA, boolean transB, int m, int n, int k, float alpha, FloatPointer nativeA,
      int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
    Buffers buffers = BUFFERS.get();
    FloatPointer nativeB = buffers.b(b, bOff, span(transB ? n : k, transB ? k : n, ldb));
    multiplyNative(transA, transB, m, n, k, alpha, nativeA, lda, nativeB, ldb, beta, c, cOff, ldc,
        buffers);
  }

  /** C = alpha op(A) op(B) + beta C with B already in native memory; A and C are copied here. */
  private static void multiplyGivenB(
      boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
      int lda, FloatPointer nativeB, int ldb, float beta, float[] c, int cOff, int ldc) {
    Buffers buffers = BUFFERS.get();
    FloatPointer nativeA = buffers.a(a, aOff, span(transA ? k : m, transA ? m : k, lda));
    multiplyNative(transA, transB, m, n, k, alpha, nativeA, lda, nativeB, ldb, beta, c, cOff, ldc,
        buffers);
  }

  /** Copies C in (unless beta is 0), calls cblas_sgemm, and copies C back. */
  private static void multiplyNative(
      boolean transA, boolean transB, int m, int n, int k, float alpha, FloatPointer nativeA,
      int lda, FloatPointer nativeB, int ldb, float beta, float[] c, int cOff, int ldc,
      Buffers buffers) {
    int cSpan = span(m, n, ldc);
    FloatPointer nativeC = buffers.c(cSpan);
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
      // Copy row by row: the gaps between rows of C belong to the caller (or to another part).
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

    /** The A buffer holding {@code span} elements of {@code data} from {@code offset}. */
    FloatPointer a(float[] data, int offset, int span) {
      a = ensure(a, span);
      return a.put(data, offset, span);
    }

    /** The B buffer holding {@code span} elements of {@code data} from {@code offset}. */
    FloatPointer b(float[] data, int offset, int span) {
      b = ensure(b, span);
      return b.put(data, offset, span);
    }

    /** The C buffer, at least {@code size} elements long. */
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
