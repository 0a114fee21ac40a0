package dev.solstice.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reading golden JSON test resources ({@code {"shape": [...], "data": [...]}} arrays) and comparing tensors. */
final class Golden {
  private Golden() {}

  static JsonObject load(String resource) {
    try (InputStream in = Golden.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int[] ints(JsonArray array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).getAsInt();
    }
    return out;
  }

  static Tensor tensor(JsonElement element) {
    JsonObject o = element.getAsJsonObject();
    int[] shape = ints(o.getAsJsonArray("shape"));
    JsonArray data = o.getAsJsonArray("data");
    float[] values = new float[data.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = data.get(i).getAsFloat();
    }
    return Tensor.of(values, shape);
  }

  /** Asserts same logical shape and every element within {@code abs + rel * |expected|}. */
  static void assertClose(Tensor expected, Tensor actual, double rel, double abs, String what) {
    if (!Arrays.equals(expected.shape(), actual.shape())) {
      fail(what + ": shape " + Arrays.toString(actual.shape()) + ", expected " + Arrays.toString(expected.shape()));
    }
    float[] e = expected.toFloatArray();
    float[] a = actual.toFloatArray();
    for (int i = 0; i < e.length; i++) {
      if (!(Math.abs(e[i] - a[i]) <= abs + rel * Math.abs(e[i]))) {
        assertEquals(e[i], a[i], abs + rel * Math.abs(e[i]), what + ": element " + i);
      }
    }
  }
}
