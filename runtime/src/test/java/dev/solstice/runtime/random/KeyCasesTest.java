package dev.solstice.runtime.random;

import static dev.solstice.runtime.random.GoldenData.assertBoolsEqual;
import static dev.solstice.runtime.random.GoldenData.assertFloatsEqual;
import static dev.solstice.runtime.random.GoldenData.assertIntsEqual;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.solstice.runtime.Batching;
import dev.solstice.runtime.Tensor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The cases of prng_cases.json, made by src/test/oracle/prng_cases.py with jax 0.10.2: odd and
 * multi-dimensional shapes, large draws, extreme seeds, derived keys, and {@code jax.vmap} over
 * split keys, all compared bit for bit. Each vmap case runs twice: drawn from the key array, and
 * with the key array mapped by {@link Batching} levels so every sample draws with its own key.
 */
class KeyCasesTest {
  private static final JsonObject CASES = GoldenData.load("prng_cases.json");

  @TestFactory
  Stream<DynamicTest> everyCase() {
    return cases().map(c -> DynamicTest.dynamicTest(describe(c), () -> check(c, draw(c, keyArray(c)))));
  }

  @TestFactory
  Stream<DynamicTest> everyVmapCaseThroughBatching() {
    return cases()
        .filter(c -> c.getAsJsonArray("vmap").size() > 0)
        .map(c -> DynamicTest.dynamicTest(describe(c), () -> check(c, drawBatched(c))));
  }

  /** {@code split(n)[i]} holds the i-th child of every key, as {@code splitArray(n)} lays them out. */
  @TestFactory
  Stream<DynamicTest> splitAgreesWithSplitArray() {
    return cases()
        .filter(c -> c.get("op").getAsString().equals("split"))
        .map(c -> DynamicTest.dynamicTest(describe(c), () -> {
          Key key = keyArray(c);
          int n = c.getAsJsonObject("args").get("n").getAsInt();
          int[] want = GoldenData.ints(c.getAsJsonObject("expected").getAsJsonArray("data"));
          Key[] children = key.split(n);
          assertEquals(n, children.length);
          int keys = key.keyData().size() / 2;
          for (int i = 0; i < n; i++) {
            int[] got = children[i].keyData().toIntArray();
            assertArrayEquals(key.shape(), children[i].shape(), "split children keep the key shape");
            for (int k = 0; k < keys; k++) {
              assertEquals(want[2 * (k * n + i)], got[2 * k], "child " + i + " of key " + k + ", word 0");
              assertEquals(want[2 * (k * n + i) + 1], got[2 * k + 1], "child " + i + " of key " + k + ", word 1");
            }
          }
        }));
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
      if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
        throw new AssertionError("normal of word " + Integer.toUnsignedString(words[i])
            + ": expected " + expected[i] + " but was " + actual[i]);
      }
    }
  }

  private static Stream<JsonObject> cases() {
    return StreamSupport.stream(CASES.getAsJsonArray("cases").spliterator(), false).map(JsonElement::getAsJsonObject);
  }

  /** The case's key: a seed and a path of split/fold_in steps. */
  private static Key key(JsonObject c) {
    Key key = Key.of(c.get("seed").getAsLong());
    for (JsonElement step : c.getAsJsonArray("path")) {
      JsonArray s = step.getAsJsonArray();
      key = s.get(0).getAsString().equals("split")
          ? key.split(s.get(1).getAsInt())[s.get(2).getAsInt()]
          : key.foldIn((int) s.get(1).getAsLong());
    }
    return key;
  }

  /** The case's key, split into a key array of the case's vmap shape (nested vmap'd splits). */
  private static Key keyArray(JsonObject c) {
    Key key = key(c);
    for (JsonElement n : c.getAsJsonArray("vmap")) {
      key = key.splitArray(n.getAsInt());
    }
    return key;
  }

  /** The case's op under one Batching level per vmap axis, the key array mapped in and the result out. */
  private static Tensor drawBatched(JsonObject c) {
    Deque<Batching> levels = new ArrayDeque<>();
    try {
      Key key = keyArray(c);
      for (JsonElement n : c.getAsJsonArray("vmap")) {
        Batching level = Batching.begin(n.getAsInt());
        levels.push(level);
        key = level.in("key", key, 0);
      }
      assertArrayEquals(new int[0], key.shape(), "inside the levels each sample holds one key");
      Tensor result = draw(c, key);
      while (!levels.isEmpty()) {
        Batching level = levels.pop();
        result = level.out(result, 0);
        level.close();
      }
      return result;
    } finally {
      while (!levels.isEmpty()) {
        levels.pop().close();
      }
    }
  }

  private static Tensor draw(JsonObject c, Key key) {
    JsonObject args = c.getAsJsonObject("args");
    String op = c.get("op").getAsString();
    switch (op) {
      case "key_data":
        return key.keyData();
      case "split":
        return key.splitArray(args.get("n").getAsInt()).keyData();
      case "fold_in":
        return key.foldIn((int) args.get("data").getAsLong()).keyData();
      case "bits":
        return key.bits(shape(args));
      case "uniform":
        return args.has("min")
            ? key.uniform(args.get("min").getAsFloat(), args.get("max").getAsFloat(), shape(args))
            : key.uniform(shape(args));
      case "normal":
        return key.normal(shape(args));
      case "bernoulli":
        return key.bernoulli(args.get("p").getAsFloat(), shape(args));
      case "randint":
        return key.randint(args.get("min").getAsInt(), args.get("max").getAsInt(), shape(args));
      case "permutation":
        return key.permutation(args.get("n").getAsInt());
      default:
        throw new AssertionError("no case op " + op);
    }
  }

  private static void check(JsonObject c, Tensor actual) {
    String op = c.get("op").getAsString();
    JsonObject expected = c.getAsJsonObject("expected");
    switch (expected.get("dtype").getAsString()) {
      case "float32":
        assertFloatsEqual(expected, actual, op);
        break;
      case "int32":
        if (op.equals("bernoulli")) {
          assertBoolsEqual(expected, actual, op); // the oracle stores JAX's bools as int32
        } else {
          assertIntsEqual(expected, actual, op);
        }
        break;
      case "uint32":
        assertIntsEqual(expected, actual, op);
        break;
      default:
        throw new AssertionError("no comparison for dtype " + expected.get("dtype"));
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
