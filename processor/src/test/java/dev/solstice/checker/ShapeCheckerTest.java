package dev.solstice.checker;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compiles every program in {@code src/test/resources/checker/} with the checker and requires
 * exactly the diagnostics their {@code // ::} comments expect, no more and no fewer: missing ones
 * are bugs the checker misses, extra ones are false positives. (The user-facing showcase of
 * classic shape bugs lives in the examples module, {@code examples/src/compile-errors/}, and is
 * compiled there against the real runtime.)
 */
class ShapeCheckerTest {

  static Stream<String> programs() {
    return CheckerHarness.programs("checker");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void reportsExactlyTheExpectedDiagnostics(String program) {
    Compilation compilation = CheckerHarness.compile(program);
    assertWithMessage("diagnostics outside %s", program)
        .that(CheckerHarness.elsewhere(compilation, program))
        .isEmpty();
    assertWithMessage("diagnostics of %s; all of them:\n%s", program, compilation.diagnostics())
        .that(CheckerHarness.reported(compilation, program))
        .containsExactlyElementsIn(CheckerHarness.expected(program));
  }
}
