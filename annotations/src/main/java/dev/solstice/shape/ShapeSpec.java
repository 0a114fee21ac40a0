package dev.solstice.shape;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A parsed jaxtyping dims string such as {@code "batch *rest 3"}: the grammar of jaxtyping 0.3.11's
 * {@code Float[Array, spec]}, shared by the compile-time checker (which unifies {@link #dims()}
 * symbolically) and {@link ShapeScope} (which checks concrete shapes).
 *
 * <p>Axes are separated by whitespace; {@code ""} is a scalar. Each axis is one of: a fixed size
 * {@code 3}; a name {@code batch}; a variadic {@code *batch} or {@code ...} (at most one per spec);
 * an unchecked {@code _} or {@code _name}; a symbolic expression of bound names such as {@code
 * n+1}, {@code 2*a}, {@code h*w}, {@code a//2}, {@code min(a,b)}. Modifiers combine in any order:
 * {@code #} broadcastable (size 1 also matches), {@code *} variadic, {@code _} anonymous, {@code ?}
 * tree-path dependent, and a {@code label=} prefix that only documents ({@code rows=3} is {@code
 * 3}).
 *
 * <p>Differences from jaxtyping, which hands a symbolic axis to Python's {@code eval} and so
 * accepts any text until a check fails: here a symbolic axis must be integer arithmetic ({@code + -
 * * // %}, unary minus, parentheses, {@code min}/{@code max}/{@code abs}) of names and decimal
 * integers, and anything else is a syntax error up front; {@code /} and {@code **} (which make
 * floats) and {@code {argument}} interpolation are refused with a message saying so.
 * Fixed sizes beyond a {@code long} are refused. Identifier and digit classes come from the JDK's
 * Unicode tables. A {@code ?name} axis parses, and fails when checked, as in jaxtyping outside a
 * PyTree annotation.
 *
 * <p>Immutable and thread-safe. {@link #toString()} is the normalised spec, which parses back to an
 * equal {@code ShapeSpec}.
 */
public final class ShapeSpec {
  /** Generated code checks the same literal specs on every call; random text is not cached. */
  private static final int CACHE_LIMIT = 4096;

  private static final Map<String, ShapeSpec> CACHE = new ConcurrentHashMap<>();

  private final List<Dim> dims;
  private final int variadicIndex;

  private ShapeSpec(List<Dim> dims) {
    this.dims = List.copyOf(dims);
    int variadic = -1;
    for (int i = 0; i < this.dims.size(); i++) {
      if (this.dims.get(i) instanceof Dim.Variadic) {
        if (variadic >= 0) {
          throw new IllegalArgumentException(
              "at most one variadic axis per spec, but found two in " + dims);
        }
        variadic = i;
      }
    }
    this.variadicIndex = variadic;
  }

  /**
   * Parses a dims string.
   *
   * @throws ShapeSyntaxException if {@code spec} is not valid grammar; its column says where
   */
  public static ShapeSpec parse(String spec) {
    Objects.requireNonNull(spec, "spec");
    ShapeSpec cached = CACHE.get(spec);
    if (cached != null) {
      return cached;
    }
    ShapeSpec parsed = new ShapeSpec(SpecParser.parse(spec));
    if (CACHE.size() < CACHE_LIMIT) {
      CACHE.putIfAbsent(spec, parsed);
    }
    return parsed;
  }

  /**
   * A spec made of these axes, for code that builds specs rather than parsing them.
   *
   * @throws IllegalArgumentException if more than one axis is variadic
   */
  public static ShapeSpec of(List<? extends Dim> dims) {
    return new ShapeSpec(List.copyOf(dims));
  }

  /** The axes, in order; read-only. */
  public List<Dim> dims() {
    return dims;
  }

  /** The position of the variadic axis ({@code *name} or {@code ...}), or -1 if there is none. */
  public int variadicIndex() {
    return variadicIndex;
  }

  /** Whether a variadic axis lets this spec match shapes of more than one rank. */
  public boolean hasVariadic() {
    return variadicIndex >= 0;
  }

  /** The fewest axes a matching shape has: the rank without the variadic axis. */
  public int minRank() {
    return hasVariadic() ? dims.size() - 1 : dims.size();
  }

  /** Whether this is the scalar spec {@code ""}. */
  public boolean isScalar() {
    return dims.isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ShapeSpec && dims.equals(((ShapeSpec) other).dims);
  }

  @Override
  public int hashCode() {
    return dims.hashCode();
  }

  /** The normalised spec, axes separated by single spaces: {@code "#batch *rest 3"}. */
  @Override
  public String toString() {
    return dims.stream().map(Dim::toString).collect(Collectors.joining(" "));
  }
}
