package dev.solstice.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random text never makes the parser or a scope throw anything but the two documented exceptions,
 * never hangs, and every spec that parses prints back to an equal spec.
 */
class ShapeFuzzTest {
  private static final long SEED = 0x5EED_5A9EL;
  private static final int STRINGS = 120_000;

  /** Pieces of the grammar, so that random strings often come close to valid specs. */
  private static final String[] PIECES = {
    "a", "b", "n", "batch", "min", "max", "abs", "0", "1", "2", "3", "10", "_", "#", "*", "?", "=",
    "...", ".", ",", "+", "-", "*", "//", "/", "%", "(", ")", "(", ")", " ", " ", "  ", "\t",
    "\u00a0", "{", "}", "é", "True", "**"
  };

  private int parsed;
  private int scopeChecks;

  @Test
  void randomTextOnlyEverFailsWithTheDocumentedExceptions() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> {
          Random random = new Random(SEED);
          for (int i = 0; i < STRINGS; i++) {
            String text = i % 3 == 0 ? randomUnicode(random) : randomPieces(random);
            exercise(text, random);
          }
        });
    // Make sure the fuzzing reached the scope, not only the parser's error paths.
    assertTrue(parsed > STRINGS / 10, "parsed " + parsed);
    assertTrue(scopeChecks > STRINGS / 10, "scope checks " + scopeChecks);
  }

  @Test
  void longAndDeepTextIsHandledQuickly() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          Random random = new Random(SEED);
          String[] hostile = {
            "(".repeat(100_000),
            "-".repeat(100_000) + "n",
            "n" + "+n".repeat(50_000),
            "a ".repeat(50_000),
            "#".repeat(100_000) + "a",
            "=".repeat(100_000),
            "min(" + "a,".repeat(50_000) + "a)",
            "9".repeat(100_000),
            "n+" + "9".repeat(100_000),
          };
          for (String text : hostile) {
            exercise(text, random);
          }
        });
  }

  private void exercise(String text, Random random) {
    ShapeSpec spec;
    try {
      spec = ShapeSpec.parse(text);
    } catch (ShapeSyntaxException e) {
      assertTrue(e.column() >= 0 && e.column() <= text.length(), e::getMessage);
      return;
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError("parse threw " + e + " for " + escape(text), e);
    }
    parsed++;
    assertEquals(spec, ShapeSpec.parse(spec.toString()), () -> "round trip of " + escape(text));
    assertEquals(spec.toString(), ShapeSpec.parse(spec.toString()).toString());

    ShapeScope scope = new ShapeScope();
    for (int call = 0; call < 3; call++) {
      int[] shape = randomShape(random, spec);
      try {
        scope.check("x", text, shape);
        scopeChecks++;
      } catch (ShapeMismatchException e) {
        scopeChecks++;
      } catch (RuntimeException e) {
        fail("check threw " + e + " for " + escape(text), e);
      }
    }
  }

  private static int[] randomShape(Random random, ShapeSpec spec) {
    int rank = Math.max(0, spec.minRank() + random.nextInt(4) - 1);
    int[] shape = new int[rank];
    for (int i = 0; i < rank; i++) {
      int roll = random.nextInt(20);
      shape[i] = roll == 0 ? Integer.MAX_VALUE : roll == 1 ? -1 : random.nextInt(5);
    }
    return shape;
  }

  private static String randomPieces(Random random) {
    StringBuilder text = new StringBuilder();
    int pieces = random.nextInt(12);
    for (int i = 0; i < pieces; i++) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }

  private static String randomUnicode(Random random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(16);
    for (int i = 0; i < length; i++) {
      int roll = random.nextInt(4);
      if (roll == 0) {
        text.append((char) random.nextInt(0x80));
      } else if (roll == 1) {
        text.append((char) random.nextInt(0x10000)); // includes lone surrogates
      } else if (roll == 2) {
        text.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
      } else {
        text.append(PIECES[random.nextInt(PIECES.length)]);
      }
    }
    return text.toString();
  }

  private static String escape(String text) {
    StringBuilder escaped = new StringBuilder("\"");
    text.codePoints()
        .limit(200)
        .forEach(
            c ->
                escaped.append(
                    c >= 0x20 && c < 0x7f
                        ? String.valueOf((char) c)
                        : String.format("\\u%04x", c)));
    return escaped.append(text.length() > 200 ? "...\"" : "\"").toString();
  }
}
