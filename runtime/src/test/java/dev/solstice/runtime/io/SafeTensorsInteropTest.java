package dev.solstice.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.runtime.DType;
import dev.solstice.runtime.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by Python's reference library (safetensors 0.8.0, see make_fixtures.py next to
 * them) load with the right values, and a Java-written file is byte-identical to the file Python
 * writes for the same tensors, so Java checkpoints open in Python.
 */
class SafeTensorsInteropTest {
  @TempDir Path dir;

  @Test
  void float32WithMetadataScalarAndEmptyTensor() throws IOException {
    SafeTensorsFile file = load("f32");
    // The reference writer sorts by name within a dtype; loading keeps the file's order.
    assertEquals(List.of("empty", "scalar", "weight"), List.copyOf(file.tensors().keySet()));
    Tensor weight = file.tensor("weight");
    assertEquals(DType.FLOAT32, weight.dtype());
    assertArrayEquals(new int[] {2, 3}, weight.shape());
    assertArrayEquals(new float[] {-0.5f, -0.25f, 0f, 0.25f, 0.5f, 0.75f}, weight.toFloatArray());
    assertArrayEquals(new int[0], file.tensor("scalar").shape());
    assertEquals(3.5f, file.tensor("scalar").item());
    assertArrayEquals(new int[] {0, 4}, file.tensor("empty").shape());
    assertEquals(Map.of("format", "np", "note", "\u00e9t\u00e9 \"quoted\""), file.metadata());
  }

  @Test
  void int32() throws IOException {
    SafeTensorsFile file = load("i32");
    Tensor labels = file.tensor("labels");
    assertEquals(DType.INT32, labels.dtype());
    assertArrayEquals(new int[] {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}, labels.toIntArray());
    assertArrayEquals(new int[] {3, 4}, file.tensor("grid").shape());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, file.tensor("grid").toIntArray());
  }

  @Test
  void float64Float16AndBfloat16ConvertExactlyAsNumpyDoes() throws IOException {
    for (String name : List.of("f64", "f16", "bf16")) {
      SafeTensorsFile file = load(name);
      Tensor values = file.tensor("values");
      Tensor expected = file.tensor("expected"); // numpy's astype(float32), stored as F32
      assertEquals(DType.FLOAT32, values.dtype(), name);
      assertArrayEquals(expected.shape(), values.shape(), name);
      assertArrayEquals(bits(expected.toFloatArray()), bits(values.toFloatArray()), name);
    }
  }

  @Test
  void float64OutOfFloat32RangeNamesTensorElementAndByte() throws IOException {
    SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> load("f64_overflow"));
    assertTrue(e.getMessage().contains("tensor 'values' element 1"), e.getMessage());
    assertTrue(e.getMessage().contains("1.0E300") && e.getMessage().contains("float32 range"), e.getMessage());
    assertTrue(e.getMessage().matches("(?s).*file byte \\d+.*"), e.getMessage());
  }

  @Test
  void int64AndSmallIntegersLoadAsInt32() throws IOException {
    Tensor i64 = load("i64").tensor("values");
    assertEquals(DType.INT32, i64.dtype());
    assertArrayEquals(new int[] {2, 2}, i64.shape());
    assertArrayEquals(new int[] {0, -5, Integer.MAX_VALUE, Integer.MIN_VALUE}, i64.toIntArray());
    SafeTensorsFile small = load("small_ints");
    assertArrayEquals(new int[] {0, 7, 255}, small.tensor("u8").toIntArray());
    assertArrayEquals(new int[] {-128, 0, 127}, small.tensor("i8").toIntArray());
    assertArrayEquals(new int[] {-32768, 1, 32767}, small.tensor("i16").toIntArray());
    assertArrayEquals(new int[] {0, 65535}, small.tensor("u16").toIntArray());
    assertArrayEquals(new int[] {0, Integer.MAX_VALUE}, small.tensor("u32").toIntArray());
    assertArrayEquals(new int[] {3, Integer.MAX_VALUE}, small.tensor("u64").toIntArray());
  }

  @Test
  void int64OutOfInt32RangeIsAnErrorNotAWrap() {
    SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> load("i64_overflow"));
    assertTrue(e.getMessage().contains("tensor 'values' element 1") && e.getMessage().contains("1099511627776"),
        e.getMessage());
  }

  @Test
  void boolLoadsAsBool() throws IOException {
    Tensor mask = load("bool").tensor("mask");
    assertEquals(DType.BOOL, mask.dtype());
    assertArrayEquals(new int[] {1, 0}, mask.toIntArray());
  }

  @Test
  void javaWritesTheSameBytesAsPython() throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("b.weight", Tensor.of(new float[] {0f, 0.125f, 0.25f, 0.375f, 0.5f, 0.625f}, 3, 2));
    tensors.put("a.bias", Tensor.of(new float[] {-1f, 0.5f, 2f}, 3));
    tensors.put("labels", Tensor.ofInts(new int[] {3, 1, 4, 1, 5}, 5));
    tensors.put("z", Tensor.scalar(2.5f));
    tensors.put("empty", Tensor.of(new float[0], 0, 3));
    tensors.put("\u00fcn\u00ef", Tensor.of(new float[] {1f, -1f}, 2));
    tensors.put("we\"ird\\name\n\u0001", Tensor.ofInts(new int[] {7}, 1));
    tensors.put("mask", Tensor.ofBools(new boolean[] {true, false, true}, 1, 3));
    Path file = dir.resolve("java_written.safetensors");
    SafeTensors.save(file, tensors, Map.of("epochs", "3"));

    byte[] python = resource("python_written");
    byte[] java = Files.readAllBytes(file);
    assertEquals(HexFormat.of().formatHex(python), HexFormat.of().formatHex(java));
  }

  private static SafeTensorsFile load(String name) throws IOException {
    Path copy = Files.createTempFile("fixture-" + name, ".safetensors");
    try {
      Files.write(copy, resource(name));
      return SafeTensors.load(copy);
    } finally {
      Files.delete(copy);
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = SafeTensorsInteropTest.class.getResourceAsStream("/io/safetensors/" + name + ".safetensors")) {
      if (in == null) {
        throw new IOException("missing test resource /io/safetensors/" + name + ".safetensors");
      }
      return in.readAllBytes();
    }
  }

  private static int[] bits(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Float.floatToRawIntBits(values[i]);
    }
    return bits;
  }
}
