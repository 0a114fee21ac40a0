package dev.solstice.checker;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnifierTest {
  private final SpecReader specs = new SpecReader();

  private SymbolicShape shape(String spec) {
    return specs.read(spec);
  }

  @Test
  void firstOccurrenceBindsLaterOnesCompare() {
    Unifier unifier = new Unifier(Bindings.empty());
    assertThat(unifier.match(shape("batch 1"), shape("1000 1"), "x")).isEmpty();
    List<Mismatch> problems = unifier.match(shape("batch 1"), shape("999 1"), "y");
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).definite()).isTrue();
    assertThat(problems.get(0).reason()).isEqualTo("axis 0: expected batch=1000, found 999");
    assertThat(problems.get(0).bound()).isEqualTo("batch=1000 (bound by x)");
  }

  @Test
  void aConflictingArgumentBindsNothing() {
    Unifier unifier = new Unifier(Bindings.empty());
    assertThat(unifier.match(shape("n n"), shape("3 4"), "x").get(0).definite()).isTrue();
    assertThat(unifier.bindings().dim("n")).isNull();
  }

  @Test
  void unknownSizesAreNotConflictsAndDoNotBind() {
    Unifier unifier = new Unifier(Bindings.empty());
    List<Mismatch> problems = unifier.match(shape("n 3"), shape("_ 3"), "x");
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).definite()).isFalse();
    assertThat(unifier.match(shape("n"), shape("5"), "y")).isEmpty();
    assertThat(unifier.bindings().sizeOf("n")).isEqualTo(DimExpr.constant(5));
  }

  @Test
  void distinctNamesOfOneScopeConflictButANameAndAConstantMayAgree() {
    Unifier unifier = new Unifier(Bindings.identity(List.of(shape("out")), "this"));
    assertThat(unifier.match(shape("out"), shape("in"), "x").get(0).definite()).isTrue();
    assertThat(unifier.match(shape("out"), shape("3"), "y").get(0).definite()).isFalse();
    assertThat(unifier.match(shape("out"), shape("out"), "z")).isEmpty();
  }

  @Test
  void namedRunsBindStretchesOfAxes() {
    Unifier unifier = new Unifier(Bindings.empty());
    assertThat(unifier.match(shape("*batch d"), shape("2 3 4"), "x")).isEmpty();
    assertThat(unifier.bindings().substitute(shape("*batch"))).isEqualTo(shape("2 3"));
    assertThat(unifier.match(shape("*batch"), shape("2 4"), "w").get(0).definite()).isTrue();
    assertThat(unifier.match(shape("*batch"), shape("2 3"), "v")).isEmpty();
  }

  @Test
  void broadcastableAxesAlsoTakeOne() {
    Unifier unifier = new Unifier(Bindings.empty());
    assertThat(unifier.match(shape("n"), shape("4"), "x")).isEmpty();
    assertThat(unifier.match(shape("#n"), shape("1"), "y")).isEmpty();
    assertThat(unifier.match(shape("#n"), shape("3"), "z").get(0).definite()).isTrue();
  }

  @Test
  void expressionsWaitForNamesBoundByLaterArguments() {
    Unifier unifier = new Unifier(Bindings.empty());
    assertThat(unifier.match(shape("n+1"), shape("5"), "y")).isEmpty();
    assertThat(unifier.match(shape("n"), shape("5"), "x")).isEmpty();
    List<Unifier.Finding> late = unifier.finish();
    assertThat(late).hasSize(1);
    assertThat(late.get(0).origin()).isEqualTo("y");
    assertThat(late.get(0).mismatch().reason()).isEqualTo("axis 0: expected n+1=6, found 5");
  }

  @Test
  void unboundNamesOfAResultBecomeUnknown() {
    Unifier unifier = new Unifier(Bindings.empty());
    unifier.match(shape("k"), shape("4"), "x");
    assertThat(unifier.bindings().substitute(shape("out k+1 *rest"))).isEqualTo(shape("_ 5 ..."));
  }

  @Test
  void ranksConflictUnlessARunOfAxesMakesThemOpen() {
    Unifier unifier = new Unifier(Bindings.empty());
    assertThat(unifier.match(shape("a b"), shape("1 2 3"), "x").get(0).reason()).isEqualTo("expected 2 axes, found 3 axes");
    assertThat(unifier.match(shape("a b"), shape("... 3"), "y").stream().anyMatch(Mismatch::definite)).isFalse();
    assertThat(unifier.match(shape("a b c"), shape("*r 1 2 3 4"), "z").get(0).reason())
        .isEqualTo("expected 3 axes, found at least 4 axes");
  }
}
