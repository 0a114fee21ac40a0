package dev.solstice.examples.charlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VocabularyTest {

  @Test
  void numbersTheDistinctCharactersInCodePointOrder() {
    Vocabulary vocabulary = Vocabulary.of("banana 🍌");
    assertEquals(" abn🍌", vocabulary.toText());
    assertArrayEquals(new int[] {2, 1, 3, 1, 3, 1, 0, 4}, vocabulary.encode("banana 🍌"));
    assertEquals("nab 🍌", vocabulary.decode(new int[] {3, 1, 2, 0, 4}));
    assertEquals(vocabulary, Vocabulary.ofText(vocabulary.toText()));
  }

  @Test
  void aCharacterOutsideTheVocabularyIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.of("abc").encode("abd"));
    assertTrue(e.getMessage().contains("'d' (U+64)"), e.getMessage());
  }
}
