package dev.solstice.checker;

import static com.google.common.truth.Truth.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** The facts each message must name: callee, parameter, axis, expected, found, bindings. */
class MessageContentTest {
  private static final String SEED = "checker/Seed.java";

  @Test
  void argumentMismatchNamesCalleeParameterAxisExpectedFoundAndBindings() {
    Compilation compilation = CheckerHarness.compile(SEED);
    String message = CheckerHarness.messageOn(compilation, "shape.argument", "mse(x, y);", SEED);
    System.out.println(message);
    assertThat(message).contains("mse");
    assertThat(message).contains("parameter y");
    assertThat(message).contains("axis 1: expected 1, found 2");
    assertThat(message).contains("batch=1000 (bound by x)");
    assertThat(message).contains("\"batch 1\"");
    assertThat(message).contains("\"1000 2\"");
  }
}
