package dev.solstice.checker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The size of one axis as a polynomial in dim names with integer coefficients: {@code 3}, {@code
 * n}, {@code n+1}, {@code 2*a}, {@code h*w}. Two sizes are the same exactly when their polynomials
 * are equal, and differ for certain when they differ by a non-zero constant.
 *
 * <p>Immutable. {@link #toString()} is valid dims grammar without spaces, so it can stand as one
 * axis of a {@code @Shape} spec.
 */
final class DimExpr {
  /** Key of the constant term. */
  private static final String CONSTANT = "";

  /** Monomial ("h*w", factors sorted, "" for the constant) to its non-zero coefficient. */
  private final TreeMap<String, Long> terms;

  private DimExpr(TreeMap<String, Long> terms) {
    this.terms = terms;
  }

  static DimExpr constant(long value) {
    TreeMap<String, Long> terms = new TreeMap<>();
    if (value != 0) {
      terms.put(CONSTANT, value);
    }
    return new DimExpr(terms);
  }

  static DimExpr name(String name) {
    TreeMap<String, Long> terms = new TreeMap<>();
    terms.put(name, 1L);
    return new DimExpr(terms);
  }

  DimExpr plus(DimExpr other) {
    TreeMap<String, Long> sum = new TreeMap<>(terms);
    other.terms.forEach((monomial, coefficient) -> addTerm(sum, monomial, coefficient));
    return new DimExpr(sum);
  }

  DimExpr minus(DimExpr other) {
    return plus(other.times(constant(-1)));
  }

  DimExpr times(DimExpr other) {
    TreeMap<String, Long> product = new TreeMap<>();
    terms.forEach(
        (m1, c1) ->
            other.terms.forEach(
                (m2, c2) -> addTerm(product, multiply(m1, m2), Math.multiplyExact(c1, c2))));
    return new DimExpr(product);
  }

  /**
   * This expression divided by {@code divisor} when the division is exact term by term (every
   * monomial contains the divisor's monomial and every coefficient is a multiple of its
   * coefficient), else null. {@code divisor} must be a single term: {@code 3}, {@code n}, {@code
   * 2*h*w}.
   */
  @Nullable DimExpr dividedBy(DimExpr divisor) {
    if (divisor.terms.size() != 1) {
      return equals(divisor) ? constant(1) : null;
    }
    Map.Entry<String, Long> single = divisor.terms.firstEntry();
    List<String> divisorFactors = factors(single.getKey());
    long divisorCoefficient = single.getValue();
    TreeMap<String, Long> quotient = new TreeMap<>();
    for (Map.Entry<String, Long> term : terms.entrySet()) {
      List<String> remaining = new ArrayList<>(factors(term.getKey()));
      for (String factor : divisorFactors) {
        if (!remaining.remove(factor)) {
          return null;
        }
      }
      if (term.getValue() % divisorCoefficient != 0) {
        return null;
      }
      addTerm(quotient, String.join("*", remaining), term.getValue() / divisorCoefficient);
    }
    return new DimExpr(quotient);
  }

  boolean isConstant() {
    return terms.isEmpty() || (terms.size() == 1 && terms.containsKey(CONSTANT));
  }

  /** The value of a constant expression; call only when {@link #isConstant()}. */
  long constantValue() {
    return terms.getOrDefault(CONSTANT, 0L);
  }

  boolean isConstant(long value) {
    return isConstant() && constantValue() == value;
  }

  /** The name when this is exactly one dim name ({@code n}, not {@code 2*n} or {@code n+1}). */
  @Nullable String singleName() {
    if (terms.size() != 1) {
      return null;
    }
    Map.Entry<String, Long> term = terms.firstEntry();
    boolean plainName =
        term.getValue() == 1 && !term.getKey().equals(CONSTANT) && term.getKey().indexOf('*') < 0;
    return plainName ? term.getKey() : null;
  }

  /** The dim names this expression mentions. */
  Set<String> names() {
    Set<String> names = new TreeSet<>();
    for (String monomial : terms.keySet()) {
      names.addAll(factors(monomial));
    }
    return names;
  }

  /**
   * This expression with each name replaced by {@code valueOf(name)}; null when {@code valueOf}
   * returns null for a name this expression needs.
   */
  @Nullable DimExpr substitute(Function<String, @Nullable DimExpr> valueOf) {
    DimExpr result = constant(0);
    for (Map.Entry<String, Long> term : terms.entrySet()) {
      DimExpr product = constant(term.getValue());
      for (String factor : factors(term.getKey())) {
        DimExpr value = valueOf.apply(factor);
        if (value == null) {
          return null;
        }
        product = product.times(value);
      }
      result = result.plus(product);
    }
    return result;
  }

  /**
   * Whether this size could be a real axis size as far as its constants show: false for a
   * negative constant, or for an expression with only negative coefficients.
   */
  boolean couldBeSize() {
    return terms.values().stream().anyMatch(c -> c > 0) || terms.isEmpty();
  }

  /**
   * The expression as dims grammar: positive terms first so that it never starts with a minus,
   * for example {@code 2*n+1} or {@code n-1}. Call only when {@link #couldBeSize()}.
   */
  @Override
  public String toString() {
    if (terms.isEmpty()) {
      return "0";
    }
    List<Map.Entry<String, Long>> ordered = new ArrayList<>(terms.entrySet());
    // Non-constant terms in name order, the constant last, positive terms before negative ones.
    ordered.sort(
        (a, b) -> {
          int sign = Boolean.compare(a.getValue() < 0, b.getValue() < 0);
          if (sign != 0) {
            return sign;
          }
          return Boolean.compare(a.getKey().equals(CONSTANT), b.getKey().equals(CONSTANT));
        });
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, Long> term : ordered) {
      long coefficient = term.getValue();
      String monomial = term.getKey();
      if (text.length() > 0 || coefficient < 0) {
        text.append(coefficient < 0 ? '-' : '+');
      }
      long magnitude = Math.abs(coefficient);
      if (monomial.equals(CONSTANT)) {
        text.append(magnitude);
      } else {
        if (magnitude != 1) {
          text.append(magnitude).append('*');
        }
        text.append(monomial);
      }
    }
    return text.toString();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof DimExpr && terms.equals(((DimExpr) other).terms);
  }

  @Override
  public int hashCode() {
    return terms.hashCode();
  }

  private static void addTerm(TreeMap<String, Long> terms, String monomial, long coefficient) {
    long sum = Math.addExact(terms.getOrDefault(monomial, 0L), coefficient);
    if (sum == 0) {
      terms.remove(monomial);
    } else {
      terms.put(monomial, sum);
    }
  }

  private static String multiply(String m1, String m2) {
    if (m1.equals(CONSTANT)) {
      return m2;
    }
    if (m2.equals(CONSTANT)) {
      return m1;
    }
    List<String> factors = new ArrayList<>(factors(m1));
    factors.addAll(factors(m2));
    Collections.sort(factors);
    return String.join("*", factors);
  }

  private static List<String> factors(String monomial) {
    return monomial.equals(CONSTANT) ? List.of() : Arrays.asList(monomial.split("\\*"));
  }
}
