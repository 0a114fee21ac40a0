package dev.solstice.shape;

import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One axis of a parsed {@link ShapeSpec}, as jaxtyping understands it. {@link #toString()} is the
 * axis written in normalised form: parsing it gives an equal {@code Dim}.
 *
 * <p>A {@code #} (broadcastable) axis also accepts size 1. Anonymous axes are never broadcastable.
 * Names may be empty: jaxtyping accepts {@code *} on its own as a variadic named {@code ""}, and
 * {@code x=} as an axis named {@code ""}; such names print as {@code =}.
 */
public sealed interface Dim {

  /** Whether size 1 is accepted in place of this axis ({@code #} prefix). */
  boolean broadcastable();

  /** A fixed size: {@code 3}, {@code #1}, {@code rows=3}. */
  record Fixed(long size, boolean broadcastable) implements Dim {
    @Override
    public String toString() {
      return (broadcastable ? "#" : "") + size;
    }
  }

  /**
   * A named axis, bound by its first occurrence in a scope and compared afterwards: {@code batch},
   * {@code #batch}. {@code treePath} marks jaxtyping's {@code ?name}, whose size may vary across
   * the leaves of a structured PyTree annotation; Solstice has no such annotation, so a checked
   * {@code ?name} axis always fails, as it does in jaxtyping outside a PyTree.
   */
  record Named(String name, boolean broadcastable, boolean treePath) implements Dim {
    public Named {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
      return (broadcastable ? "#" : "") + (treePath ? "?" : "") + printedName(name);
    }
  }

  /**
   * Zero or more axes: {@code *batch} binds the whole sub-shape to {@code batch}; {@code ...} (a
   * null name) matches any sub-shape. A broadcastable {@code *#batch} accepts any sub-shape that
   * broadcasts with the one bound. At most one per spec.
   */
  record Variadic(@Nullable String name, boolean broadcastable, boolean treePath) implements Dim {
    public Variadic {
      if (name == null && (broadcastable || treePath)) {
        throw new IllegalArgumentException("the anonymous variadic ... takes no modifiers");
      }
    }

    /** The anonymous variadic {@code ...}. */
    public static Variadic anonymous() {
      return new Variadic(null, false, false);
    }

    /** Whether this is {@code ...}, which binds nothing. */
    public boolean isAnonymous() {
      return name == null;
    }

    @Override
    public String toString() {
      if (name == null) {
        return "...";
      }
      return "*" + (broadcastable ? "#" : "") + (treePath ? "?" : "") + printedName(name);
    }
  }

  /** An unchecked axis: {@code _} or {@code _name}, any size, binds nothing. */
  record Anonymous() implements Dim {
    @Override
    public boolean broadcastable() {
      return false;
    }

    @Override
    public String toString() {
      return "_";
    }
  }

  /**
   * A symbolic axis such as {@code n+1}, {@code h*w}, {@code #n-1}: its size is {@code expr}
   * evaluated with the sizes bound so far. {@code text} is the expression as written.
   */
  record Expression(String text, SizeExpr expr, boolean broadcastable) implements Dim {
    public Expression {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(expr, "expr");
    }

    @Override
    public String toString() {
      return (broadcastable ? "#" : "") + text;
    }
  }

  private static String printedName(String name) {
    return name.isEmpty() ? "=" : name;
  }
}
