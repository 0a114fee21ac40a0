package dev.solstice.shape;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Mismatch messages carry jaxtyping's facts: argument, actual shape, spec, reason, bindings. */
class ShapeMismatchMessageTest {

  private static String messageOf(Executable check) {
    return assertThrows(ShapeMismatchException.class, check).getMessage();
  }

  private static void assertHas(String message, String... facts) {
    for (String fact : facts) {
      assertTrue(message.contains(fact), () -> "missing <" + fact + "> in:\n" + message);
    }
  }

  @Test
  void namesTheArgumentShapeSpecReasonAndBindings() {
    ShapeScope scope = new ShapeScope().check("x", "batch *rest", 3, 2, 5);

    String message = messageOf(() -> scope.check("y", "batch 3", 4, 3));

    assertHas(
        message,
        "argument 'y'",
        "(4, 3)",
        "\"batch 3\"",
        "the size of dimension batch is 4 which does not equal the existing value of 3",
        "batch=3",
        "*rest=(2, 5)");
  }

  @Test
  void saysWhenItIsTheReturnValue() {
    ShapeScope scope = new ShapeScope().check("x", "n", 3);

    String message = messageOf(() -> scope.checkReturn("n+1", 3));

    assertHas(
        message,
        "return value",
        "\"n+1\"",
        "(3,)",
        "the dimension size 3 does not equal the existing value of n+1=4",
        "n=3");
  }

  @Test
  void showsTheSpecAsWritten() {
    String message = messageOf(() -> new ShapeScope().check("rows=3  #cols", 4, 2));

    assertHas(message, "\"rows=3  #cols\"", "the dimension size 4 does not equal 3");
    assertHas(message, "No dimension is bound yet");
  }

  @Test
  void leavesOutWhatTheFailedArgumentWouldHaveBound() {
    ShapeScope scope = new ShapeScope().check("a", "a", 2);

    String message = messageOf(() -> scope.check("b", "c a", 7, 9));

    assertHas(message, "a=2", "argument 'b'");
    assertFalse(message.contains("c=7"), message);
  }

  @Test
  void explainsRankMismatches() {
    assertHas(
        messageOf(() -> new ShapeScope().check("x", "a b", 5)),
        "argument 'x'",
        "(5,)",
        "1 dimensions, not the 2 expected");
    assertHas(
        messageOf(() -> new ShapeScope().check("a *b c", 5)),
        "1 dimensions, which is fewer than 2 that is the minimum expected");
    assertHas(messageOf(() -> new ShapeScope().check("", 5)), "(5,)", "not the 0 expected");
    assertHas(messageOf(() -> new ShapeScope().check("a", new int[0])), "()", "0 dimensions");
  }

  @Test
  void explainsVariadicMismatches() {
    ShapeScope bound = new ShapeScope().check("*rest", 2, 5);
    assertHas(
        messageOf(() -> bound.check("*rest", 2)),
        "'*rest' is (2,), which does not equal the existing value of (2, 5)");
    assertHas(
        messageOf(() -> bound.check("*#rest", 3, 5)),
        "'*rest' is (3, 5), which cannot be broadcast with the existing value of (2, 5)");
    assertHas(
        messageOf(() -> bound.check("*#rest", 4, 1, 5)),
        "which cannot be broadcast to the existing value of (2, 5)");
    ShapeScope broadcast = new ShapeScope().check("*#b", 3, 1);
    assertHas(
        messageOf(() -> broadcast.check("*b", 1, 4)),
        "'*b' is (1, 4), which the existing value of (3, 1) cannot be broadcast to",
        "*b=(3, 1)");
  }

  @Test
  void explainsSymbolicAxesThatCannotBeEvaluated() {
    assertHas(
        messageOf(() -> new ShapeScope().check("x", "n+1 n", 3, 2)),
        "n+1",
        "dimension n is not bound yet");
    assertHas(
        messageOf(() -> new ShapeScope().check("a b", 4, 0).check("a//b", 1)),
        "a//b",
        "cannot be evaluated: division by zero",
        "a=4",
        "b=0");
  }

  @Test
  void explainsOverflowingSymbolicAxes() {
    assertHas(
        messageOf(() -> new ShapeScope().check("n", 2_000_000_000).check("n*n*n*n*n", 1)),
        "n*n*n*n*n",
        "overflows a long");
  }

  @Test
  void explainsTreePathAxes() {
    assertHas(messageOf(() -> new ShapeScope().check("?a", 3)), "?a", "PyTree");
  }

  @Test
  void syntaxErrorsSayWhereAndWhatWasExpected() {
    ShapeSyntaxException e =
        assertThrows(ShapeSyntaxException.class, () -> new ShapeScope().check("batch ##c", 1, 2));

    assertHas(e.getMessage(), "at column 7", "\"batch ##c\"", "'#'", "once");
  }
}
