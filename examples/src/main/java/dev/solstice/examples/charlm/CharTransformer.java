package dev.solstice.examples.charlm;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.annotations.Vmap;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.nn.Embedding;
import dev.solstice.runtime.nn.EmbeddingBatched;
import dev.solstice.runtime.nn.LayerNorm;
import dev.solstice.runtime.nn.LayerNormBatched;
import dev.solstice.runtime.nn.Linear;
import dev.solstice.runtime.nn.LinearBatched;
import dev.solstice.runtime.random.Key;
import java.util.ArrayList;
import java.util.List;

/**
 * A small GPT-style character model: token and position embeddings, a stack of causal transformer
 * {@link Block}s, a final norm and a linear head giving the logits of the next character at every
 * position.
 *
 * <p>{@link #forward} reads one sequence, as an Equinox module does; the generated {@code
 * CharTransformerBatched.forward} runs a batch of sequences.
 *
 * @param tokenEmbedding one row per character of the vocabulary
 * @param positionEmbedding one row per position of the context
 * @param blocks the transformer blocks, in order
 * @param finalNorm normalises each position before the head
 * @param head {@code size → vocabulary}
 */
@Model
public record CharTransformer(
    Embedding tokenEmbedding, Embedding positionEmbedding, List<Block> blocks, LayerNorm finalNorm, Linear head) {

  /** Makes a copy of {@code blocks}. */
  public CharTransformer {
    blocks = List.copyOf(blocks);
  }

  /**
   * A model for {@code vocabulary} characters and up to {@code context} positions, {@code layers}
   * blocks of width {@code size} with {@code heads} heads each.
   */
  public static CharTransformer init(int vocabulary, int context, int size, int heads, int layers, Key key) {
    if (size % heads != 0) {
      throw new IllegalArgumentException("the width " + size + " must be a multiple of the number of heads " + heads);
    }
    Key[] keys = key.split(layers + 3);
    List<Block> blocks = new ArrayList<>(layers);
    for (int i = 0; i < layers; i++) {
      blocks.add(Block.init(size, heads, keys[3 + i]));
    }
    return new CharTransformer(
        Embedding.init(vocabulary, size, keys[0]),
        Embedding.init(context, size, keys[1]),
        blocks,
        LayerNorm.init(size),
        Linear.init(size, vocabulary, keys[2]));
  }

  /** The longest sequence the model reads. */
  public int context() {
    return positionEmbedding.numEmbeddings();
  }

  /** One sequence of int32 tokens, at most {@link #context()} long: the next-token logits at each position. */
  @Vmap
  public @Shape("seq vocabulary") Tensor forward(@Shape("seq") Tensor tokens) {
    int length = tokens.dim(0);
    if (length > context()) {
      throw new IllegalArgumentException("a sequence of " + length + " tokens is longer than the context " + context());
    }
    Tensor x = EmbeddingBatched.forward(tokenEmbedding, tokens).add(positionEmbedding.weight().slice(0, 0, length));
    Tensor causal = Tensor.tril(length);
    for (Block block : blocks) {
      x = block.forward(x, causal);
    }
    return LinearBatched.forward(head, LayerNormBatched.forward(finalNorm, x));
  }
}
