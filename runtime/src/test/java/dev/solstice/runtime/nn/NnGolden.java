package dev.solstice.runtime.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.solstice.runtime.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The golden values of nn_golden.json (made by src/test/python/nn_golden.py with jax 0.10.2,
 * re-writing equinox's layers) and the comparisons the layer tests make with them.
 */
final class NnGolden {
  /** Forward values and gradients: float32 sums in another order than XLA's. */
  static final double TOLERANCE = 2e-5;

  private static final JsonObject ROOT = load("nn_golden.json");

  private NnGolden() {}

  /** The object at {@code path} below the root, such as {@code ("linear", "bias")}. */
  static JsonObject at(String... path) {
    JsonObject object = ROOT;
    for (String key : path) {
      if (!object.has(key)) {
        throw new IllegalStateException("nn_golden.json has no " + String.join(".", path));
      }
      object = object.getAsJsonObject(key);
    }
    return object;
  }

  /** A float32 tensor from {@code {"shape": [...], "data": [...]}}. */
  static Tensor tensor(JsonElement array) {
    JsonObject object = array.getAsJsonObject();
    return Tensor.of(floats(object.getAsJsonArray("data")), ints(object.getAsJsonArray("shape")));
  }

  /** An int32 tensor. */
  static Tensor intTensor(JsonElement array) {
    JsonObject object = array.getAsJsonObject();
    return Tensor.ofInts(ints(object.getAsJsonArray("data")), ints(object.getAsJsonArray("shape")));
  }

  /** A bool tensor from 0/1 values. */
  static Tensor boolTensor(JsonElement array) {
    JsonObject object = array.getAsJsonObject();
    int[] bits = ints(object.getAsJsonArray("data"));
    boolean[] values = new boolean[bits.length];
    for (int i = 0; i < bits.length; i++) {
      values[i] = bits[i] != 0;
    }
    return Tensor.ofBools(values, ints(object.getAsJsonArray("shape")));
  }

  static int[] ints(JsonArray array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).getAsInt();
    }
    return out;
  }

  static List<Integer> intList(JsonArray array) {
    List<Integer> out = new ArrayList<>();
    array.forEach(e -> out.add(e.getAsInt()));
    return out;
  }

  static float[] floats(JsonArray array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).getAsDouble();
    }
    return out;
  }

  /** Asserts that {@code actual} has the golden shape and exactly the golden float32 bits. */
  static void assertBitEqual(JsonElement expected, Tensor actual, String what) {
    Tensor want = tensor(expected);
    assertArrayEquals(want.shape(), actual.shape(), what + ": shape");
    float[] w = want.toFloatArray();
    float[] a = actual.toFloatArray();
    for (int i = 0; i < w.length; i++) {
      if (Float.floatToIntBits(w[i]) != Float.floatToIntBits(a[i])) {
        throw new AssertionError(what + ": element " + i + " expected " + w[i] + " but was " + a[i]);
      }
    }
  }

  /** Asserts that {@code actual} has the golden shape and values within {@link #TOLERANCE}. */
  static void assertClose(JsonElement expected, Tensor actual, String what) {
    assertClose(tensor(expected), actual, what, TOLERANCE);
  }

  /** Asserts {@code |actual - expected| <= tolerance * (1 + |expected|)} elementwise, shapes equal. */
  static void assertClose(Tensor expected, Tensor actual, String what, double tolerance) {
    assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
    float[] w = expected.toFloatArray();
    float[] a = actual.toFloatArray();
    for (int i = 0; i < w.length; i++) {
      if (!(Math.abs(a[i] - w[i]) <= tolerance * (1 + Math.abs(w[i])))) {
        throw new AssertionError(what + ": element " + i + " expected " + w[i] + " but was " + a[i]);
      }
    }
  }

  /** Asserts a scalar loss equals the golden one within {@link #TOLERANCE}. */
  static void assertLoss(JsonObject golden, Tensor loss) {
    double want = golden.get("loss").getAsDouble();
    assertEquals(want, loss.item(), TOLERANCE * (1 + Math.abs(want)), "loss");
  }

  /** {@code f} applied to each sample of {@code xs} (along axis 0) on its own, stacked: the meaning of a batched call. */
  static Tensor perSample(Tensor xs, UnaryOperator<Tensor> f) {
    Tensor[] out = new Tensor[xs.dim(0)];
    for (int i = 0; i < out.length; i++) {
      out[i] = f.apply(xs.slice(0, i, i + 1).squeeze(0));
    }
    return Tensor.stack(0, out);
  }

  private static JsonObject load(String resource) {
    try (InputStream in = NnGolden.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
