package dev.solstice.processor;

import dev.solstice.shape.ShapeSpec;
import dev.solstice.shape.ShapeSyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the processor needs to know about {@code @Shape} dims strings: whether they parse, their
 * rank, and where a batch axis goes. The grammar itself is {@link ShapeSpec}'s.
 */
final class ShapeSpecs {
  private ShapeSpecs() {}

  /** The grammar problem in {@code spec} (saying where), or null when it is well formed. */
  static String syntaxProblem(String spec) {
    try {
      ShapeSpec.parse(spec);
      return null;
    } catch (ShapeSyntaxException e) {
      return e.getMessage();
    }
  }

  /** The number of axes a tensor with this well-formed spec has, or -1 when a variadic leaves it open. */
  static int rank(String spec) {
    ShapeSpec parsed = ShapeSpec.parse(spec);
    return parsed.hasVariadic() ? -1 : parsed.dims().size();
  }

  /**
   * {@code spec} with a new axis {@code name} at position {@code axis} of the result (negative
   * counts from the end, as in JAX), or null when a variadic axis makes that position unknown.
   */
  static String withAxis(String spec, String name, int axis) {
    ShapeSpec parsed = ShapeSpec.parse(spec);
    List<String> axes = new ArrayList<>(axes(spec));
    if (axes.size() != parsed.dims().size()) {
      axes = new ArrayList<>(parsed.dims().stream().map(Object::toString).toList());
    }
    int variadic = parsed.variadicIndex();
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

  /** The axes as written (one per dim of the parsed spec, unless exotic spaces separate them). */
  private static List<String> axes(String spec) {
    String trimmed = spec.trim();
    return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
  }
}
