package dev.solstice.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.runtime.DType;
import dev.solstice.runtime.Tensor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
  @TempDir Path dir;

  @Test
  void roundTripKeepsValuesShapesDtypesAndMetadata() throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("w", Tensor.of(new float[] {1.5f, -2f, Float.NaN, Float.NEGATIVE_INFINITY, -0f, Float.MIN_VALUE}, 2, 3));
    tensors.put("labels", Tensor.ofInts(new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}, 3));
    tensors.put("scalar", Tensor.scalar(0.25f));
    tensors.put("empty", Tensor.of(new float[0], 4, 0, 2));
    tensors.put("mask", Tensor.ofBools(new boolean[] {true, false, false, true}, 2, 2));
    Path file = dir.resolve("m.safetensors");
    SafeTensors.save(file, tensors, Map.of("epochs", "10", "lr", "0.01"));

    SafeTensorsFile loaded = SafeTensors.load(file);
    assertEquals(tensors.keySet(), loaded.tensors().keySet());
    for (String name : tensors.keySet()) {
      Tensor expected = tensors.get(name);
      Tensor actual = loaded.tensor(name);
      assertEquals(expected.dtype(), actual.dtype(), name);
      assertArrayEquals(expected.shape(), actual.shape(), name);
      if (expected.dtype() == DType.FLOAT32) {
        assertArrayEquals(bits(expected.toFloatArray()), bits(actual.toFloatArray()), name);
      } else {
        assertArrayEquals(expected.toIntArray(), actual.toIntArray(), name);
      }
    }
    assertEquals(Map.of("epochs", "10", "lr", "0.01"), loaded.metadata());
  }

  @Test
  void loadedTensorsFollowFileOrderFloat32FirstThenByName() throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("c", Tensor.ofInts(new int[] {1}, 1));
    tensors.put("b", Tensor.scalar(1));
    tensors.put("a", Tensor.ofInts(new int[] {2}, 1));
    tensors.put("d", Tensor.scalar(2));
    Path file = dir.resolve("order.safetensors");
    SafeTensors.save(file, tensors);
    assertEquals(List.of("b", "d", "a", "c"), List.copyOf(SafeTensors.load(file).tensors().keySet()));
  }

  @Test
  void tensorsLargerThanOneReadChunkRoundTrip() throws IOException {
    int n = 700_007;
    float[] values = new float[n];
    int[] ints = new int[n];
    for (int i = 0; i < n; i++) {
      values[i] = i * 0.5f - 7f;
      ints[i] = i * 31 - n;
    }
    Path file = dir.resolve("big.safetensors");
    SafeTensors.save(file, Map.of("f", Tensor.of(values, n), "i", Tensor.ofInts(ints, 7, n / 7)));
    SafeTensorsFile loaded = SafeTensors.load(file);
    assertArrayEquals(values, loaded.tensor("f").toFloatArray());
    assertArrayEquals(ints, loaded.tensor("i").toIntArray());
    assertEquals(8 + headerLength(file) + 8L * n, Files.size(file));
  }

  @Test
  void headerIsPaddedWithSpacesToAMultipleOfEight() throws IOException {
    Path file = dir.resolve("pad.safetensors");
    SafeTensors.save(file, Map.of("x", Tensor.scalar(1)));
    byte[] bytes = Files.readAllBytes(file);
    long n = headerLength(file);
    assertEquals(0, n % 8);
    String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
    assertEquals("{\"x\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}", header.stripTrailing());
    assertTrue(header.endsWith(" "), "padding is spaces: '" + header + "'");
  }

  @Test
  void emptyFileHasTheReferenceBytes() throws IOException {
    Path file = dir.resolve("empty.safetensors");
    SafeTensors.save(file, Map.of());
    // safetensors/src/tensor.rs test_empty: 8, then "{}" and six spaces.
    assertArrayEquals(new byte[] {8, 0, 0, 0, 0, 0, 0, 0, '{', '}', ' ', ' ', ' ', ' ', ' ', ' '}, Files.readAllBytes(file));
    assertTrue(SafeTensors.load(file).tensors().isEmpty());
  }

  @Test
  void saveReplacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
    Path file = dir.resolve("replace.safetensors");
    SafeTensors.save(file, Map.of("old", Tensor.scalar(1)));
    SafeTensors.save(file, Map.of("new", Tensor.of(new float[] {2, 3}, 2)));
    assertEquals(List.of("new"), List.copyOf(SafeTensors.load(file).tensors().keySet()));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void failedSaveKeepsTheOldFileAndLeavesNoTemporaryFiles() throws IOException {
    Path file = dir.resolve("keep.safetensors");
    SafeTensors.save(file, Map.of("old", Tensor.scalar(1)));
    Map<String, Tensor> bad = new LinkedHashMap<>();
    bad.put("fine", Tensor.scalar(1));
    bad.put(SafeTensorsHeader.METADATA_KEY, Tensor.scalar(2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.save(file, bad));
    assertTrue(e.getMessage().contains("__metadata__"), e.getMessage());
    assertEquals(List.of("old"), List.copyOf(SafeTensors.load(file).tensors().keySet()));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void namesThatUtf8CannotEncodeAreRejectedNotMangled() {
    Path file = dir.resolve("surrogate.safetensors");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SafeTensors.save(file, Map.of("bad\ud800", Tensor.scalar(1))));
    assertTrue(e.getMessage().contains("unpaired surrogate"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> SafeTensors.save(file, Map.of("x", Tensor.scalar(1)), Map.of("note", "\udc00")));
    assertTrue(Files.notExists(file));
  }

  @Test
  void savingIntoAMissingDirectoryFailsWithoutLeftovers() {
    Path file = dir.resolve("no/such/dir/x.safetensors");
    assertThrows(IOException.class, () -> SafeTensors.save(file, Map.of("x", Tensor.scalar(1))));
  }

  @Test
  void missingTensorNameIsReportedWithTheNamesPresent() throws IOException {
    Path file = dir.resolve("names.safetensors");
    SafeTensors.save(file, Map.of("alpha", Tensor.scalar(1)));
    var e = assertThrows(java.util.NoSuchElementException.class, () -> SafeTensors.load(file).tensor("beta"));
    assertTrue(e.getMessage().contains("beta") && e.getMessage().contains("alpha"), e.getMessage());
  }

  // ---- validation: every rule of the format, with what and where in the message ----

  @Test
  void fileShorterThanTheLengthPrefix() throws IOException {
    assertRejected(new byte[] {1, 2, 3}, "3 bytes", "8-byte header length");
  }

  @Test
  void headerLengthBeyondTheFormatLimitIsRejectedBeforeAllocating() throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L);
    assertRejected(bytes.array(), "header length 18446744073709551615", "limit");
    bytes.putLong(0, 100_000_001L);
    assertRejected(bytes.array(), "header length 100000001", "limit");
  }

  @Test
  void headerLengthBeyondTheFileIsRejectedBeforeAllocating() throws IOException {
    byte[] bytes = file("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 90_000_000L);
    assertRejected(bytes, "header length 90000000", "runs past the end of the file", bytes.length + " bytes");
  }

  @Test
  void headerMustStartWithABrace() throws IOException {
    assertRejected(file(" {}", 0), "must start with '{'", "0x20");
    assertRejected(file("[]", 0), "must start with '{'");
  }

  @Test
  void headerMustBeUtf8() throws IOException {
    byte[] bytes = file("{\"x\u00e9\":{}}", 0);
    bytes[8 + 4] = (byte) 0xff; // second byte of the two-byte é at file bytes 11-12
    assertRejected(bytes, "not valid UTF-8", "file byte 11");
  }

  @Test
  void headerMustBeJson() throws IOException {
    assertRejected(file("{\"x\":{\"dtype\":\"F32\",", 0), "not valid JSON");
    assertRejected(file("{'x':1}", 0), "not valid JSON");
    assertRejected(file("{} {}", 0), "not valid JSON");
    assertRejected(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}\u0000", 4), "not valid JSON");
  }

  @Test
  void deeplyNestedJsonIsRejectedNotAStackOverflow() throws IOException {
    String nested = "[".repeat(100_000) + "]".repeat(100_000);
    assertRejected(file("{\"x\":{\"dtype\":\"F32\",\"extra\":" + nested + "}}", 0), "not valid JSON");
  }

  @Test
  void duplicateKeysAreRejected() throws IOException {
    String entry = "{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}";
    assertRejected(file("{\"x\":" + entry + ",\"x\":" + entry + "}", 8), "'x' twice");
    assertRejected(file("{\"x\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}", 4),
        "tensor 'x'", "'dtype' twice");
    assertRejected(file("{\"__metadata__\":{\"a\":\"1\",\"a\":\"2\"}}", 0), "'a' twice");
  }

  @Test
  void fieldsAreTypeChecked() throws IOException {
    assertRejected(file("{\"x\":[]}", 0), "tensor 'x' must map to an object");
    assertRejected(file("{\"x\":{\"dtype\":32,\"shape\":[],\"data_offsets\":[0,4]}}", 4), "tensor 'x': dtype must be a string", "NUMBER");
    assertRejected(file("{\"x\":{\"dtype\":\"F33\",\"shape\":[],\"data_offsets\":[0,4]}}", 4), "unknown dtype 'F33'");
    assertRejected(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[\"1\"],\"data_offsets\":[0,4]}}", 4), "shape must hold non-negative integers", "STRING");
    assertRejected(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4), "non-negative integers, found -1");
    assertRejected(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[1.0],\"data_offsets\":[0,4]}}", 4), "found 1.0");
    assertRejected(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[1e0],\"data_offsets\":[0,4]}}", 4), "found 1e0");
    assertRejected(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[99999999999999999999],\"data_offsets\":[0,4]}}", 4), "larger than 2^63-1");
    assertRejected(file("{\"x\":{\"dtype\":\"F32\",\"shape\":7,\"data_offsets\":[0,4]}}", 4), "shape must be an array");
    assertRejected(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4,8]}}", 4), "must be [begin, end], found 3");
    assertRejected(file("{\"x\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4), "tensor 'x' lacks shape");
    assertRejected(file("{\"__metadata__\":{\"a\":1}}", 0), "__metadata__ value for 'a' must be a string", "NUMBER");
    assertRejected(file("{\"__metadata__\":[]}", 0), "__metadata__ must be an object");
  }

  @Test
  void unknownTensorFieldsAreIgnoredLikeTheReference() throws IOException {
    Path file = write(file("{\"x\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[0,4],\"extra\":{\"a\":[1]}}}", 4));
    assertArrayEquals(new int[] {0}, SafeTensors.load(file).tensor("x").toIntArray());
  }

  @Test
  void offsetsMustTileTheBufferExactly() throws IOException {
    assertRejected(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8),
        "tensor 'x'", "must begin at offset 0");
    assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", 12), "tensor 'b'", "hole", "[4, 8)");
    assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "tensor 'b'", "overlaps", "'a' ends at offset 8");
    assertRejected(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 6),
        "has 6 bytes but the tensors cover 4", "trailing");
    assertRejected(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", 4), "end offset is before");
  }

  @Test
  void truncatedDataNamesTheTensorAndTheFileSize() throws IOException {
    byte[] bytes = file("{\"x\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 16);
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);
    assertRejected(truncated, "tensor 'x'", "truncated", truncated.length + " bytes");
  }

  @Test
  void rangesMustMatchDtypeTimesShape() throws IOException {
    assertRejected(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8),
        "tensor 'x'", "shape [3] of F32 needs 12 bytes but the offsets span 8");
  }

  @Test
  void sizeOverflowIsAFormatError() throws IOException {
    assertRejected(file("{\"x\":{\"dtype\":\"F64\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,0]}}", 0),
        "tensor 'x'", "overflows 64 bits");
    assertRejected(file("{\"x\":{\"dtype\":\"F64\",\"shape\":[9223372036854775807],\"data_offsets\":[0,0]}}", 0),
        "overflows 64 bits");
  }

  @Test
  void subByteDtypesMustFillWholeBytes() throws IOException {
    assertRejected(file("{\"x\":{\"dtype\":\"F4\",\"shape\":[3],\"data_offsets\":[0,1]}}", 1), "do not fill whole bytes");
  }

  @Test
  void boolBytesOtherThanZeroAndOneAreCorruption() throws IOException {
    byte[] bytes = file("{\"m\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[0,3]}}", 3);
    bytes[bytes.length - 2] = 2;
    assertRejected(bytes, "tensor 'm' element 1", "file byte " + (bytes.length - 2), "is 2, outside the bool (0 or 1) range");
  }

  @Test
  void validButUnsupportedDtypeIsNamed() throws IOException {
    assertRejected(file("{\"x\":{\"dtype\":\"C64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8),
        "tensor 'x' has dtype C64", "does not load");
  }

  @Test
  void emptyTensorsWithHugeDimensionsAreValidButMustFitAnInt() throws IOException {
    Path ok = write(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[0,2147483647],\"data_offsets\":[0,0]}}", 0));
    assertArrayEquals(new int[] {0, Integer.MAX_VALUE}, SafeTensors.load(ok).tensor("x").shape());
    assertRejected(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[0,2147483648],\"data_offsets\":[0,0]}}", 0),
        "dimension 2147483648 exceeds 2^31-1");
  }

  @Test
  void aTensorBeyondTheJavaArrayLimitIsRejectedBeforeReadingIt() throws IOException {
    long elements = 1L << 31;
    String json = "{\"huge\":{\"dtype\":\"U8\",\"shape\":[2,1073741824],\"data_offsets\":[0," + elements + "]}}";
    byte[] head = file(json, 0);
    Path file = write(head);
    try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
      sparse.setLength(head.length + elements); // a hole: no disk space, no bytes written
    }
    SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.load(file));
    assertTrue(e.getMessage().contains("tensor 'huge' has 2147483648 elements"), e.getMessage());
    assertTrue(e.getMessage().contains("Java array"), e.getMessage());
  }

  @Test
  void halfToFloatIsExactOnEveryHalfValue() {
    for (int bits = 0; bits < 1 << 16; bits++) {
      float value = SafeTensorsReader.halfToFloat((short) bits);
      int exponent = (bits >>> 10) & 0x1f;
      int mantissa = bits & 0x3ff;
      double magnitude = exponent == 0x1f ? (mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN)
          : exponent == 0 ? mantissa * Math.pow(2, -24)
          : (1 + mantissa / 1024.0) * Math.pow(2, exponent - 15);
      double expected = (bits & 0x8000) != 0 ? -magnitude : magnitude;
      if (Double.isNaN(expected)) {
        assertTrue(Float.isNaN(value), "bits " + bits);
      } else {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(value), "bits " + bits);
      }
    }
  }

  // ---- helpers ----

  /** A file with the given header (padded to 8 bytes) and {@code dataBytes} zero bytes of data. */
  static byte[] file(String header, int dataBytes) {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    ByteBuffer bytes = ByteBuffer.allocate(8 + padded + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putLong(padded).put(json);
    for (int i = json.length; i < padded; i++) {
      bytes.put((byte) ' ');
    }
    return bytes.array();
  }

  private Path write(byte[] bytes) throws IOException {
    Path file = Files.createTempFile(dir, "case", ".safetensors");
    Files.write(file, bytes);
    return file;
  }

  private void assertRejected(byte[] bytes, String... fragments) throws IOException {
    Path file = write(bytes);
    SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.load(file));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }
  }

  private static long headerLength(Path file) throws IOException {
    byte[] prefix = new byte[8];
    System.arraycopy(Files.readAllBytes(file), 0, prefix, 0, 8);
    return ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  private static int[] bits(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Float.floatToRawIntBits(values[i]);
    }
    return bits;
  }
}
