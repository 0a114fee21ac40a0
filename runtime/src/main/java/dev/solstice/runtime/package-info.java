/**
 * The array runtime: {@link dev.solstice.runtime.Tensor} (dense, immutable float32 / int32 / bool
 * arrays with numpy semantics), reverse-mode {@link dev.solstice.runtime.Autodiff}, vectorising
 * {@link dev.solstice.runtime.Batching} ({@code jax.vmap}), {@link dev.solstice.runtime.Losses}
 * and the finite-difference {@link dev.solstice.runtime.GradCheck}.
 *
 * <p>How the pieces fit: {@code Tensor} only states the API. Forward loops live in one class per
 * op family ({@code Elementwise}, {@code Reductions}, {@code Movement}, {@code Matmul}, {@code
 * Composites}); every backward rule lives in {@code Gradients}; heavy loops go to {@link
 * dev.solstice.runtime.kernel.Kernels}. A tensor carries its physical shape and a count of hidden
 * leading batch axes; ops work on physical shapes and translate logical axis arguments, which is
 * all batching needs.
 */
package dev.solstice.runtime;
