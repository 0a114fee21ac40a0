package dev.solstice.shape;

import java.math.BigInteger;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The few Python string rules jaxtyping's grammar is defined by: {@code str.split()} whitespace,
 * {@code str.isidentifier()} and {@code int(str)}. Character classes come from the JDK's Unicode
 * tables, which can lag behind Python's by a Unicode version for recently added characters.
 */
final class PythonText {
  private PythonText() {}

  /** Whether Python's {@code str.isspace()} holds for this code point. */
  static boolean isSpace(int codePoint) {
    return Character.isSpaceChar(codePoint)
        || (codePoint >= '\t' && codePoint <= '\r')
        || (codePoint >= 0x1C && codePoint <= 0x1F)
        || codePoint == 0x85;
  }

  /** Whether Python accepts this code point as the first character of an identifier. */
  static boolean isIdentifierStart(int codePoint) {
    return codePoint == '_' || Character.isUnicodeIdentifierStart(codePoint);
  }

  /** Whether Python accepts this code point after the first character of an identifier. */
  static boolean isIdentifierPart(int codePoint) {
    return isIdentifierStart(codePoint)
        || (Character.isUnicodeIdentifierPart(codePoint)
            && !Character.isIdentifierIgnorable(codePoint));
  }

  /** Python's {@code text.isidentifier()}. */
  static boolean isIdentifier(String text) {
    if (text.isEmpty() || !isIdentifierStart(text.codePointAt(0))) {
      return false;
    }
    for (int i = Character.charCount(text.codePointAt(0)); i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      if (!isIdentifierPart(codePoint)) {
        return false;
      }
      i += Character.charCount(codePoint);
    }
    return true;
  }

  /**
   * Python's {@code int(text)} for text without surrounding whitespace: an optional sign, then
   * decimal digits (any Unicode decimal digit) with single underscores allowed between digits.
   *
   * @return the value, or null when Python's {@code int} would raise {@code ValueError}
   */
  static @Nullable BigInteger parseInt(String text) {
    int start = text.startsWith("+") || text.startsWith("-") ? 1 : 0;
    if (start == text.length()) {
      return null;
    }
    StringBuilder digits = new StringBuilder(text.length());
    boolean previousWasDigit = false;
    for (int i = start; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      if (codePoint == '_' && previousWasDigit && i < text.length()) {
        previousWasDigit = false;
        continue;
      }
      int digit = Character.isDigit(codePoint) ? Character.digit(codePoint, 10) : -1;
      if (digit < 0) {
        return null;
      }
      digits.append((char) ('0' + digit));
      previousWasDigit = true;
    }
    if (!previousWasDigit) {
      return null;
    }
    BigInteger value = new BigInteger(digits.toString());
    return text.startsWith("-") ? value.negate() : value;
  }
}
