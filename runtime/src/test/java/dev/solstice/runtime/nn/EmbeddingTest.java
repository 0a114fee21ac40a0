package dev.solstice.runtime.nn;

import static dev.solstice.runtime.nn.NnGolden.assertBitEqual;
import static dev.solstice.runtime.nn.NnGolden.assertClose;
import static dev.solstice.runtime.nn.NnGolden.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.ValueAndGrad;
import dev.solstice.runtime.random.Key;
import dev.solstice.shape.ShapeMismatchException;
import org.junit.jupiter.api.Test;

class EmbeddingTest {
  private static final JsonObject GOLDEN = NnGolden.at("embedding");
  private static final Embedding EMBEDDING =
      Embedding.init(GOLDEN.get("num").getAsInt(), GOLDEN.get("size").getAsInt(), Key.of(GOLDEN.get("seed").getAsLong()));

  @Test
  void initialisationMatchesEquinoxBitForBit() {
    assertBitEqual(GOLDEN.get("weight"), EMBEDDING.weight(), "weight");
    assertEquals(10, EMBEDDING.numEmbeddings());
    assertEquals(4, EMBEDDING.embeddingSize());
  }

  @Test
  void forwardIsTheRowOfTheIndex() {
    int index = GOLDEN.get("index").getAsInt();
    assertBitEqual(GOLDEN.get("y"), EMBEDDING.forward(index), "y");
    assertBitEqual(GOLDEN.get("y"), EMBEDDING.forward(Tensor.ofInts(new int[] {index})), "y of a scalar tensor");
  }

  @Test
  void batchedLooksUpEveryIndex() {
    Tensor indices = NnGolden.intTensor(GOLDEN.get("indices"));
    assertBitEqual(GOLDEN.get("ys"), EmbeddingBatched.forward(EMBEDDING, indices), "ys");
  }

  @Test
  void gradientAddsUpOverRepeatedIndices() {
    Tensor indices = NnGolden.intTensor(GOLDEN.get("indices"));
    Tensor targets = tensor(GOLDEN.get("targets"));
    ValueAndGrad<EmbeddingGrad> vg =
        EmbeddingTree.valueAndGrad(EMBEDDING, m -> EmbeddingBatched.forward(m, indices).sub(targets).square().mean());
    NnGolden.assertLoss(GOLDEN, vg.value());
    assertClose(GOLDEN.get("grad_weight"), vg.grad().weight(), "d weight");
  }

  @Test
  void forwardTakesOneIntIndexInRange() {
    ShapeMismatchException e =
        assertThrows(ShapeMismatchException.class, () -> EMBEDDING.forward(Tensor.ofInts(new int[] {1, 2}, 2)));
    assertTrue(e.getMessage().contains("EmbeddingBatched.forward"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EMBEDDING.forward(Tensor.scalar(1f)));
    assertThrows(IndexOutOfBoundsException.class, () -> EMBEDDING.forward(10));
  }
}
