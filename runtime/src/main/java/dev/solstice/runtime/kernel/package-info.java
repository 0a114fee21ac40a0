/**
 * The runtime's heavy loops on plain {@code float[]} storage, independent of {@code Tensor}.
 *
 * <ul>
 *   <li>{@link dev.solstice.runtime.kernel.Sgemm}: {@code C = alpha op(A) op(B) + beta C} on
 *       row-major matrices given by array, offset and leading dimension, BLAS style. A batched
 *       matmul is one call per batch element with offsets; a transposed operand is a flag, not a
 *       copy; gradients {@code dA = dC B^T} and {@code dB = A^T dC} are {@code (false, true)} and
 *       {@code (true, false)} calls, accumulating with {@code beta = 1} when needed.
 *   <li>{@link dev.solstice.runtime.kernel.ArrayMath}: {@code exp log tanh sigmoid gelu} over runs
 *       of elements, {@code sum dot axpy axpyTo reluGrad}, and the matrix-vector kernels {@code gemv
 *       ger} that products with a single row, column or inner dimension run on; {@link
 *       dev.solstice.runtime.kernel.FloatMath} has the same functions for one float.
 *   <li>{@link dev.solstice.runtime.kernel.Kernels}: the entry point, {@code Kernels.sgemm()} and
 *       {@code Kernels.math()}, backed by OpenBLAS, the Vector API or plain Java (see {@link
 *       dev.solstice.runtime.kernel.Backend}); {@code -Dsolstice.kernel=java|vector|blas} forces
 *       one.
 * </ul>
 *
 * <p>Each sgemm picks a path by size and shape: products too small for packing run in direct
 * loops ({@code DirectSgemm}); the Vector API kernel ({@code VectorSgemm}, with {@code
 * VectorNarrowSgemm} for results narrower than a vector) runs the rest in place on the Java
 * arrays; the OpenBLAS backend runs mid-sized products natively, through copies into native
 * memory, and hands the large ones to the Vector API kernel when the module is present, since
 * that kernel is as fast per core and needs no copies.
 *
 * <p>Every implementation validates its arguments and is safe to call from several threads.
 */
package dev.solstice.runtime.kernel;
