package dev.solstice.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks for a batched version of a model method, the {@code jax.vmap} of it.
 *
 * <p>For a method {@code forward} of record {@code Foo}, {@code FooBatched.forward(Foo model,
 * ...)} takes the same parameters with a batch axis added where {@link #inAxes} maps them, runs
 * the method once on the whole batch (through per-op batching rules, not a loop) and returns the
 * result with the batch axis at {@link #outAxes}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Vmap {
  /** An {@link #inAxes} entry meaning "not mapped: the same value for every sample" ({@code in_axes=None}). */
  int NONE = Integer.MIN_VALUE;

  /**
   * The mapped axis of each parameter, in order; {@link #NONE} broadcasts that parameter. Empty
   * (the default) maps every {@code Tensor} and {@code Key} parameter at axis 0 and broadcasts the
   * rest. Negative axes count from the end, as in JAX.
   */
  int[] inAxes() default {};

  /** Where the batch axis goes in the result. */
  int outAxes() default 0;
}
