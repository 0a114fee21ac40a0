package dev.solstice.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component of a {@link Model} as static: it is not a leaf of the tree, is never
 * differentiated or updated by an optimizer, and is carried over unchanged when the tree is
 * rebuilt. Equinox's {@code field(static=True)}; use it for frozen tensors too.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Static {}
