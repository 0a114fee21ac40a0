package dev.solstice.runtime.nn;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.annotations.Vmap;
import dev.solstice.runtime.DType;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;
import dev.solstice.runtime.tree.TreeNode;
import dev.solstice.shape.ShapeMismatchException;
import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A lookup table of embeddings: {@code equinox.nn.Embedding}. Row {@code i} of {@code weight} is
 * the embedding of index {@code i}.
 *
 * <p>{@code forward} takes one index, as in Equinox; {@code EmbeddingBatched.forward(embedding,
 * indices)} looks up a whole int32 vector of indices at once. The canonical constructor takes a
 * given table ({@code Embedding(weight=...)}).
 *
 * @param weight the table, one row per index
 */
@Model
public record Embedding(@Shape("num_embeddings embedding_size") Tensor weight) implements Layer {

  /** {@code Embedding(num_embeddings, embedding_size, key=key)}: a standard normal table. */
  public static Embedding init(int numEmbeddings, int embeddingSize, Key key) {
    if (numEmbeddings < 0 || embeddingSize < 0) {
      throw new IllegalArgumentException(
          "Embedding.init: sizes must be >= 0, found num_embeddings=" + numEmbeddings
              + ", embedding_size=" + embeddingSize);
    }
    return new Embedding(key.normal(numEmbeddings, embeddingSize));
  }

  /** The number of rows. */
  public int numEmbeddings() {
    return weight.dim(0);
  }

  /** The length of each embedding. */
  public int embeddingSize() {
    return weight.dim(1);
  }

  /**
   * The embedding of one index.
   *
   * @param index a scalar int32 tensor
   * @throws ShapeMismatchException if {@code index} is not a scalar
   * @throws IllegalArgumentException if it is not int32
   * @throws IndexOutOfBoundsException if it is not a row of the table
   */
  @Vmap
  public @Shape("embedding_size") Tensor forward(@Shape("") Tensor index) {
    if (index.rank() != 0) {
      throw new ShapeMismatchException(
          "Embedding.forward takes one index, a scalar, but was given shape " + Arrays.toString(index.shape())
              + "; to look up many indices use EmbeddingBatched.forward");
    }
    if (index.dtype() != DType.INT32) {
      throw new IllegalArgumentException("Embedding.forward takes an int32 index, not " + index.dtype());
    }
    return weight.take(index);
  }

  /** The embedding of {@code index}. */
  public @Shape("embedding_size") Tensor forward(int index) {
    return forward(Tensor.ofInts(new int[] {index}));
  }

  /** {@link #forward(Tensor)}; the key is ignored. */
  @Override
  public Tensor apply(Tensor x, @Nullable Key key) {
    return forward(x);
  }

  @Override
  public TreeNode.Def nodeDef() {
    return EmbeddingTree.NODE;
  }
}
