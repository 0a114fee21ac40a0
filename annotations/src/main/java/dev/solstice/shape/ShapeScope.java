package dev.solstice.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The dims bound during one call, checked as jaxtyping 0.3.11 checks the arguments of one
 * {@code @jaxtyped} call: the first occurrence of a name binds it, later ones must agree.
 *
 * <pre>{@code
 * new ShapeScope().check("x", "batch 1", x.shape()).check("y", "batch 1", y.shape());
 * }</pre>
 *
 * <p>Rules, in jaxtyping's order: without a variadic axis the rank must equal the number of axes,
 * with one it must be at least the rest; axes before the variadic are checked left to right, then
 * those after it, then the variadic. {@code _} and {@code ...} accept anything. A {@code #} axis of
 * size 1 passes without binding or comparing. A name binds its size, or must equal the size already
 * bound. A symbolic axis is evaluated with the names bound so far (earlier arguments and earlier
 * axes of the same spec); naming one not bound yet is an error, as in jaxtyping. A {@code *name}
 * binds the whole sub-shape; {@code *#name} accepts a sub-shape that broadcasts with the bound one
 * and widens the binding to the broadcast shape. Names of single axes and of variadics are
 * separate. A failed check leaves the scope as it was.
 *
 * <p>A scope belongs to one call on one thread; it is not thread-safe.
 */
public final class ShapeScope {
  private static final boolean ENABLED = !"false".equals(System.getProperty("solstice.shapecheck"));

  private final Map<String, Integer> sizes = new LinkedHashMap<>();
  private final Map<String, VariadicBinding> variadics = new LinkedHashMap<>();

  /**
   * The names the current check bound, removed again if it fails. A variadic is checked last, so a
   * check that binds one never fails afterwards.
   */
  private final List<String> boundSizes = new ArrayList<>();

  /** A scope with nothing bound. */
  public ShapeScope() {}

  /**
   * Whether generated code should check shapes at run time: false when the JVM runs with {@code
   * -Dsolstice.shapecheck=false}. Read once, when this class is initialised.
   */
  public static boolean enabled() {
    return ENABLED;
  }

  /**
   * Checks a shape against a spec, binding the names it introduces.
   *
   * @return this scope, for chaining
   * @throws ShapeSyntaxException if {@code spec} is not valid grammar
   * @throws ShapeMismatchException if the shape does not match
   */
  public ShapeScope check(String spec, int... shape) {
    match("", spec, shape);
    return this;
  }

  /**
   * Checks the shape of the argument named {@code argument}; the name appears in the message of a
   * mismatch.
   *
   * @return this scope, for chaining
   * @throws ShapeSyntaxException if {@code spec} is not valid grammar
   * @throws ShapeMismatchException if the shape does not match
   */
  public ShapeScope check(String argument, String spec, int... shape) {
    match(" for argument '" + argument + "'", spec, shape);
    return this;
  }

  /**
   * Checks the shape of a method's return value, after its arguments were checked in this scope.
   *
   * @return this scope, for chaining
   * @throws ShapeSyntaxException if {@code spec} is not valid grammar
   * @throws ShapeMismatchException if the shape does not match
   */
  public ShapeScope checkReturn(String spec, int... shape) {
    match(" for the return value", spec, shape);
    return this;
  }

  /**
   * The dims bound so far, in the order jaxtyping reports them: single axes in binding order, then
   * variadics, whose keys carry their {@code *} ({@code "batch"} to {@code [3]}, {@code "*rest"} to
   * {@code [2, 5]}). A read-only snapshot.
   */
  public Map<String, List<Integer>> bindings() {
    Map<String, List<Integer>> bindings = new LinkedHashMap<>();
    sizes.forEach((name, size) -> bindings.put(name, List.of(size)));
    variadics.forEach(
        (name, binding) -> bindings.put("*" + name, Arrays.stream(binding.shape).boxed().toList()));
    return Collections.unmodifiableMap(bindings);
  }

  /** The bindings as jaxtyping prints them, one per line: {@code batch=3}, {@code *rest=(2, 5)}. */
  @Override
  public String toString() {
    List<String> lines = new ArrayList<>();
    sizes.forEach((name, size) -> lines.add(name + "=" + size));
    variadics.forEach((name, binding) -> lines.add("*" + name + "=" + tuple(binding.shape)));
    return String.join("\n", lines);
  }

  private void match(String subject, String spec, int[] shape) {
    Objects.requireNonNull(shape, "shape");
    ShapeSpec parsed = ShapeSpec.parse(spec);
    boundSizes.clear();
    String reason = mismatch(parsed, shape);
    if (reason != null) {
      boundSizes.forEach(sizes::remove);
      throw new ShapeMismatchException(message(subject, spec, shape, reason));
    }
  }

  /** Checks and binds; returns why the shape does not match, or null if it does. */
  private @Nullable String mismatch(ShapeSpec spec, int[] shape) {
    List<Dim> dims = spec.dims();
    int rank = shape.length;
    if (!spec.hasVariadic()) {
      if (rank != dims.size()) {
        return "the shape has " + rank + " dimensions, not the " + dims.size() + " expected";
      }
      return mismatchOfAxes(dims.subList(0, rank), shape, 0);
    }
    if (rank < spec.minRank()) {
      return "the shape has "
          + rank
          + " dimensions, which is fewer than "
          + spec.minRank()
          + " that is the minimum expected";
    }
    int variadicIndex = spec.variadicIndex();
    int suffixStart = rank - (dims.size() - variadicIndex - 1);
    String reason = mismatchOfAxes(dims.subList(0, variadicIndex), shape, 0);
    if (reason == null) {
      reason = mismatchOfAxes(dims.subList(variadicIndex + 1, dims.size()), shape, suffixStart);
    }
    if (reason == null) {
      Dim.Variadic variadic = (Dim.Variadic) dims.get(variadicIndex);
      reason = mismatchOfVariadic(variadic, Arrays.copyOfRange(shape, variadicIndex, suffixStart));
    }
    return reason;
  }

  private @Nullable String mismatchOfAxes(List<Dim> dims, int[] shape, int offset) {
    for (int i = 0; i < dims.size(); i++) {
      Dim dim = dims.get(i);
      int size = shape[offset + i];
      if (dim instanceof Dim.Anonymous || (dim.broadcastable() && size == 1)) {
        continue;
      }
      String reason;
      if (dim instanceof Dim.Fixed) {
        reason = mismatchOfFixed((Dim.Fixed) dim, size);
      } else if (dim instanceof Dim.Expression) {
        reason = mismatchOfExpression((Dim.Expression) dim, size);
      } else {
        reason = mismatchOfName((Dim.Named) dim, size);
      }
      if (reason != null) {
        return reason;
      }
    }
    return null;
  }

  private static @Nullable String mismatchOfFixed(Dim.Fixed dim, int size) {
    if (dim.size() == size) {
      return null;
    }
    return "the dimension size " + size + " does not equal " + dim.size() + " as expected";
  }

  private @Nullable String mismatchOfExpression(Dim.Expression dim, int size) {
    for (String name : dim.expr().names()) {
      if (!sizes.containsKey(name)) {
        return "the symbolic dimension "
            + dim.text()
            + " cannot be evaluated because dimension "
            + name
            + " is not bound yet; a symbolic dimension may only use dimensions bound by earlier"
            + " arguments or earlier axes";
      }
    }
    long value;
    try {
      value = dim.expr().evaluate(sizes);
    } catch (ArithmeticException e) {
      // Math's exact operations fail on overflow; floorDiv and floorMod on a zero divisor.
      boolean overflow = String.valueOf(e.getMessage()).contains("overflow");
      String problem = overflow ? "it overflows a long" : "division by zero";
      return "the symbolic dimension " + dim.text() + " cannot be evaluated: " + problem;
    }
    if (value == size) {
      return null;
    }
    return "the dimension size "
        + size
        + " does not equal the existing value of "
        + dim.text()
        + "="
        + value;
  }

  private @Nullable String mismatchOfName(Dim.Named dim, int size) {
    if (dim.treePath()) {
      return treePathReason(dim.toString());
    }
    Integer bound = sizes.get(dim.name());
    if (bound == null) {
      sizes.put(dim.name(), size);
      boundSizes.add(dim.name());
      return null;
    }
    if (bound == size) {
      return null;
    }
    return "the size of dimension "
        + dim.name()
        + " is "
        + size
        + " which does not equal the existing value of "
        + bound;
  }

  private @Nullable String mismatchOfVariadic(Dim.Variadic dim, int[] shape) {
    String name = dim.name();
    if (name == null) {
      return null;
    }
    if (dim.treePath()) {
      return treePathReason(dim.toString());
    }
    VariadicBinding bound = variadics.get(name);
    if (bound == null) {
      variadics.put(name, new VariadicBinding(dim.broadcastable(), shape));
      return null;
    }
    String is = "the shape of its variadic dimensions '*" + name + "' is " + tuple(shape) + ", ";
    String existing = tuple(bound.shape);
    if (!bound.broadcastable && !dim.broadcastable()) {
      return Arrays.equals(shape, bound.shape)
          ? null
          : is + "which does not equal the existing value of " + existing;
    }
    int[] broadcast = broadcastShapes(shape, bound.shape);
    if (broadcast == null) {
      return is + "which cannot be broadcast with the existing value of " + existing;
    }
    if (!bound.broadcastable) {
      return Arrays.equals(broadcast, bound.shape)
          ? null
          : is + "which cannot be broadcast to the existing value of " + existing;
    }
    if (!dim.broadcastable() && !Arrays.equals(broadcast, shape)) {
      return is + "which the existing value of " + existing + " cannot be broadcast to";
    }
    variadics.put(name, new VariadicBinding(dim.broadcastable(), broadcast));
    return null;
  }

  private String message(String subject, String spec, int[] shape, String reason) {
    String bindings = toString();
    return "Shape mismatch"
        + subject
        + ".\nActual shape: "
        + tuple(shape)
        + "\nExpected shape: \""
        + spec
        + "\"\nReason: "
        + reason
        + ".\n"
        + (bindings.isEmpty()
            ? "No dimension is bound yet."
            : "The current values for each dimension are as follows.\n" + bindings);
  }

  private static String treePathReason(String axis) {
    return "the axis "
        + axis
        + " uses '?', which only has a meaning inside a structured PyTree annotation";
  }

  /**
   * numpy's {@code broadcast_shapes} of two shapes: aligned at the right, each pair of sizes equal
   * or one of them 1. Null if they do not broadcast.
   */
  private static int @Nullable [] broadcastShapes(int[] a, int[] b) {
    int[] result = new int[Math.max(a.length, b.length)];
    for (int i = 1; i <= result.length; i++) {
      int x = i <= a.length ? a[a.length - i] : 1;
      int y = i <= b.length ? b[b.length - i] : 1;
      if (x != y && x != 1 && y != 1) {
        return null;
      }
      result[result.length - i] = x == 1 ? y : x;
    }
    return result;
  }

  /** A shape as Python prints a tuple: {@code ()}, {@code (3,)}, {@code (2, 5)}. */
  private static String tuple(int[] shape) {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      text.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return text.append(')').toString();
  }

  /** A bound variadic: its sub-shape and whether it was bound by a broadcastable {@code *#}. */
  private static final class VariadicBinding {
    final boolean broadcastable;
    final int[] shape;

    VariadicBinding(boolean broadcastable, int[] shape) {
      this.broadcastable = broadcastable;
      this.shape = shape;
    }
  }
}
