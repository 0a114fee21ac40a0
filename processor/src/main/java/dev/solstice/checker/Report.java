package dev.solstice.checker;

import com.sun.source.tree.Tree;
import java.util.List;

/**
 * A diagnostic ready to report: a message key of {@code messages.properties} and its arguments.
 *
 * @param where the tree the caret goes to
 * @param definite true for an error (a certain conflict), false for a {@code shape.unproven}
 *     warning that only {@code -Ashape.strict} reports
 */
record Report(Tree where, String key, boolean definite, List<Object> arguments) {

  static Report error(Tree where, String key, Object... arguments) {
    return new Report(where, key, true, List.of(arguments));
  }

  /** A {@code shape.unproven} warning: what could not be proven, and why. */
  static Report unproven(Tree where, String what, String reason) {
    return new Report(where, ShapeMessages.UNPROVEN, false, List.of(what, reason));
  }
}
