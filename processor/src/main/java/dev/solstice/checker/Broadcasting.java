package dev.solstice.checker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Numpy broadcasting of two symbolic shapes: axes line up from the right, a missing axis or one of
 * size 1 takes the other's size, otherwise the sizes must be equal.
 */
final class Broadcasting {
  /**
   * The broadcast shape, or why there is none.
   *
   * @param shape the broadcast shape; null when {@code conflict} is set
   * @param conflict the axes that certainly do not broadcast, as {@code "axis -1: 3 and 4"}
   * @param unproven the axes that may not broadcast, as {@code "axis -1: n and 3"}; null when all
   *     do
   */
  record Result(@Nullable SymbolicShape shape, @Nullable String conflict, @Nullable String unproven) {}

  private Broadcasting() {}

  static Result of(SymbolicShape a, SymbolicShape b) {
    List<Axis> reversed = new ArrayList<>();
    String unproven = null;
    int i = 1;
    while (true) {
      Axis x = fromEnd(a, i);
      Axis y = fromEnd(b, i);
      if (x == null && y == null) {
        break;
      }
      if (x == null || y == null) {
        // The shorter shape is used up: the longer one's remaining axes stay as they are.
        SymbolicShape longer = x == null ? b : a;
        for (int index = longer.size() - i; index >= 0; index--) {
          reversed.add(longer.get(index));
        }
        break;
      }
      if (x instanceof Axis.Rest || y instanceof Axis.Rest) {
        // What lies further left depends on how long the runs are, unless both are the same run
        // with nothing before it.
        boolean sameRun = x.equals(y) && a.size() - i == 0 && b.size() - i == 0;
        reversed.add(sameRun ? x : Axis.Rest.UNKNOWN);
        break;
      }
      Relation relation = Relation.of(x, y);
      boolean eitherOne = Relation.isOne(x) || Relation.isOne(y);
      if (relation == Relation.DIFFERENT && !eitherOne) {
        return new Result(null, "axis -" + i + ": " + x + " and " + y, null);
      }
      if (relation == Relation.UNKNOWN && !eitherOne && unproven == null) {
        unproven = "axis -" + i + ": " + x + " and " + y;
      }
      reversed.add(combine(x, y, relation));
      i++;
    }
    Collections.reverse(reversed);
    return new Result(SymbolicShape.of(reversed), null, unproven);
  }

  /** The broadcast of two single axes that do not certainly conflict. */
  private static Axis combine(Axis x, Axis y, Relation relation) {
    if (Relation.isOne(x)) {
      return y;
    }
    if (Relation.isOne(y)) {
      return x;
    }
    if (relation == Relation.EQUAL) {
      return x.broadcast() ? y : x;
    }
    // Valid only if one of them is 1 or both are equal, so a fixed size other than 1 wins.
    if (isFixed(x) && !x.broadcast()) {
      return x;
    }
    if (isFixed(y) && !y.broadcast()) {
      return y;
    }
    return Axis.AnySize.INSTANCE;
  }

  private static boolean isFixed(Axis axis) {
    return axis instanceof Axis.Size && ((Axis.Size) axis).size().isConstant();
  }

  /**
   * The {@code i}-th axis from the end (1 is the last), a {@link Axis.Rest} once the walk reaches
   * the shape's run, or null when the shape has fewer axes.
   */
  private static @Nullable Axis fromEnd(SymbolicShape shape, int i) {
    int index = shape.size() - i;
    if (index < 0) {
      return null;
    }
    if (shape.hasRest() && index <= shape.restIndex()) {
      return shape.get(shape.restIndex());
    }
    return shape.get(index);
  }
}
