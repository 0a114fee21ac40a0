package dev.solstice.runtime.random;

import static dev.solstice.runtime.random.GoldenData.assertFloatsEqual;
import static dev.solstice.runtime.random.GoldenData.assertIntsEqual;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.solstice.runtime.Tensor;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The cases of prng_cases.json, made by src/test/oracle/prng_cases.py with jax 0.10.2: odd and
 * multi-dimensional shapes, large draws, extreme seeds, derived keys, and key arrays (JAX's
 * {@code vmap} over split keys), all compared bit for bit.
 */
class KeyCasesTest {
  private static final JsonObject CASES = GoldenData.load("prng_cases.json");

  @TestFactory
  Stream<DynamicTest> everyCase() {
    return StreamSupport.stream(CASES.getAsJsonArray("cases").spliterator(), false)
        .map(JsonElement::getAsJsonObject)
        .map(c -> DynamicTest.dynamicTest(describe(c), () -> check(c)));
  }

  /**
   * {@code jax.random.normal} over words chosen to reach both tails, the centre and every branch
   * switch of erfinv and log1p.
   */
  @Test
  void normalMatchesJaxAcrossTheWholeRangeOfDraws() {
    JsonObject sample = CASES.getAsJsonObject("normal_of_bits");
    int[] words = GoldenData.ints(sample.getAsJsonArray("bits"));
    float[] expected = GoldenData.floats(sample.getAsJsonArray("normal"));
    float[] actual = Distributions.normal(words);
    for (int i = 0; i < words.length; i++) {
      assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]),
          "normal of word " + Integer.toUnsignedString(words[i]) + ": expected " + expected[i] + ", was " + actual[i]);
    }
  }

  private static void check(JsonObject c) {
    Key key = Key.of(c.get("seed").getAsLong());
    for (JsonElement step : c.getAsJsonArray("path")) {
      JsonArray s = step.getAsJsonArray();
      key = s.get(0).getAsString().equals("split")
          ? key.split(s.get(1).getAsInt())[s.get(2).getAsInt()]
          : key.foldIn((int) s.get(1).getAsLong());
    }
    for (JsonElement n : c.getAsJsonArray("vmap")) {
      key = key.splitArray(n.getAsInt());
    }
    JsonObject args = c.getAsJsonObject("args");
    JsonObject expected = c.getAsJsonObject("expected");
    String op = c.get("op").getAsString();
    switch (op) {
      case "key_data":
        assertIntsEqual(expected, key.keyData(), op);
        break;
      case "split":
        checkSplit(key, args.get("n").getAsInt(), expected);
        break;
      case "fold_in":
        assertIntsEqual(expected, key.foldIn((int) args.get("data").getAsLong()).keyData(), op);
        break;
      case "bits":
        assertIntsEqual(expected, key.bits(shape(args)), op);
        break;
      case "uniform":
        Tensor uniform = args.has("min")
            ? key.uniform(args.get("min").getAsFloat(), args.get("max").getAsFloat(), shape(args))
            : key.uniform(shape(args));
        assertFloatsEqual(expected, uniform, op);
        break;
      case "normal":
        assertFloatsEqual(expected, key.normal(shape(args)), op);
        break;
      case "bernoulli":
        assertIntsEqual(expected, key.bernoulli(args.get("p").getAsFloat(), shape(args)), op);
        break;
      case "randint":
        assertIntsEqual(expected, key.randint(args.get("min").getAsInt(), args.get("max").getAsInt(), shape(args)), op);
        break;
      case "permutation":
        assertIntsEqual(expected, key.permutation(args.get("n").getAsInt()), op);
        break;
      default:
        throw new AssertionError("no check for op " + op);
    }
  }

  /** {@code splitArray(n)} must hold JAX's keys, and {@code split(n)[i]} the i-th along the split axis. */
  private static void checkSplit(Key key, int n, JsonObject expected) {
    assertIntsEqual(expected, key.splitArray(n).keyData(), "splitArray");
    int[] want = GoldenData.ints(expected.getAsJsonArray("data"));
    Key[] children = key.split(n);
    assertEquals(n, children.length);
    int keys = key.keyData().size() / 2;
    for (int i = 0; i < n; i++) {
      int[] got = children[i].keyData().toIntArray();
      for (int k = 0; k < keys; k++) {
        assertEquals(want[2 * (k * n + i)], got[2 * k], "split(" + n + ")[" + i + "] key " + k + " word 0");
        assertEquals(want[2 * (k * n + i) + 1], got[2 * k + 1], "split(" + n + ")[" + i + "] key " + k + " word 1");
      }
      assertArrayEquals(key.shape(), children[i].shape(), "split children keep the key shape");
    }
  }

  private static int[] shape(JsonObject args) {
    return GoldenData.ints(args.getAsJsonArray("shape"));
  }

  private static String describe(JsonObject c) {
    return c.get("op").getAsString() + " seed=" + c.get("seed") + " path=" + c.get("path")
        + " keys=" + c.get("vmap") + " " + c.get("args");
  }
}
