package dev.solstice.checker;

import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The precision order on the shapes of one scope, which flow refinement joins along: a shape is
 * below another when every tensor it describes is also described by the other. {@code "3 4"} is
 * below {@code "3 _"}, which is below {@code "..."}; {@code "3"} and {@code "n"} are unrelated.
 */
final class ShapeLattice {
  private ShapeLattice() {}

  /** Whether {@code general} describes every tensor that {@code specific} describes. */
  static boolean covers(SymbolicShape general, SymbolicShape specific) {
    if (!general.hasRest()) {
      if (specific.hasRest() || general.size() != specific.size()) {
        return false;
      }
      for (int i = 0; i < general.size(); i++) {
        if (!coversAxis(general.get(i), specific.get(i))) {
          return false;
        }
      }
      return true;
    }
    int before = general.restIndex();
    int after = general.size() - 1 - before;
    int specificAfter = specific.hasRest() ? specific.size() - 1 - specific.restIndex() : 0;
    boolean runInside =
        specific.hasRest() ? specific.restIndex() >= before && specificAfter >= after : specific.size() >= before + after;
    if (!runInside) {
      return false;
    }
    for (int i = 0; i < before; i++) {
      if (!coversAxis(general.get(i), specific.get(i))) {
        return false;
      }
    }
    for (int j = 1; j <= after; j++) {
      if (!coversAxis(general.get(general.size() - j), specific.get(specific.size() - j))) {
        return false;
      }
    }
    Axis.Rest run = (Axis.Rest) general.get(before);
    if (run.isUnknown()) {
      return true;
    }
    List<Axis> middle = specific.axes().subList(before, specific.size() - after);
    return middle.size() == 1 && middle.get(0).equals(run);
  }

  /**
   * The most precise shape describing every tensor either shape describes, or null when only
   * "unknown" does.
   */
  static @Nullable SymbolicShape join(SymbolicShape a, SymbolicShape b) {
    if (covers(a, b)) {
      return a;
    }
    if (covers(b, a)) {
      return b;
    }
    if (a.size() != b.size() || a.restIndex() != b.restIndex()) {
      return null;
    }
    List<Axis> axes = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      Axis x = a.get(i);
      Axis y = b.get(i);
      if (x instanceof Axis.Rest || y instanceof Axis.Rest) {
        axes.add(x.equals(y) ? x : Axis.Rest.UNKNOWN);
      } else if (coversAxis(x, y)) {
        axes.add(x);
      } else if (coversAxis(y, x)) {
        axes.add(y);
      } else {
        axes.add(Axis.AnySize.INSTANCE);
      }
    }
    SymbolicShape joined = SymbolicShape.of(axes);
    return joined.isUnknown() ? null : joined;
  }

  private static boolean coversAxis(Axis general, Axis specific) {
    if (specific instanceof Axis.Rest) {
      return false;
    }
    if (general instanceof Axis.AnySize) {
      return true;
    }
    if (!(general instanceof Axis.Size g) || !(specific instanceof Axis.Size s)) {
      return false;
    }
    if (g.broadcast() && Relation.isOne(s)) {
      return true;
    }
    return g.size().equals(s.size()) && (g.broadcast() || !s.broadcast());
  }
}
