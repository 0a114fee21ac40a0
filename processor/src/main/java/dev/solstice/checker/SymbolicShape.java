package dev.solstice.checker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The shape of a tensor as far as the checker knows it: a list of {@link Axis axes}, at most one
 * of which is a {@link Axis.Rest run of axes}. The same value describes a callee's spec (whose
 * names bind at a call) and the shape of an expression (whose names are dims of the enclosing
 * method or record).
 *
 * <p>Immutable. {@link #toString()} is the spec in dims grammar, as carried by {@code @Shape}.
 */
final class SymbolicShape {
  private static final SymbolicShape SCALAR = new SymbolicShape(List.of());

  private final List<Axis> axes;
  private final int restIndex;

  private SymbolicShape(List<Axis> axes) {
    this.axes = List.copyOf(axes);
    int rest = -1;
    for (int i = 0; i < this.axes.size(); i++) {
      if (this.axes.get(i) instanceof Axis.Rest) {
        rest = i;
      }
    }
    this.restIndex = rest;
  }

  static SymbolicShape scalar() {
    return SCALAR;
  }

  /**
   * A shape of these axes. Where an operation produced more than one run of axes, everything from
   * the first run to the last is merged into one unknown run {@code ...}, which is still true.
   */
  static SymbolicShape of(List<? extends Axis> axes) {
    int first = -1;
    int last = -1;
    for (int i = 0; i < axes.size(); i++) {
      if (axes.get(i) instanceof Axis.Rest) {
        first = first < 0 ? i : first;
        last = i;
      }
    }
    if (first == last) {
      return new SymbolicShape(new ArrayList<>(axes));
    }
    List<Axis> merged = new ArrayList<>(axes.subList(0, first));
    merged.add(Axis.Rest.UNKNOWN);
    merged.addAll(axes.subList(last + 1, axes.size()));
    return new SymbolicShape(merged);
  }

  List<Axis> axes() {
    return axes;
  }

  Axis get(int index) {
    return axes.get(index);
  }

  /** The number of entries in {@link #axes()}, counting a run of axes as one. */
  int size() {
    return axes.size();
  }

  boolean hasRest() {
    return restIndex >= 0;
  }

  /** Index of the run of axes in {@link #axes()}, or -1. */
  int restIndex() {
    return restIndex;
  }

  /** Whether nothing at all is known: {@code ...}. */
  boolean isUnknown() {
    return axes.size() == 1 && restIndex == 0 && ((Axis.Rest) axes.get(0)).isUnknown();
  }

  /**
   * The axis at {@code axis} counted as numpy does (negative from the end), or null when a run of
   * axes makes that position unknown or the axis is out of range.
   */
  @Nullable Axis axis(long axis) {
    if (!hasRest()) {
      long index = axis < 0 ? axis + axes.size() : axis;
      return index >= 0 && index < axes.size() ? axes.get((int) index) : null;
    }
    if (axis >= 0 && axis < restIndex) {
      return axes.get((int) axis);
    }
    int fromEnd = axes.size() - restIndex - 1;
    if (axis < 0 && -axis <= fromEnd) {
      return axes.get((int) (axes.size() + axis));
    }
    return null;
  }

  /** The names of dims and of runs of axes this shape mentions. */
  Set<String> names() {
    Set<String> names = new TreeSet<>();
    for (Axis axis : axes) {
      if (axis instanceof Axis.Size) {
        names.addAll(((Axis.Size) axis).size().names());
      } else if (axis instanceof Axis.Rest && !((Axis.Rest) axis).isUnknown()) {
        names.add(((Axis.Rest) axis).name());
      }
    }
    return names;
  }

  /** This shape with every name replaced by an unknown: the shape as seen from another scope. */
  SymbolicShape withoutNames() {
    List<Axis> result = new ArrayList<>(axes.size());
    for (Axis axis : axes) {
      if (axis instanceof Axis.Size && !((Axis.Size) axis).size().isConstant()) {
        result.add(Axis.AnySize.INSTANCE);
      } else if (axis instanceof Axis.Rest) {
        result.add(Axis.Rest.UNKNOWN);
      } else {
        result.add(axis);
      }
    }
    return new SymbolicShape(result);
  }

  /** This shape with its axes in reverse order. */
  SymbolicShape reversed() {
    List<Axis> result = new ArrayList<>(axes);
    Collections.reverse(result);
    if (hasRest()) {
      // The axes of a named run are not that run once reversed.
      result.set(result.size() - 1 - restIndex, Axis.Rest.UNKNOWN);
    }
    return new SymbolicShape(result);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof SymbolicShape && axes.equals(((SymbolicShape) other).axes);
  }

  @Override
  public int hashCode() {
    return axes.hashCode();
  }

  /** The spec in dims grammar, axes separated by single spaces: {@code "batch 3"}. */
  @Override
  public String toString() {
    return axes.stream().map(Axis::toString).collect(Collectors.joining(" "));
  }
}
