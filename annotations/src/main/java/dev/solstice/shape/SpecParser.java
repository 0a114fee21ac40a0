package dev.solstice.shape;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a dims string into axes and classifies each one, following jaxtyping 0.3.11's {@code
 * _make_array_cached}: the same modifiers in any order ({@code #}, {@code *}, {@code _}, {@code ?},
 * and a {@code label=} prefix), the same rejections, in the same order.
 */
final class SpecParser {
  private final String spec;
  private boolean variadicSeen;

  private SpecParser(String spec) {
    this.spec = spec;
  }

  /** The axes of {@code spec}, in order. */
  static List<Dim> parse(String spec) {
    return new SpecParser(spec).axes();
  }

  private List<Dim> axes() {
    List<Dim> dims = new ArrayList<>();
    int i = 0;
    while (true) {
      while (i < spec.length() && PythonText.isSpace(spec.codePointAt(i))) {
        i += Character.charCount(spec.codePointAt(i));
      }
      if (i == spec.length()) {
        return dims;
      }
      int start = i;
      while (i < spec.length() && !PythonText.isSpace(spec.codePointAt(i))) {
        i += Character.charCount(spec.codePointAt(i));
      }
      dims.add(axis(start, i));
    }
  }

  private Dim axis(int start, int end) {
    String text = spec.substring(start, end);
    int comma = text.indexOf(',');
    if (comma >= 0 && text.indexOf('(') < 0) {
      throw error(start + comma, "expected a space between axes but found ','");
    }
    if (text.endsWith("#")) {
      throw error(end - 1, "expected '#' before the axis it makes broadcastable, as in #name");
    }
    if (text.contains("...")) {
      if (!text.equals("...")) {
        throw error(start, "expected '...' to stand alone as an axis but found \"" + text + "\"");
      }
      noteVariadic(start);
      return Dim.Variadic.anonymous();
    }

    int broadcastAt = -1;
    int variadicAt = -1;
    int anonymousAt = -1;
    int treePathAt = -1;
    int position = start;
    while (position < end) {
      char first = spec.charAt(position);
      if (first == '#') {
        broadcastAt = once(broadcastAt, position, "'#' to mark an axis broadcastable");
      } else if (first == '*') {
        variadicAt = once(variadicAt, position, "'*' to make an axis variadic");
      } else if (first == '_') {
        anonymousAt = once(anonymousAt, position, "'_' to make an axis anonymous");
      } else if (first == '?') {
        treePathAt = once(treePathAt, position, "'?' to make an axis depend on its tree path");
      } else if (countEquals(position, end) == 1) {
        // "label=3" documents a size: the label is dropped, what follows is the axis.
        position = spec.indexOf('=', position);
      } else {
        break;
      }
      position++;
    }
    boolean broadcastable = broadcastAt >= 0;
    boolean variadic = variadicAt >= 0;
    boolean anonymous = anonymousAt >= 0;
    boolean treePath = treePathAt >= 0;
    if (variadic) {
      noteVariadic(start);
    }

    String rest = spec.substring(position, end);
    if (rest.isEmpty() || PythonText.isIdentifier(rest)) {
      if (anonymous) {
        if (broadcastable) {
          throw error(broadcastAt, "expected no '#' on an anonymous axis, which is never checked");
        }
        return variadic ? Dim.Variadic.anonymous() : new Dim.Anonymous();
      }
      return variadic
          ? new Dim.Variadic(rest, broadcastable, treePath)
          : new Dim.Named(rest, broadcastable, treePath);
    }
    BigInteger size = PythonText.parseInt(rest);
    if (size != null) {
      if (variadic) {
        throw error(variadicAt, "expected a name after '*': a fixed size matches one axis only");
      }
      if (anonymous) {
        throw error(anonymousAt, "expected a name after '_': a fixed size cannot be anonymous");
      }
      if (treePath) {
        throw error(treePathAt, "expected a name after '?': a fixed size has no tree path");
      }
      if (size.bitLength() > 63) {
        throw error(position, "fixed size " + rest + " is too large");
      }
      return new Dim.Fixed(size.longValue(), broadcastable);
    }
    if (anonymous) {
      throw error(anonymousAt, "expected a name after '_': a symbolic axis cannot be anonymous");
    }
    if (variadic) {
      throw error(variadicAt, "expected a name after '*': a symbolic axis matches one axis only");
    }
    if (treePath) {
      throw error(treePathAt, "expected a name after '?': a symbolic axis has no tree path");
    }
    return new Dim.Expression(rest, SizeExprParser.parse(spec, position, end), broadcastable);
  }

  /** Records a modifier at {@code position}, refusing it if it was already seen at {@code seen}. */
  private int once(int seen, int position, String what) {
    if (seen >= 0) {
      throw error(position, "expected " + what + " once but found it twice");
    }
    return position;
  }

  private void noteVariadic(int start) {
    if (variadicSeen) {
      throw error(start, "expected at most one variadic axis (*name or ...) but found a second");
    }
    variadicSeen = true;
  }

  private int countEquals(int from, int end) {
    int count = 0;
    for (int i = from; i < end; i++) {
      count += spec.charAt(i) == '=' ? 1 : 0;
    }
    return count;
  }

  private ShapeSyntaxException error(int column, String problem) {
    return new ShapeSyntaxException(spec, column, problem);
  }
}
