package dev.solstice.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.shape.Dim.Anonymous;
import dev.solstice.shape.Dim.Expression;
import dev.solstice.shape.Dim.Fixed;
import dev.solstice.shape.Dim.Named;
import dev.solstice.shape.Dim.Variadic;
import dev.solstice.shape.SizeExpr.Binary;
import dev.solstice.shape.SizeExpr.Literal;
import dev.solstice.shape.SizeExpr.Operator;
import dev.solstice.shape.SizeExpr.Ref;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShapeSpecTest {

  @Test
  void parsesEveryKindOfAxis() {
    ShapeSpec spec = ShapeSpec.parse("#batch *rest 3 _skip n+1");

    assertEquals(
        List.of(
            new Named("batch", true, false),
            new Variadic("rest", false, false),
            new Fixed(3, false),
            new Anonymous(),
            new Expression("n+1", new Binary(Operator.ADD, new Ref("n"), new Literal(1)), false)),
        spec.dims());
    assertEquals(1, spec.variadicIndex());
    assertTrue(spec.hasVariadic());
    assertEquals(4, spec.minRank());
  }

  @Test
  void emptySpecIsAScalar() {
    ShapeSpec spec = ShapeSpec.parse(" \t ");

    assertTrue(spec.isScalar());
    assertEquals(List.of(), spec.dims());
    assertEquals(-1, spec.variadicIndex());
    assertEquals(0, spec.minRank());
    assertEquals("", spec.toString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "*#b     | *#b",
        "#*b     | *#b",
        "*b      | *b",
        "...     | ...",
        "*_      | ...",
        "_*      | ...",
        "*_foo   | ...",
        "?*_     | ...",
        "_       | _",
        "_name   | _",
        "?_name  | _",
        "a=_     | _",
        "rows=3  | 3",
        "x=#3    | #3",
        "#x=3    | #3",
        "x=n     | n",
        "x=*b    | *b",
        "=3      | 3",
        "03      | 3",
        "+3      | 3",
        "3_0     | 30",
        "-1      | -1",
        "#-1     | #-1",
        "?a      | ?a",
        "*?#a    | *#?a",
        "*       | *=",
        "#*      | *#=",
        "=       | =",
        "a=      | =",
        "#=      | #=",
        "#n+1    | #n+1",
        "x=#n*2  | #n*2",
      })
  void modifiersAndLabelsNormalise(String written, String normalised) {
    ShapeSpec spec = ShapeSpec.parse(written);

    assertEquals(normalised, spec.toString());
    assertEquals(spec, ShapeSpec.parse(normalised));
  }

  @Test
  void integersFollowPythonsInt() {
    assertEquals(List.of(new Fixed(3, false)), ShapeSpec.parse("\u0663").dims());
    assertEquals(List.of(new Fixed(1000, false)), ShapeSpec.parse("1_000").dims());
    // Not ints for Python, and not identifiers: symbolic, then refused as expressions.
    assertThrows(ShapeSyntaxException.class, () -> ShapeSpec.parse("1__0"));
    assertThrows(ShapeSyntaxException.class, () -> ShapeSpec.parse("3_"));
  }

  @Test
  void emptyNamesAreNamesAsInJaxtyping() {
    assertEquals(List.of(new Variadic("", false, false)), ShapeSpec.parse("*").dims());
    assertEquals(List.of(new Named("", false, false)), ShapeSpec.parse("a=").dims());
  }

  @Test
  void splitsOnPythonWhitespaceOnly() {
    assertEquals(3, ShapeSpec.parse("a\tb\u00a0c").dims().size());
    assertEquals(2, ShapeSpec.parse("a\u001cb").dims().size());
    assertEquals(2, ShapeSpec.parse("  a \n\u3000 b  ").dims().size());
    // A zero-width space is not whitespace: "a\u200bb" is one axis, and not a valid one.
    assertThrows(ShapeSyntaxException.class, () -> ShapeSpec.parse("a\u200bb"));
  }

  @Test
  void unicodeNamesAreNames() {
    assertEquals(List.of(new Named("é", false, false)), ShapeSpec.parse("é").dims());
    assertEquals(List.of(new Named("变量", false, false)), ShapeSpec.parse("变量").dims());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a,b         | 1 | space between axes",
        "a b#        | 3 | before the axis",
        "#           | 0 | before the axis",
        "a ##b       | 3 | twice",
        "**a         | 1 | twice",
        "__a         | 1 | twice",
        "??a         | 1 | twice",
        "*a ...      | 3 | at most one variadic",
        "... b *c    | 6 | at most one variadic",
        "a...b       | 0 | '...' to stand alone",
        "#...        | 0 | '...' to stand alone",
        "x *4        | 2 | fixed size",
        "_4          | 0 | fixed size cannot be anonymous",
        "a ?4        | 2 | fixed size",
        "#_          | 0 | anonymous axis",
        "_#a         | 1 | anonymous axis",
        "_n+1        | 0 | symbolic axis cannot be anonymous",
        "*n+1        | 0 | symbolic axis",
        "?n+1        | 0 | symbolic axis",
        "n+          | 2 | expected a dim name",
        "(n          | 2 | expected ')'",
        "n)          | 1 | expected an operator",
        "n/2         | 1 | use '//'",
        "n**2        | 1 | '**'",
        "{n}         | 0 | function argument",
        "len(n)      | 0 | expected min, max or abs",
        "min(a)      | 0 | at least 2 arguments",
        "abs(a,b)    | 0 | exactly 1 argument",
        "n+01        | 2 | start with 0",
        "n+2a        | 3 | invalid integer literal",
        "True+1      | 0 | Python keyword",
        "a.b         | 1 | expected an operator",
        "a==b        | 1 | expected an operator",
        "a b+*c d    | 4 | expected a dim name",
      })
  void rejectsWhatJaxtypingRejectsAndSaysWhere(String spec, int column, String problem) {
    ShapeSyntaxException e = assertThrows(ShapeSyntaxException.class, () -> ShapeSpec.parse(spec));

    assertEquals(spec, e.spec());
    assertEquals(column, e.column(), e::getMessage);
    assertTrue(e.getMessage().contains(problem), e::getMessage);
    assertTrue(e.getMessage().contains("at column " + column), e::getMessage);
  }

  @Test
  void hugeFixedSizesAreRefusedRatherThanTruncated() {
    ShapeSyntaxException e =
        assertThrows(ShapeSyntaxException.class, () -> ShapeSpec.parse("a 99999999999999999999"));
    assertEquals(2, e.column());
    assertEquals(
        List.of(new Fixed(Long.MAX_VALUE, false)),
        ShapeSpec.parse(Long.toString(Long.MAX_VALUE)).dims());
  }

  @Test
  void deepExpressionsAreRefusedNotOverflowed() {
    String deep = "(".repeat(500) + "n" + ")".repeat(500);
    assertTrue(
        assertThrows(ShapeSyntaxException.class, () -> ShapeSpec.parse(deep))
            .getMessage()
            .contains("nests"));
    String longChain = "n" + "+n".repeat(5000);
    assertThrows(ShapeSyntaxException.class, () -> ShapeSpec.parse(longChain));
    String negations = "-".repeat(5000) + "n";
    assertThrows(ShapeSyntaxException.class, () -> ShapeSpec.parse(negations));
    assertEquals(1, ShapeSpec.parse("(".repeat(50) + "n" + ")".repeat(50)).dims().size());
  }

  @Test
  void parsesAreCachedAndEqualByAxes() {
    assertSame(ShapeSpec.parse("batch 1"), ShapeSpec.parse("batch 1"));
    assertEquals(ShapeSpec.parse("batch 1"), ShapeSpec.parse("  batch   1 "));
    assertEquals(ShapeSpec.parse("batch 1").hashCode(), ShapeSpec.parse("batch rows=1").hashCode());
    assertNotEquals(ShapeSpec.parse("batch 1"), ShapeSpec.parse("batch #1"));
  }

  @Test
  void specsCanBeBuiltFromAxes() {
    ShapeSpec built = ShapeSpec.of(List.of(Variadic.anonymous(), new Named("c", false, false)));

    assertEquals(ShapeSpec.parse("... c"), built);
    assertEquals(0, built.variadicIndex());
    assertThrows(
        IllegalArgumentException.class,
        () -> ShapeSpec.of(List.of(Variadic.anonymous(), new Variadic("b", false, false))));
    assertThrows(IllegalArgumentException.class, () -> new Variadic(null, true, false));
  }

  @Test
  void dimsAreReadOnly() {
    List<Dim> dims = ShapeSpec.parse("a b").dims();
    assertThrows(UnsupportedOperationException.class, () -> dims.add(new Anonymous()));
    assertFalse(new Anonymous().broadcastable());
  }
}
