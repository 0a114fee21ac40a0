package dev.solstice.runtime.nn;

import static dev.solstice.runtime.nn.NnGolden.assertBitEqual;
import static dev.solstice.runtime.nn.NnGolden.assertClose;
import static dev.solstice.runtime.nn.NnGolden.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.ValueAndGrad;
import dev.solstice.runtime.random.Key;
import dev.solstice.shape.ShapeMismatchException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiheadAttentionTest {
  private static final JsonObject CROSS = NnGolden.at("attention", "cross");
  private static final JsonObject CAUSAL = NnGolden.at("attention", "causal_dropout");

  /** The cross-attention layer: every size different, biases on the query, value and output projections. */
  private static MultiheadAttention cross() {
    return MultiheadAttention.init(2, 8, 6, 5, 7, 3, 4, true, false, true, true, 0f, false, Key.of(4));
  }

  /** Equinox's defaults for 4 heads of size 16 / 4, with dropout 0.25 on the attention weights. */
  private static MultiheadAttention causal() {
    return MultiheadAttention.init(4, 16, 16, 16, 16, 4, 4, false, false, false, false, 0.25f, false, Key.of(19));
  }

  private static Map<String, Linear> projections(MultiheadAttention layer) {
    return Map.of(
        "query_proj", layer.queryProj(),
        "key_proj", layer.keyProj(),
        "value_proj", layer.valueProj(),
        "output_proj", layer.outputProj());
  }

  @Test
  void initialisationMatchesEquinoxBitForBit() {
    for (JsonObject golden : List.of(CROSS, CAUSAL)) {
      MultiheadAttention layer = golden == CROSS ? cross() : causal();
      JsonObject params = golden.getAsJsonObject("params");
      projections(layer).forEach((name, projection) -> {
        JsonObject expected = params.getAsJsonObject(name);
        assertBitEqual(expected.get("weight"), projection.weight(), name + ".weight");
        if (expected.has("bias")) {
          assertBitEqual(expected.get("bias"), projection.bias(), name + ".bias");
        } else {
          assertNull(projection.bias(), name + ".bias");
        }
      });
    }
    MultiheadAttention defaults = MultiheadAttention.init(4, 16, Key.of(19));
    assertClose(causal().outputProj().weight(), defaults.outputProj().weight(), "defaults", 0);
    assertEquals(0f, defaults.dropout().p());
    MultiheadAttention layer = cross();
    assertEquals(List.of(8, 6, 5, 7), List.of(layer.querySize(), layer.keySize(), layer.valueSize(), layer.outputSize()));
  }

  @Test
  void forwardMatchesJaxWithAndWithoutMasks() {
    MultiheadAttention layer = cross();
    Tensor query = tensor(CROSS.get("query"));
    Tensor key = tensor(CROSS.get("key"));
    Tensor value = tensor(CROSS.get("value"));
    assertClose(CROSS.get("y"), layer.forward(query, key, value, NnGolden.boolTensor(CROSS.get("mask"))), "y");
    assertClose(CROSS.get("y_no_mask"), layer.forward(query, key, value, null), "y without mask");
    assertClose(
        CROSS.get("y_head_mask"),
        layer.forward(query, key, value, NnGolden.boolTensor(CROSS.get("head_mask"))),
        "y with a mask per head");
  }

  @Test
  void batchedSharesTheMaskAndMatchesEachSample() {
    MultiheadAttention layer = cross();
    Tensor mask = NnGolden.boolTensor(CROSS.get("mask"));
    Tensor queries = tensor(CROSS.get("queries"));
    Tensor keys = tensor(CROSS.get("keys"));
    Tensor values = tensor(CROSS.get("values"));
    Tensor ys = MultiheadAttentionBatched.forward(layer, queries, keys, values, mask);
    assertClose(CROSS.get("ys"), ys, "ys");
    for (int i = 0; i < ys.dim(0); i++) {
      Tensor sample = layer.forward(sample(queries, i), sample(keys, i), sample(values, i), mask);
      assertClose(sample, sample(ys, i), "sample " + i, 1e-6);
    }
  }

  @Test
  void gradientsMatchJax() {
    Tensor mask = NnGolden.boolTensor(CROSS.get("mask"));
    Tensor queries = tensor(CROSS.get("queries"));
    Tensor keys = tensor(CROSS.get("keys"));
    Tensor values = tensor(CROSS.get("values"));
    Tensor targets = tensor(CROSS.get("targets"));
    ValueAndGrad<MultiheadAttentionGrad> vg = MultiheadAttentionTree.valueAndGrad(
        cross(), m -> MultiheadAttentionBatched.forward(m, queries, keys, values, mask).sub(targets).square().mean());
    NnGolden.assertLoss(CROSS, vg.value());
    JsonObject grads = CROSS.getAsJsonObject("grads");
    Map<String, LinearGrad> actual = Map.of(
        "query_proj", vg.grad().queryProj(),
        "key_proj", vg.grad().keyProj(),
        "value_proj", vg.grad().valueProj(),
        "output_proj", vg.grad().outputProj());
    actual.forEach((name, grad) -> {
      JsonObject expected = grads.getAsJsonObject(name);
      assertClose(expected.get("weight"), grad.weight(), "d " + name + ".weight");
      if (expected.has("bias")) {
        assertClose(expected.get("bias"), grad.bias(), "d " + name + ".bias");
      } else {
        assertNull(grad.bias(), "d " + name + ".bias");
      }
    });
  }

  @Test
  void causalSelfAttentionWithDropoutMatchesJax() {
    MultiheadAttention layer = causal();
    Tensor x = tensor(CAUSAL.get("x"));
    Tensor causal = Tensor.tril(6);
    assertClose(CAUSAL.get("y"), layer.withInference(true).forward(x, x, x, causal), "y in inference");
    assertClose(
        CAUSAL.get("y_dropout"), layer.forward(x, x, x, causal, Key.of(CAUSAL.get("dropout_seed").getAsLong())), "y");

    Tensor xs = tensor(CAUSAL.get("xs"));
    Key keys = Key.of(CAUSAL.get("batch_dropout_seed").getAsLong()).splitArray(xs.dim(0));
    assertClose(CAUSAL.get("ys_dropout"), MultiheadAttentionBatched.forward(layer, xs, xs, xs, causal, keys), "ys");
  }

  @Test
  void dropoutNeedsAKeyUnlessInInference() {
    MultiheadAttention layer = causal();
    Tensor x = tensor(CAUSAL.get("x"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> layer.forward(x, x, x, null));
    assertTrue(e.getMessage().contains("dropout key"), e.getMessage());
  }

  @Test
  void shapeErrorsNameTheArgument() {
    MultiheadAttention layer = cross();
    Tensor query = tensor(CROSS.get("query"));
    Tensor key = tensor(CROSS.get("key"));
    Tensor value = tensor(CROSS.get("value"));
    ShapeMismatchException e = assertThrows(
        ShapeMismatchException.class, () -> layer.forward(query, key, value.slice(0, 0, 5), null));
    assertTrue(e.getMessage().contains("value of MultiheadAttention.forward"), e.getMessage());
    assertTrue(e.getMessage().contains("kv_seq=6"), e.getMessage());

    e = assertThrows(ShapeMismatchException.class, () -> layer.forward(query, key, value, Tensor.tril(5)));
    assertTrue(e.getMessage().contains("mask must have shape"), e.getMessage());

    e = assertThrows(ShapeMismatchException.class, () -> layer.forward(key, key, value, null));
    assertTrue(e.getMessage().contains("query of MultiheadAttention.forward"), e.getMessage());
  }

  private static Tensor sample(Tensor batch, int i) {
    return batch.slice(0, i, i + 1).squeeze(0);
  }
}
