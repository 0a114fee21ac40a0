package dev.solstice.examples.charlm;

import java.util.Arrays;

/**
 * The characters (Unicode code points) of a text, numbered in code point order: the tokens of a
 * character-level language model.
 *
 * @param characters the distinct code points, ascending; token {@code i} is {@code characters[i]}
 */
public record Vocabulary(int[] characters) {

  /** Copies {@code characters}, which must be distinct and ascending. */
  public Vocabulary {
    characters = characters.clone();
    for (int i = 1; i < characters.length; i++) {
      if (characters[i] <= characters[i - 1]) {
        throw new IllegalArgumentException("vocabulary characters must be distinct and ascending, found U+"
            + Integer.toHexString(characters[i - 1]) + " before U+" + Integer.toHexString(characters[i]));
      }
    }
  }

  /** Every character that occurs in {@code text}. */
  public static Vocabulary of(String text) {
    return new Vocabulary(text.codePoints().distinct().sorted().toArray());
  }

  /** The vocabulary written as the string of its characters, as {@link #toText()} returns it. */
  public static Vocabulary ofText(String characters) {
    return new Vocabulary(characters.codePoints().toArray());
  }

  /** All characters in order, as one string (stored in checkpoints). */
  public String toText() {
    return new String(characters, 0, characters.length);
  }

  /** The number of tokens. */
  public int size() {
    return characters.length;
  }

  /** The token of each character of {@code text}. */
  public int[] encode(String text) {
    return text.codePoints().map(c -> {
      int token = Arrays.binarySearch(characters, c);
      if (token < 0) {
        throw new IllegalArgumentException("character '" + Character.toString(c) + "' (U+" + Integer.toHexString(c)
            + ") is not in the vocabulary of the training text");
      }
      return token;
    }).toArray();
  }

  /** The text of {@code tokens}. */
  public String decode(int[] tokens) {
    StringBuilder text = new StringBuilder(tokens.length);
    for (int token : tokens) {
      text.appendCodePoint(characters[token]);
    }
    return text.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Vocabulary v && Arrays.equals(characters, v.characters);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(characters);
  }

  @Override
  public String toString() {
    return "Vocabulary" + Arrays.toString(characters);
  }
}
