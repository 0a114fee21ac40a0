package dev.solstice.examples.charlm;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.nn.Activation;
import dev.solstice.runtime.nn.LayerNorm;
import dev.solstice.runtime.nn.LayerNormBatched;
import dev.solstice.runtime.nn.Mlp;
import dev.solstice.runtime.nn.MlpBatched;
import dev.solstice.runtime.nn.MultiheadAttention;
import dev.solstice.runtime.random.Key;

/**
 * A pre-norm transformer block: {@code x + attention(norm(x))}, then {@code x + mlp(norm(x))} at
 * every position.
 *
 * @param attentionNorm normalises each position before the attention
 * @param attention causal self-attention over the sequence
 * @param mlpNorm normalises each position before the MLP
 * @param mlp {@code size → 4·size → size} with GELU, applied to each position
 */
@Model
public record Block(LayerNorm attentionNorm, MultiheadAttention attention, LayerNorm mlpNorm, Mlp mlp) {

  /** A block of width {@code size} with {@code heads} attention heads, from {@code key}. */
  public static Block init(int size, int heads, Key key) {
    Key[] keys = key.split(2);
    return new Block(
        LayerNorm.init(size),
        MultiheadAttention.init(heads, size, keys[0]),
        LayerNorm.init(size),
        Mlp.init(size, size, 4 * size, 1, Activation.GELU, Activation.IDENTITY, true, true, keys[1]));
  }

  /**
   * One sequence.
   *
   * @param mask true where position {@code i} may attend to position {@code j}
   */
  public @Shape("seq size") Tensor forward(@Shape("seq size") Tensor x, @Shape("seq seq") Tensor mask) {
    Tensor normed = LayerNormBatched.forward(attentionNorm, x);
    x = x.add(attention.forward(normed, normed, normed, mask));
    return x.add(MlpBatched.forward(mlp, LayerNormBatched.forward(mlpNorm, x)));
  }
}
