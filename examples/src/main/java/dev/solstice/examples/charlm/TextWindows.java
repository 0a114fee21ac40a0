package dev.solstice.examples.charlm;

import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;

/**
 * Training batches of a tokenised text: windows of {@code context} tokens starting at random
 * places, each with the window shifted by one as its targets (the next token at every position).
 *
 * <p>The windows of step {@code s} are drawn with {@code key.foldIn(s)}, so they depend on the step
 * alone and a resumed run sees the same batches as an uninterrupted one.
 */
public final class TextWindows {
  private final int[] tokens;
  private final int context;
  private final int batchSize;
  private final Key key;

  /** Windows of {@code context} tokens of {@code tokens}, {@code batchSize} a step, drawn with {@code key}. */
  public TextWindows(int[] tokens, int context, int batchSize, Key key) {
    if (tokens.length < context + 1) {
      throw new IllegalArgumentException("the text has " + tokens.length + " characters; it needs at least context + 1 = "
          + (context + 1) + " to make one training window");
    }
    this.tokens = tokens.clone();
    this.context = context;
    this.batchSize = batchSize;
    this.key = key;
  }

  /**
   * The batch of one step.
   *
   * @param inputs int32 {@code [batch, context]}
   * @param targets int32 {@code [batch, context]}: {@code targets[b][i]} is the token after {@code inputs[b][i]}
   */
  public record Batch(@Shape("batch context") Tensor inputs, @Shape("batch context") Tensor targets) {}

  /** The windows of step {@code step}. */
  public Batch at(int step) {
    int[] starts = key.foldIn(step).randint(0, tokens.length - context, batchSize).toIntArray();
    int[] inputs = new int[batchSize * context];
    int[] targets = new int[batchSize * context];
    for (int b = 0; b < batchSize; b++) {
      System.arraycopy(tokens, starts[b], inputs, b * context, context);
      System.arraycopy(tokens, starts[b] + 1, targets, b * context, context);
    }
    return new Batch(Tensor.ofInts(inputs, batchSize, context), Tensor.ofInts(targets, batchSize, context));
  }
}
