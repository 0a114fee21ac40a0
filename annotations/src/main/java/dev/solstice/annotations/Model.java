package dev.solstice.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as a model: a tree of tensors, like an Equinox {@code Module}.
 *
 * <p>For a record {@code Foo}, {@code solstice-processor} generates {@code FooTree} (traversal,
 * {@code valueAndGrad}, {@code applyUpdates}), {@code FooGrad} (a gradient record with the same
 * differentiable structure) and, when a method carries {@link Vmap}, {@code FooBatched}.
 *
 * <p>Components of type {@code Tensor}, other {@code @Model} records, and lists or arrays of
 * those are children; every other component, and any component marked {@link Static}, is carried
 * over unchanged.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Model {}
