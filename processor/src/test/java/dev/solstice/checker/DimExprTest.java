package dev.solstice.checker;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DimExprTest {
  private static final DimExpr N = DimExpr.name("n");
  private static final DimExpr H = DimExpr.name("h");
  private static final DimExpr W = DimExpr.name("w");

  @Test
  void equalPolynomialsAreEqualWhateverTheirForm() {
    assertThat(N.plus(N)).isEqualTo(N.times(DimExpr.constant(2)));
    assertThat(H.times(W)).isEqualTo(W.times(H));
    assertThat(N.plus(DimExpr.constant(1)).minus(DimExpr.constant(1))).isEqualTo(N);
    assertThat(N.minus(N).isConstant(0)).isTrue();
  }

  @Test
  void printsValidAxesWithPositiveTermsFirst() {
    assertThat(N.plus(DimExpr.constant(1)).toString()).isEqualTo("n+1");
    assertThat(N.minus(DimExpr.constant(1)).toString()).isEqualTo("n-1");
    assertThat(DimExpr.constant(3).minus(N).toString()).isEqualTo("3-n");
    assertThat(H.times(W).times(DimExpr.constant(2)).toString()).isEqualTo("2*h*w");
    assertThat(DimExpr.constant(0).toString()).isEqualTo("0");
  }

  @Test
  void dividesExactlyByASingleTerm() {
    assertThat(H.times(W).times(N).dividedBy(W)).isEqualTo(H.times(N));
    assertThat(N.times(DimExpr.constant(6)).dividedBy(DimExpr.constant(2))).isEqualTo(N.times(DimExpr.constant(3)));
    assertThat(DimExpr.constant(12).dividedBy(DimExpr.constant(5))).isNull();
    assertThat(N.plus(DimExpr.constant(1)).dividedBy(N)).isNull();
    assertThat(N.plus(H).dividedBy(N.plus(H))).isEqualTo(DimExpr.constant(1));
  }

  @Test
  void substitutesNamesAndGivesUpOnUnknownOnes() {
    DimExpr expression = N.plus(DimExpr.constant(1)).times(H);
    assertThat(expression.substitute(name -> name.equals("n") ? DimExpr.constant(2) : DimExpr.name("k")))
        .isEqualTo(DimExpr.name("k").times(DimExpr.constant(3)));
    assertThat(expression.substitute(name -> name.equals("n") ? DimExpr.constant(2) : null)).isNull();
  }

  @Test
  void knowsWhenItIsASingleName() {
    assertThat(N.singleName()).isEqualTo("n");
    assertThat(N.times(DimExpr.constant(2)).singleName()).isNull();
    assertThat(N.plus(DimExpr.constant(1)).singleName()).isNull();
    assertThat(H.times(W).singleName()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"n+1", "2*a", "h*w", "n-1", "2*h*w+3", "batch 2*n+1 n-1", "#n+1 _ ... 3"})
  void printedShapesReadBackToTheSameShape(String spec) {
    SpecReader reader = new SpecReader();
    SymbolicShape shape = reader.read(spec);
    assertThat(shape).isNotNull();
    assertThat(reader.read(shape.toString())).isEqualTo(shape);
  }

  @Test
  void readsWhatPolynomialsCannotHoldAsUnknown() {
    SpecReader reader = new SpecReader();
    assertThat(reader.read("n//2 min(a,b)").toString()).isEqualTo("_ _");
    assertThat(reader.read("rows=3 _cols").toString()).isEqualTo("3 _");
    assertThat(reader.read("*batch *other")).isNull();
  }
}
