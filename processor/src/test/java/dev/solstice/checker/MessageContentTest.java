package dev.solstice.checker;

import static com.google.common.truth.Truth.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The facts each message must name: where (callee, parameter, method, variable), which axis, what
 * was expected and found, and the dims bound so far with the argument that bound them.
 */
class MessageContentTest {
  private static final String SEED = "checker/Seed.java";
  private static final String RECORDS = "checker/Records.java";
  private static final String OPS = "checker/Ops.java";
  private static final String SYNTAX = "checker/Syntax.java";
  private static final String STRICT = "checker/Strict.java";

  private static Compilation seed;
  private static Compilation records;
  private static Compilation ops;

  @BeforeAll
  static void compile() {
    seed = CheckerHarness.compile(SEED);
    records = CheckerHarness.compile(RECORDS);
    ops = CheckerHarness.compile(OPS);
  }

  @Test
  void argumentNamesCalleeParameterAxisExpectedFoundAndBindings() {
    String message = CheckerHarness.messageOn(seed, "shape.argument", "mse(x, y);", SEED);
    assertThat(message).contains("Seed.mse: parameter y expects shape \"batch 1\"");
    assertThat(message).contains("the argument has shape \"1000 2\"");
    assertThat(message).contains("axis 1: expected 1, found 2");
    assertThat(message).contains("batch=1000 (bound by x)");
  }

  @Test
  void constructorArgumentNamesTheRecordDimBoundByAnotherComponent() {
    String message = CheckerHarness.messageOn(records, "shape.argument", "new Linear(w, b5);", RECORDS);
    assertThat(message).contains("new Linear: parameter bias expects shape \"out\"");
    assertThat(message).contains("axis 0: expected out=3, found 5");
    assertThat(message).contains("out=3 (bound by weight)");
  }

  @Test
  void receiverNamesTheReceiverSpecAndTheRankMismatch() {
    String message = CheckerHarness.messageOn(records, "shape.receiver", "rgb.pixels();", RECORDS);
    assertThat(message).contains("Image.pixels: the receiver must have shape \"h w\", but has shape \"3 28 28\"");
    assertThat(message).contains("expected 2 axes, found 3 axes");
  }

  @Test
  void returnNamesTheMethodAndTheDistinctDims() {
    String message = CheckerHarness.messageOn(records, "shape.return", "return x;", RECORDS);
    assertThat(message).contains("method returnsInput must return shape \"out\", but this value has shape \"in\"");
    assertThat(message).contains("axis 0: expected out, found in");
  }

  @Test
  void opNamesTheOpTheContractedAxesAndTheOperands() {
    String message = CheckerHarness.messageOn(ops, "shape.op", "a.matmul(a);", OPS);
    assertThat(message).contains("Tensor.matmul: the contracted axes differ");
    assertThat(message).contains("axis -1 of \"m k\" is k, axis -2 of \"m k\" is m");
    assertThat(message).contains("operands: this \"m k\", other \"m k\"");
  }

  @Test
  void reshapeNamesBothElementCounts() {
    String message = CheckerHarness.messageOn(ops, "shape.op", "image.reshape(28, 27);", OPS);
    assertThat(message).contains("cannot reshape \"28 28\" (784 elements) into [28 27] (756 elements)");
  }

  @Test
  void assignmentNamesTheVariable() {
    String message =
        CheckerHarness.messageOn(ops, "shape.assignment", "@Shape(\"4 3\") Tensor wrong = Tensor.zeros(3, 4);", OPS);
    assertThat(message).contains("variable wrong has shape \"4 3\", but is assigned a value of shape \"3 4\"");
    assertThat(message).contains("axis 0: expected 4, found 3");
  }

  @Test
  void syntaxErrorShowsTheColumnWithACaret() {
    Compilation compilation = CheckerHarness.compile(SYNTAX);
    String message = CheckerHarness.messageOn(compilation, "shape.syntax", "@Shape(\"n (m+1\")", SYNTAX);
    assertThat(message).contains("at column 6 of \"n (m+1\"");
    String[] lines = message.split("\\R");
    String spec = lines[lines.length - 2];
    String caret = lines[lines.length - 1];
    assertThat(spec.trim()).isEqualTo("\"n (m+1\"");
    assertThat(caret.indexOf('^') - spec.indexOf('"') - 1).isEqualTo(6);
  }

  @Test
  void unprovenSaysWhatIsLeftToTheRunTimeCheck() {
    Compilation compilation = CheckerHarness.compile(STRICT);
    String message = CheckerHarness.messageOn(compilation, "shape.unproven", "column(Tensor.zeros(size, 1));", STRICT);
    assertThat(message).contains("cannot prove argument x of Strict.column (\"_ 1\" for \"batch 1\")");
    assertThat(message).contains("left to the run-time check");
  }
}
