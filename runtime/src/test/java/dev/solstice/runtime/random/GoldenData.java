package dev.solstice.runtime.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.solstice.runtime.DType;
import dev.solstice.runtime.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the JAX golden files next to these tests and compares tensors with them. */
final class GoldenData {
  private GoldenData() {}

  static JsonObject load(String resource) {
    try (InputStream in = GoldenData.class.getResourceAsStream(resource)) {
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
      out[i] = (int) array.get(i).getAsLong(); // uint32 values above 2^31 wrap to their int bits
    }
    return out;
  }

  static float[] floats(JsonArray array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).getAsDouble();
    }
    return out;
  }

  /** Asserts that {@code actual} is an int tensor equal to {@code expected} ({@code {shape, data}}). */
  static void assertIntsEqual(JsonObject expected, Tensor actual, String what) {
    assertEquals(DType.INT32, actual.dtype(), what + ": dtype");
    assertArrayEquals(ints(expected.getAsJsonArray("shape")), actual.shape(), what + ": shape");
    assertArrayEquals(ints(expected.getAsJsonArray("data")), actual.toIntArray(), what + ": data");
  }

  /** Asserts that {@code actual} is a bool tensor equal to {@code expected} (given as 0 and 1). */
  static void assertBoolsEqual(JsonObject expected, Tensor actual, String what) {
    assertEquals(DType.BOOL, actual.dtype(), what + ": dtype");
    assertArrayEquals(ints(expected.getAsJsonArray("shape")), actual.shape(), what + ": shape");
    assertArrayEquals(ints(expected.getAsJsonArray("data")), actual.toIntArray(), what + ": data");
  }

  /** Asserts that {@code actual} is a float tensor bit-for-bit equal to {@code expected}. */
  static void assertFloatsEqual(JsonObject expected, Tensor actual, String what) {
    assertEquals(DType.FLOAT32, actual.dtype(), what + ": dtype");
    assertArrayEquals(ints(expected.getAsJsonArray("shape")), actual.shape(), what + ": shape");
    float[] want = floats(expected.getAsJsonArray("data"));
    float[] got = actual.toFloatArray();
    assertEquals(want.length, got.length, what + ": size");
    for (int i = 0; i < want.length; i++) {
      if (Float.floatToIntBits(want[i]) != Float.floatToIntBits(got[i])) {
        throw new AssertionError(what + ": element " + i + " expected " + want[i] + " but was " + got[i]);
      }
    }
  }
}
