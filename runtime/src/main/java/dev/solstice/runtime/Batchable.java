package dev.solstice.runtime;

import java.util.function.UnaryOperator;

/**
 * A value made of tensors that {@link Batching#in(String, Batchable, int)} and {@link
 * Batching#out(Batchable, int)} can map over, as they do for a plain tensor. The PRNG's {@code Key}
 * implements it over its key data, so a key array batched by {@code in} gives each sample its own
 * key.
 */
public interface Batchable<T> {
  /** This value rebuilt with {@code f} applied to each of its tensors. */
  T mapTensors(UnaryOperator<Tensor> f);
}
