package dev.solstice.runtime.nn;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.annotations.Vmap;
import dev.solstice.runtime.DType;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;
import dev.solstice.shape.ShapeMismatchException;
import dev.solstice.shape.ShapeScope;
import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Multi-head scaled dot-product attention: {@code equinox.nn.MultiheadAttention}.
 *
 * <p>Query, key and value sequences are projected to {@code num_heads} heads; each head attends
 * with {@code softmax(q kᵀ / sqrt(qk_size))} (positions where the mask is false get the lowest
 * float32 logit), optionally drops attention weights out, and the heads' outputs, concatenated,
 * are projected to {@code output_size}. For causal self-attention pass {@code Tensor.tril(seq)}
 * as the mask.
 *
 * <p>One sequence at a time, as in Equinox; {@code MultiheadAttentionBatched.forward} runs a batch
 * of sequences with one mask shared by all of them.
 *
 * @param queryProj {@code query_size → num_heads * qk_size}
 * @param keyProj {@code key_size → num_heads * qk_size}
 * @param valueProj {@code value_size → num_heads * vo_size}
 * @param outputProj {@code num_heads * vo_size → output_size}
 * @param dropout applied to the attention weights, with one key per head
 * @param numHeads the number of heads
 */
@Model
public record MultiheadAttention(
    Linear queryProj, Linear keyProj, Linear valueProj, Linear outputProj, Dropout dropout, int numHeads) {

  /** Checks the number of heads. */
  public MultiheadAttention {
    if (numHeads < 1) {
      throw new IllegalArgumentException("MultiheadAttention: numHeads must be >= 1, found " + numHeads);
    }
  }

  /**
   * {@code MultiheadAttention(num_heads, query_size, key=key)}: key, value and output sizes equal
   * to {@code querySize}, {@code qk_size = vo_size = querySize / numHeads}, no biases, no dropout.
   */
  public static MultiheadAttention init(int numHeads, int querySize, Key key) {
    int headSize = querySize / numHeads;
    return init(
        numHeads, querySize, querySize, querySize, querySize, headSize, headSize, false, false, false, false, 0f,
        false, key);
  }

  /**
   * As {@code MultiheadAttention(num_heads, query_size, key_size, value_size, output_size, qk_size,
   * vo_size, use_query_bias, use_key_bias, use_value_bias, use_output_bias, dropout_p, inference,
   * key=key)}: the four projections are {@link Linear#init} with the four keys of {@code
   * key.split(4)}, in the order query, key, value, output.
   *
   * @param dropoutP the dropout probability on attention weights
   * @param inference whether the dropout starts in inference mode
   */
  public static MultiheadAttention init(
      int numHeads,
      int querySize,
      int keySize,
      int valueSize,
      int outputSize,
      int qkSize,
      int voSize,
      boolean useQueryBias,
      boolean useKeyBias,
      boolean useValueBias,
      boolean useOutputBias,
      float dropoutP,
      boolean inference,
      Key key) {
    Key[] keys = key.split(4);
    return new MultiheadAttention(
        Linear.init(querySize, numHeads * qkSize, useQueryBias, keys[0]),
        Linear.init(keySize, numHeads * qkSize, useKeyBias, keys[1]),
        Linear.init(valueSize, numHeads * voSize, useValueBias, keys[2]),
        Linear.init(numHeads * voSize, outputSize, useOutputBias, keys[3]),
        Dropout.init(dropoutP, inference),
        numHeads);
  }

  /** This layer with its dropout's inference flag set to {@code inference}. */
  public MultiheadAttention withInference(boolean inference) {
    return new MultiheadAttention(
        queryProj, keyProj, valueProj, outputProj, dropout.withInference(inference), numHeads);
  }

  /** The features of each query position. */
  public int querySize() {
    return queryProj.inFeatures();
  }

  /** The features of each key position. */
  public int keySize() {
    return keyProj.inFeatures();
  }

  /** The features of each value position. */
  public int valueSize() {
    return valueProj.inFeatures();
  }

  /** The features of each output position. */
  public int outputSize() {
    return outputProj.outFeatures();
  }

  /**
   * One sequence without dropout keys: for inference, or a dropout probability of 0.
   *
   * @param mask true where query position {@code i} may attend to key position {@code j}: {@code
   *     [q_seq, kv_seq]}, or {@code [num_heads, q_seq, kv_seq]} per head; null attends everywhere
   */
  @Vmap(inAxes = {0, 0, 0, Vmap.NONE})
  public @Shape("q_seq o_size") Tensor forward(
      @Shape("q_seq q_size") Tensor query,
      @Shape("kv_seq k_size") Tensor key,
      @Shape("kv_seq v_size") Tensor value,
      @Nullable @Shape("... q_seq kv_seq") Tensor mask) {
    return forward(query, key, value, mask, null);
  }

  /**
   * One sequence; the attention weights of head {@code h} are dropped out with key {@code h} of
   * {@code dropoutKey.split(numHeads)}.
   *
   * @param mask as in {@link #forward(Tensor, Tensor, Tensor, Tensor)}
   * @param dropoutKey the dropout's randomness; may be null when the dropout is in inference mode
   *     or has probability 0
   */
  @Vmap(inAxes = {0, 0, 0, Vmap.NONE, 0})
  public @Shape("q_seq o_size") Tensor forward(
      @Shape("q_seq q_size") Tensor query,
      @Shape("kv_seq k_size") Tensor key,
      @Shape("kv_seq v_size") Tensor value,
      @Nullable @Shape("... q_seq kv_seq") Tensor mask,
      @Nullable Key dropoutKey) {
    if (ShapeScope.enabled()) {
      new ShapeScope()
          .check("query of MultiheadAttention.forward", "q_seq " + querySize(), query.shape())
          .check("key of MultiheadAttention.forward", "kv_seq " + keySize(), key.shape())
          .check("value of MultiheadAttention.forward", "kv_seq " + valueSize(), value.shape());
    }
    Tensor queryHeads = heads(queryProj, query);
    Tensor keyHeads = heads(keyProj, key);
    Tensor valueHeads = heads(valueProj, value);
    Tensor logits = queryHeads.div((float) Math.sqrt(queryHeads.dim(-1))).matmul(keyHeads.swapaxes(1, 2));
    if (mask != null) {
      checkMask(mask, logits);
      logits = Tensor.where(mask, logits, Tensor.scalar(-Float.MAX_VALUE));
    }
    Tensor weights = dropHeads(logits.softmax(-1), dropoutKey);
    Tensor attention = weights.matmul(valueHeads).swapaxes(0, 1).reshape(query.dim(0), -1);
    return LinearBatched.forward(outputProj, attention);
  }

  /** {@code x [seq, size]} projected by {@code projection} and split into heads: {@code [heads, seq, head_size]}. */
  private Tensor heads(Linear projection, Tensor x) {
    return LinearBatched.forward(projection, x).reshape(x.dim(0), numHeads, -1).swapaxes(0, 1);
  }

  /** The attention {@code weights [heads, q_seq, kv_seq]} after dropout, head {@code h} with key {@code h}, as Equinox vmaps it. */
  private Tensor dropHeads(Tensor weights, @Nullable Key dropoutKey) {
    if (dropout.inference() || dropout.p() == 0) {
      return weights;
    }
    if (dropoutKey == null) {
      throw new IllegalArgumentException(
          "MultiheadAttention needs a dropout key: its dropout has p=" + dropout.p() + " and is not in"
              + " inference mode; pass a Key, or use withInference(true)");
    }
    return DropoutBatched.forward(dropout, weights, dropoutKey.splitArray(numHeads));
  }

  /** Equinox's rule: the mask is {@code [q_seq, kv_seq]} or {@code [num_heads, q_seq, kv_seq]}, and boolean. */
  private void checkMask(Tensor mask, Tensor logits) {
    int[] perHead = logits.shape();
    int[] shared = Arrays.copyOfRange(perHead, 1, 3);
    if (!Arrays.equals(mask.shape(), shared) && !Arrays.equals(mask.shape(), perHead)) {
      throw new ShapeMismatchException(
          "MultiheadAttention.forward: mask must have shape (q_seq, kv_seq) = " + Arrays.toString(shared)
              + " or (num_heads, q_seq, kv_seq) = " + Arrays.toString(perHead) + ", but has shape "
              + Arrays.toString(mask.shape()));
    }
    if (mask.dtype() == DType.FLOAT32) {
      throw new IllegalArgumentException(
          "MultiheadAttention.forward: mask must be a bool tensor (true = attend), found float32");
    }
  }
}
