package dev.solstice.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizeExprTest {
  private static final Map<String, Integer> DIMS = Map.of("a", 7, "b", 2, "c", 3, "z", 0);

  private static SizeExpr expr(String text) {
    Dim dim = ShapeSpec.parse(text).dims().get(0);
    return ((Dim.Expression) dim).expr();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a+1          | 8",
        "a-b-c        | 2",
        "2+3*4        | 14",
        "(2+3)*4      | 20",
        "a//b         | 3",
        "-a//b        | -4",
        "a%c          | 1",
        "-a%c         | 2",
        "a%-c         | -2",
        "2*-c         | -6",
        "--a          | 7",
        "+a           | 7",
        "a*b*c        | 42",
        "min(a,b,c)   | 2",
        "max(a,b,)    | 7",
        "abs(b-a)     | 5",
        "1_0+a        | 17",
        "00+a         | 7",
        "(((a)))      | 7",
      })
  void evaluatesWithPythonIntegerSemantics(String text, long value) {
    assertEquals(value, expr(text).evaluate(DIMS));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "((a+b))*c     | (a+b)*c",
        "a-(b-c)       | a-(b-c)",
        "(a-b)-c       | a-b-c",
        "a-(b+c)       | a-(b+c)",
        "a+(b-c)       | a+(b-c)",
        "-(a+b)        | -(a+b)",
        "-(a*b)        | -(a*b)",
        "a*(b//c)      | a*(b//c)",
        "(a*b)//c      | a*b//c",
        "a*-b          | a*-b",
        "a--b          | a--b",
        "+a++b         | a+b",
        "min(a+1,(b))  | min(a+1,b)",
      })
  void printsWithOnlyTheParenthesesItNeeds(String text, String printed) {
    SizeExpr parsed = expr(text);

    assertEquals(printed, parsed.toString());
    assertEquals(parsed.evaluate(DIMS), expr(printed).evaluate(DIMS));
  }

  @Test
  void listsTheNamesItUses() {
    assertEquals(List.of("a", "b", "c"), List.copyOf(expr("a*b+min(a,c)").names()));
    assertEquals(Set.of(), expr("2+3").names());
  }

  @Test
  void reportsWhatCannotBeEvaluated() {
    assertThrows(ArithmeticException.class, () -> expr("a//z").evaluate(DIMS));
    assertThrows(ArithmeticException.class, () -> expr("a%z").evaluate(DIMS));
    assertThrows(NoSuchElementException.class, () -> expr("a+q").evaluate(DIMS));
    assertThrows(
        ArithmeticException.class, () -> expr("a*1000000000*1000000000*1000000000").evaluate(DIMS));
  }

  @Test
  void callsCheckTheirArity() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SizeExpr.Call(
                SizeExpr.Function.ABS, List.of(new SizeExpr.Ref("a"), new SizeExpr.Ref("b"))));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SizeExpr.Call(SizeExpr.Function.MIN, List.of(new SizeExpr.Ref("a"))));
  }
}
