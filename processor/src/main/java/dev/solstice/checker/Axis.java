package dev.solstice.checker;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One axis of a {@link SymbolicShape}: a size known as an expression, an unknown size, or a run
 * of zero or more axes.
 *
 * <p>In a callee's spec a plain name binds at its first occurrence; in the shape of an expression
 * of the method being checked every name is that method's own dim, a fixed unknown.
 */
sealed interface Axis {

  /** Whether size 1 is also accepted here ({@code #} prefix). */
  boolean broadcast();

  /** An axis of size {@code size}: {@code 3}, {@code n}, {@code n+1}, {@code #n}. */
  record Size(DimExpr size, boolean broadcast) implements Axis {
    static Size of(DimExpr size) {
      return new Size(size, false);
    }

    static Size of(long size) {
      return new Size(DimExpr.constant(size), false);
    }

    @Override
    public String toString() {
      return (broadcast ? "#" : "") + size;
    }
  }

  /** One axis of unknown size: {@code _}. */
  record AnySize() implements Axis {
    static final AnySize INSTANCE = new AnySize();

    @Override
    public boolean broadcast() {
      return false;
    }

    @Override
    public String toString() {
      return "_";
    }
  }

  /**
   * Zero or more axes: the named {@code *batch}, or {@code ...} (null name) whose axes are
   * unknown.
   */
  record Rest(@Nullable String name, boolean broadcast) implements Axis {
    static final Rest UNKNOWN = new Rest(null, false);

    boolean isUnknown() {
      return name == null;
    }

    @Override
    public String toString() {
      return name == null ? "..." : "*" + (broadcast ? "#" : "") + name;
    }
  }
}
