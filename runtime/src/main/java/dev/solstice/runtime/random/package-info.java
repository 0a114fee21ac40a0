/**
 * Random numbers as JAX makes them: {@link dev.solstice.runtime.random.Key}, an immutable
 * threefry2x32 key that is split rather than advanced, and draws bit-exact with
 * {@code jax.random} 0.10.2.
 */
package dev.solstice.runtime.random;
