package dev.solstice.examples.charlm;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;
import java.util.Arrays;

/** Writes text with a {@link CharTransformer}, one character at a time. */
public final class Sampler {
  private Sampler() {}

  /**
   * {@code length} new tokens after {@code prompt}. Each is drawn from {@code softmax(logits /
   * temperature)} of the model reading the last {@code context} tokens, with the key {@code
   * key.foldIn(i)} for the {@code i}-th token, as {@code jax.random.categorical} does (the argmax of
   * the logits plus Gumbel noise).
   *
   * @param prompt at least one token to start from
   * @param temperature below 1 sharpens the distribution, above 1 flattens it
   */
  public static int[] sample(CharTransformer model, int[] prompt, int length, float temperature, Key key) {
    if (prompt.length == 0) {
      throw new IllegalArgumentException("the prompt must hold at least one character");
    }
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("the temperature must be > 0, found " + temperature);
    }
    int[] text = Arrays.copyOf(prompt, prompt.length + length);
    for (int i = 0; i < length; i++) {
      int end = prompt.length + i;
      int start = Math.max(0, end - model.context());
      Tensor logits = model.forward(Tensor.ofInts(Arrays.copyOfRange(text, start, end), end - start));
      Tensor last = logits.slice(0, end - start - 1, end - start).squeeze(0);
      text[end] = categorical(last.div(temperature), key.foldIn(i));
    }
    return Arrays.copyOfRange(text, prompt.length, text.length);
  }

  /** A draw from {@code softmax(logits)}: the argmax of {@code logits} plus standard Gumbel noise. */
  static int categorical(Tensor logits, Key key) {
    Tensor uniform = key.uniform(Float.MIN_NORMAL, 1f, logits.dim(0));
    Tensor gumbel = uniform.log().neg().log().neg();
    return logits.add(gumbel).argmax(0).toIntArray()[0];
  }
}
