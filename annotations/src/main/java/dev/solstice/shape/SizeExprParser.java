package dev.solstice.shape;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses the text of a symbolic dim into a {@link SizeExpr}, by recursive descent over Python's
 * expression grammar restricted to integers, dim names, {@code + - * // %}, unary {@code + -},
 * parentheses and calls of {@code min}, {@code max}, {@code abs}.
 *
 * <p>jaxtyping hands symbolic dims to Python's {@code eval}, so it accepts any Python at parse time
 * and fails at check time. Here everything outside that subset is a syntax error up front; {@code
 * /} and {@code **} are refused because they make floats, {@code {name}} because it interpolates
 * the function's argument values, which Solstice does not see.
 */
final class SizeExprParser {
  /** Deeper expressions are refused, which keeps parsing and evaluation off the stack limit. */
  static final int MAX_DEPTH = 100;

  private static final Set<String> PYTHON_KEYWORDS =
      Set.of(
          ("False None True and as assert async await break class continue def del elif else"
                  + " except finally for from global if import in is lambda nonlocal not or pass"
                  + " raise return try while with yield")
              .split(" "));

  private final String spec;
  private final int end;
  private int position;

  private SizeExprParser(String spec, int start, int end) {
    this.spec = spec;
    this.position = start;
    this.end = end;
  }

  /** Parses {@code spec.substring(start, end)}; errors name columns of {@code spec}. */
  static SizeExpr parse(String spec, int start, int end) {
    SizeExprParser parser = new SizeExprParser(spec, start, end);
    SizeExpr expr = parser.sum(0);
    if (parser.position < end) {
      throw parser.unexpected("an operator (+ - * // %) or the end of the dim");
    }
    return expr;
  }

  private SizeExpr sum(int depth) {
    SizeExpr expr = product(depth);
    while (true) {
      SizeExpr.Operator operator;
      if (accept("+")) {
        operator = SizeExpr.Operator.ADD;
      } else if (accept("-")) {
        operator = SizeExpr.Operator.SUBTRACT;
      } else {
        return expr;
      }
      expr = new SizeExpr.Binary(operator, expr, product(checkDepth(++depth)));
    }
  }

  private SizeExpr product(int depth) {
    SizeExpr expr = unary(depth);
    while (true) {
      SizeExpr.Operator operator;
      if (lookingAt("**")) {
        throw error(position, "'**' is not supported in a symbolic dim; write the product out");
      } else if (accept("*")) {
        operator = SizeExpr.Operator.MULTIPLY;
      } else if (accept("//")) {
        operator = SizeExpr.Operator.FLOOR_DIVIDE;
      } else if (lookingAt("/")) {
        throw error(
            position, "'/' makes a float, which is never a size; use '//' for integer division");
      } else if (accept("%")) {
        operator = SizeExpr.Operator.MODULO;
      } else {
        return expr;
      }
      expr = new SizeExpr.Binary(operator, expr, unary(checkDepth(++depth)));
    }
  }

  private SizeExpr unary(int depth) {
    checkDepth(depth);
    if (accept("-")) {
      return new SizeExpr.Negate(unary(depth + 1));
    }
    if (accept("+")) {
      return unary(depth + 1);
    }
    return atom(depth);
  }

  private SizeExpr atom(int depth) {
    if (position >= end) {
      throw unexpected("a dim name, an integer or '('");
    }
    int start = position;
    int first = spec.codePointAt(position);
    if (accept("(")) {
      SizeExpr inner = sum(depth + 1);
      expect(")");
      return inner;
    }
    if (first >= '0' && first <= '9') {
      return literal();
    }
    if (PythonText.isIdentifierStart(first)) {
      String name = identifier();
      if (PYTHON_KEYWORDS.contains(name)) {
        throw error(start, "'" + name + "' is a Python keyword, not a dim name");
      }
      return lookingAt("(") ? call(name, start, depth) : new SizeExpr.Ref(name);
    }
    if (first == '{') {
      throw error(
          position,
          "'{...}' interpolates a function argument in jaxtyping, which Solstice does not"
              + " support; use a dim name");
    }
    throw unexpected("a dim name, an integer or '('");
  }

  private SizeExpr call(String name, int nameStart, int depth) {
    SizeExpr.Function function = null;
    for (SizeExpr.Function candidate : SizeExpr.Function.values()) {
      if (candidate.symbol().equals(name)) {
        function = candidate;
      }
    }
    if (function == null) {
      throw error(nameStart, "'" + name + "' cannot be called; expected min, max or abs");
    }
    expect("(");
    List<SizeExpr> arguments = new ArrayList<>();
    while (!accept(")")) {
      arguments.add(sum(checkDepth(depth + 1)));
      if (!accept(",")) {
        expect(")");
        break;
      }
    }
    if (!function.accepts(arguments.size())) {
      throw error(
          nameStart, name + " takes " + function.arity() + ", but is given " + arguments.size());
    }
    return new SizeExpr.Call(function, arguments);
  }

  /** A Python decimal integer literal: no leading zeros, single underscores between digits. */
  private SizeExpr literal() {
    int start = position;
    StringBuilder digits = new StringBuilder();
    while (position < end) {
      char c = spec.charAt(position);
      if (c >= '0' && c <= '9') {
        digits.append(c);
        position++;
      } else if (c == '_' && position + 1 < end && isAsciiDigit(spec.charAt(position + 1))) {
        position++;
      } else {
        break;
      }
    }
    if (position < end && PythonText.isIdentifierPart(spec.codePointAt(position))) {
      throw error(position, "invalid integer literal; expected digits only");
    }
    BigInteger value = new BigInteger(digits.toString());
    if (digits.charAt(0) == '0' && value.signum() != 0) {
      throw error(start, "an integer literal may not start with 0");
    }
    if (value.bitLength() > 63) {
      throw error(start, "integer literal " + digits + " is too large");
    }
    return new SizeExpr.Literal(value.longValue());
  }

  private String identifier() {
    int start = position;
    position += Character.charCount(spec.codePointAt(position));
    while (position < end && PythonText.isIdentifierPart(spec.codePointAt(position))) {
      position += Character.charCount(spec.codePointAt(position));
    }
    return spec.substring(start, position);
  }

  private int checkDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw error(position, "symbolic dim nests more than " + MAX_DEPTH + " operations deep");
    }
    return depth;
  }

  private boolean lookingAt(String token) {
    return spec.startsWith(token, position) && position + token.length() <= end;
  }

  private boolean accept(String token) {
    if (lookingAt(token)) {
      position += token.length();
      return true;
    }
    return false;
  }

  private void expect(String token) {
    if (!accept(token)) {
      throw unexpected("'" + token + "'");
    }
  }

  private ShapeSyntaxException unexpected(String expected) {
    String found =
        position >= end
            ? "the end of the dim"
            : "'" + new String(Character.toChars(spec.codePointAt(position))) + "'";
    return error(position, "expected " + expected + " but found " + found);
  }

  private ShapeSyntaxException error(int column, String problem) {
    return new ShapeSyntaxException(spec, column, problem);
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
