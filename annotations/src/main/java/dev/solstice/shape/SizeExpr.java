package dev.solstice.shape;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The integer expression of a symbolic dim such as {@code n+1}, {@code h*w} or {@code min(a,b)}:
 * the subset of Python that jaxtyping's symbolic dims are used with, evaluated with Python's
 * integer semantics ({@code //} and {@code %} round towards negative infinity).
 *
 * <p>{@link #toString()} prints the expression with only the parentheses it needs.
 */
public sealed interface SizeExpr {

  /**
   * The value of this expression when each name has the size in {@code dims}.
   *
   * @throws NoSuchElementException if a name this expression refers to is not in {@code dims}
   * @throws ArithmeticException on division or modulo by zero, or when a value overflows a long
   */
  long evaluate(Map<String, Integer> dims);

  /** The dim names this expression refers to, in order of first appearance. */
  default Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    collectNames(this, names);
    return names;
  }

  /** An integer literal. */
  record Literal(long value) implements SizeExpr {
    @Override
    public long evaluate(Map<String, Integer> dims) {
      return value;
    }

    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  /** The size of the named dim {@code name}. */
  record Ref(String name) implements SizeExpr {
    @Override
    public long evaluate(Map<String, Integer> dims) {
      Integer size = dims.get(name);
      if (size == null) {
        throw new NoSuchElementException("dim " + name + " is not bound");
      }
      return size;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** {@code -operand}. */
  record Negate(SizeExpr operand) implements SizeExpr {
    @Override
    public long evaluate(Map<String, Integer> dims) {
      return Math.negateExact(operand.evaluate(dims));
    }

    @Override
    public String toString() {
      // Unary minus binds tighter than every binary operator.
      return "-" + printed(operand, Integer.MAX_VALUE);
    }
  }

  /** {@code left op right}. */
  record Binary(Operator operator, SizeExpr left, SizeExpr right) implements SizeExpr {
    @Override
    public long evaluate(Map<String, Integer> dims) {
      return operator.apply(left.evaluate(dims), right.evaluate(dims));
    }

    @Override
    public String toString() {
      // Python's binary operators are left-associative, so a right operand of equal precedence
      // needs parentheses: a-(b-c).
      return printed(left, operator.precedence)
          + operator.symbol
          + printed(right, operator.precedence + 1);
    }
  }

  /** A call of one of the Python builtins {@code min}, {@code max} or {@code abs}. */
  record Call(Function function, List<SizeExpr> arguments) implements SizeExpr {
    public Call {
      arguments = List.copyOf(arguments);
      if (!function.accepts(arguments.size())) {
        throw new IllegalArgumentException(
            function.symbol + " takes " + function.arity() + ", not " + arguments.size());
      }
    }

    @Override
    public long evaluate(Map<String, Integer> dims) {
      long result = arguments.get(0).evaluate(dims);
      for (int i = 1; i < arguments.size(); i++) {
        long next = arguments.get(i).evaluate(dims);
        result = function == Function.MIN ? Math.min(result, next) : Math.max(result, next);
      }
      return function == Function.ABS ? Math.absExact(result) : result;
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder(function.symbol).append('(');
      for (int i = 0; i < arguments.size(); i++) {
        text.append(i == 0 ? "" : ",").append(arguments.get(i));
      }
      return text.append(')').toString();
    }
  }

  /** The binary operators, with Python's precedence and integer semantics. */
  enum Operator {
    ADD("+", 1),
    SUBTRACT("-", 1),
    MULTIPLY("*", 2),
    FLOOR_DIVIDE("//", 2),
    MODULO("%", 2);

    private final String symbol;
    private final int precedence;

    Operator(String symbol, int precedence) {
      this.symbol = symbol;
      this.precedence = precedence;
    }

    /** How the operator is written, for example {@code "//"}. */
    public String symbol() {
      return symbol;
    }

    /** The operator applied to two values, as Python computes it for ints. */
    public long apply(long left, long right) {
      switch (this) {
        case ADD:
          return Math.addExact(left, right);
        case SUBTRACT:
          return Math.subtractExact(left, right);
        case MULTIPLY:
          return Math.multiplyExact(left, right);
        case FLOOR_DIVIDE:
          if (left == Long.MIN_VALUE && right == -1) {
            throw new ArithmeticException("long overflow");
          }
          return Math.floorDiv(left, right);
        case MODULO:
          return Math.floorMod(left, right);
      }
      throw new AssertionError(this);
    }
  }

  /** The builtins a symbolic dim may call. */
  enum Function {
    MIN("min", 2, Integer.MAX_VALUE),
    MAX("max", 2, Integer.MAX_VALUE),
    ABS("abs", 1, 1);

    private final String symbol;
    private final int minArguments;
    private final int maxArguments;

    Function(String symbol, int minArguments, int maxArguments) {
      this.symbol = symbol;
      this.minArguments = minArguments;
      this.maxArguments = maxArguments;
    }

    /** The builtin's Python name. */
    public String symbol() {
      return symbol;
    }

    /** How many arguments it takes, in words. */
    String arity() {
      return minArguments == maxArguments
          ? "exactly " + minArguments + " argument"
          : "at least " + minArguments + " arguments";
    }

    /** Whether a call with this many arguments is valid. */
    boolean accepts(int argumentCount) {
      return argumentCount >= minArguments && argumentCount <= maxArguments;
    }
  }

  /** The child's text, in parentheses when it is an operation binding less tightly. */
  private static String printed(SizeExpr child, int minimumPrecedence) {
    boolean parenthesise =
        child instanceof Binary && ((Binary) child).operator().precedence < minimumPrecedence;
    return parenthesise ? "(" + child + ")" : child.toString();
  }

  private static void collectNames(SizeExpr expr, Set<String> names) {
    if (expr instanceof Ref) {
      names.add(((Ref) expr).name());
    } else if (expr instanceof Negate) {
      collectNames(((Negate) expr).operand(), names);
    } else if (expr instanceof Binary) {
      collectNames(((Binary) expr).left(), names);
      collectNames(((Binary) expr).right(), names);
    } else if (expr instanceof Call) {
      for (SizeExpr argument : ((Call) expr).arguments()) {
        collectNames(argument, names);
      }
    }
  }
}
