package dev.solstice.runtime.optim;

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

/** Reads the optax golden files in src/test/resources ({@code {"shape": [...], "data": [...]}} arrays). */
final class Golden {
  private Golden() {}

  static JsonObject load(String resource) {
    try (InputStream in = Golden.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + resource + " is missing");
      }
      return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A float32 tensor; JSON nulls stand for NaN. */
  static Tensor tensor(JsonObject array) {
    JsonArray shapeJson = array.getAsJsonArray("shape");
    int[] shape = new int[shapeJson.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = shapeJson.get(i).getAsInt();
    }
    return Tensor.of(floats(array.getAsJsonArray("data")), shape);
  }

  static float[] floats(JsonArray values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      JsonElement value = values.get(i);
      out[i] = value.isJsonNull() ? Float.NaN : (float) value.getAsDouble();
    }
    return out;
  }

  /** {@code {"w": ..., "b": ...}} as test params. */
  static Params params(JsonObject tree) {
    return new Params(tensor(tree.getAsJsonObject("w")), tensor(tree.getAsJsonObject("b")));
  }

  static List<Params> paramsList(JsonArray trees) {
    List<Params> out = new ArrayList<>();
    for (JsonElement tree : trees) {
      out.add(params(tree.getAsJsonObject()));
    }
    return out;
  }
}
