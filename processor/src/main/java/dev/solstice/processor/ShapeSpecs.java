package dev.solstice.processor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the processor needs to know about {@code @Shape} dims strings: whether they parse, their
 * rank, and where a batch axis goes. The grammar itself lives in {@code dev.solstice.shape}.
 */
final class ShapeSpecs {
  private ShapeSpecs() {}

  /** The grammar problem in {@code spec} (saying where), or null when it is well formed. */
  static String syntaxProblem(String spec) {
    // TEMPORARY until dev.solstice.shape.ShapeSpec lands on main: accept every spec.
    return null;
  }

  /** The number of axes a tensor with this spec has, or -1 when a variadic axis leaves it open. */
  static int rank(String spec) {
    List<String> axes = axes(spec);
    return variadicIndex(axes) >= 0 ? -1 : axes.size();
  }

  /**
   * {@code spec} with a new axis {@code name} at position {@code axis} of the result (negative
   * counts from the end, as in JAX), or null when a variadic axis makes that position unknown.
   */
  static String withAxis(String spec, String name, int axis) {
    List<String> axes = new ArrayList<>(axes(spec));
    int variadic = variadicIndex(axes);
    int position = axis >= 0 ? axis : axes.size() + 1 + axis;
    boolean known =
        position >= 0
            && position <= axes.size()
            && (variadic < 0 || (axis >= 0 ? variadic >= position : variadic < position));
    if (!known) {
      return null;
    }
    axes.add(position, name);
    return String.join(" ", axes);
  }

  /** {@code base}, or {@code base2}, {@code base3}, ... : the first name no spec in {@code specs} uses. */
  static String freshName(String base, Collection<String> specs) {
    String name = base;
    for (int n = 2; uses(specs, name); n++) {
      name = base + n;
    }
    return name;
  }

  private static boolean uses(Collection<String> specs, String name) {
    Pattern word = Pattern.compile("(?<![\\w])" + Pattern.quote(name) + "(?![\\w])");
    return specs.stream().anyMatch(spec -> word.matcher(spec).find());
  }

  private static List<String> axes(String spec) {
    String trimmed = spec.trim();
    return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
  }

  private static int variadicIndex(List<String> axes) {
    for (int i = 0; i < axes.size(); i++) {
      String axis = axes.get(i).replaceFirst("^[#_?]*", "");
      if (axis.startsWith("*") || axis.equals("...")) {
        return i;
      }
    }
    return -1;
  }
}
