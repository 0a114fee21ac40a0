package dev.solstice.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.checkerframework.framework.qual.SubtypeOf;

/**
 * The shape of a tensor, in jaxtyping's dims grammar: {@code @Shape("batch channels")}.
 *
 * <p>Space-separated axes: {@code 3} fixed, {@code batch} named, {@code *batch} named variadic,
 * {@code ...} anonymous variadic, {@code #} prefix broadcastable, {@code _} unchecked,
 * {@code name=3} a documented fixed size, symbolic {@code n+1}; {@code ""} is a scalar.
 *
 * <p>At compile time {@code ShapeChecker} treats this as a type qualifier on {@code Tensor} and
 * reports definite mismatches; at run time generated code checks the same spec with {@code
 * dev.solstice.shape.ShapeScope}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE_USE, ElementType.TYPE_PARAMETER})
@SubtypeOf(UnknownShape.class)
public @interface Shape {
  /** The dims string, for example {@code "batch 1"}. */
  String value();
}
