package dev.solstice.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.solstice.runtime.DType;
import dev.solstice.runtime.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
  private static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  @TempDir Path dir;

  @Test
  void ubyteImagesBecomeFloat32AndLabelsInt32PlainOrGzip() throws IOException {
    byte[] pixels = new byte[3 * 2 * 4];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 11);
    }
    float[] expected = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      expected[i] = (i * 11) & 0xff;
    }
    byte[] images = idx(0x08, new int[] {3, 2, 4}, pixels);
    byte[] labels = idx(0x08, new int[] {5}, new byte[] {9, 0, (byte) 255, 3, 1});
    for (boolean gzip : new boolean[] {false, true}) {
      Tensor x = Idx.read(write(gzip ? gzip(images) : images));
      assertEquals(DType.FLOAT32, x.dtype());
      assertArrayEquals(new int[] {3, 2, 4}, x.shape());
      assertArrayEquals(expected, x.toFloatArray());
      Tensor y = Idx.read(write(gzip ? gzip(labels) : labels));
      assertEquals(DType.INT32, y.dtype());
      assertArrayEquals(new int[] {9, 0, 255, 3, 1}, y.toIntArray());
    }
  }

  @Test
  void everyElementTypeIsBigEndian() throws IOException {
    ByteBuffer data = ByteBuffer.allocate(64);
    assertArrayEquals(new float[] {-2, 127}, read(0x09, new int[] {1, 2}, new byte[] {-2, 127}).toFloatArray());
    data.clear().putShort((short) -300).putShort((short) 2);
    assertArrayEquals(new float[] {-300, 2}, read(0x0B, new int[] {2, 1}, bytes(data)).toFloatArray());
    data.clear().putInt(-70000).putInt(5);
    assertArrayEquals(new int[] {-70000, 5}, read(0x0C, new int[] {2}, bytes(data)).toIntArray());
    data.clear().putFloat(1.5f).putFloat(-0.25f);
    assertArrayEquals(new float[] {1.5f, -0.25f}, read(0x0D, new int[] {2}, bytes(data)).toFloatArray());
    data.clear().putDouble(0.1).putDouble(-3);
    Tensor doubles = read(0x0E, new int[] {1, 2}, bytes(data));
    assertEquals(DType.FLOAT32, doubles.dtype());
    assertArrayEquals(new float[] {0.1f, -3f}, doubles.toFloatArray());
  }

  @Test
  void largeFilesAreReadInChunksAndMatch() throws IOException {
    int n = 3_000_001;
    byte[] data = new byte[n];
    new Random(1).nextBytes(data);
    Tensor plain = Idx.read(write(idx(0x08, new int[] {n}, data)));
    Tensor zipped = Idx.read(write(gzip(idx(0x08, new int[] {n}, data))));
    int[] expected = new int[n];
    for (int i = 0; i < n; i++) {
      expected[i] = data[i] & 0xff;
    }
    assertArrayEquals(expected, plain.toIntArray());
    assertArrayEquals(expected, zipped.toIntArray());
  }

  @Test
  void readsFromAStream() throws IOException {
    Tensor y = Idx.read(new ByteArrayInputStream(gzip(idx(0x08, new int[] {2}, new byte[] {4, 2}))), "labels");
    assertArrayEquals(new int[] {4, 2}, y.toIntArray());
  }

  @Test
  void errorsNameTheProblemAndTheByte() throws IOException {
    assertRejected(new byte[] {0, 0, 8}, "ends after 3 bytes");
    assertRejected(new byte[] {1, 0, 8, 1, 0, 0, 0, 0}, "at byte 0", "01 00 08 01", "not an IDX file");
    assertRejected(new byte[] {0, 0, 7, 1, 0, 0, 0, 0}, "at byte 2", "unknown element type code 0x07");
    assertRejected(new byte[] {0, 0, 8, 0}, "at byte 3", "rank 0");
    assertRejected(new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0, 0}, "at byte 10", "inside the dimensions");
    assertRejected(new byte[] {0, 0, 8, 1, (byte) 0x80, 0, 0, 0}, "at byte 4", "2147483648");
    assertRejected(idx(0x08, new int[] {65536, 65536}, new byte[0]), "more elements than a Solstice tensor");
    assertRejected(idx(0x08, new int[] {2, 3}, new byte[5]),
        "shape [2, 3] of UBYTE", "needs 6 data bytes", "should have 18 bytes, but it has 17");
    assertRejected(idx(0x08, new int[] {2, 3}, new byte[7]), "should have 18 bytes, but it has 19");
    byte[] big = new byte[8];
    ByteBuffer.wrap(big).putDouble(1e300);
    assertRejected(idx(0x0E, new int[] {1}, big), "element 0 is 1.0E300, outside the float32 range");
  }

  @Test
  void gzipErrorsAreFormatErrorsToo() throws IOException {
    byte[] zipped = gzip(idx(0x08, new int[] {2, 3}, new byte[6]));
    assertRejected(gzip(idx(0x08, new int[] {2, 3}, new byte[5])), "gzip", "at byte 17", "1 bytes before");
    assertRejected(gzip(idx(0x08, new int[] {2, 3}, new byte[8])), "gzip", "at byte 18", "bytes after");
    assertRejected(Arrays.copyOf(zipped, zipped.length - 12), "gzip");
    assertRejected(new byte[] {0x1f, (byte) 0x8b, 1, 2, 3}, "corrupt gzip header");
  }

  @Test
  @Timeout(60)
  void corruptFilesFailOnlyWithTheDocumentedException() throws IOException {
    byte[] pixels = new byte[4 * 5 * 5];
    new Random(2).nextBytes(pixels);
    byte[][] seeds = {idx(0x08, new int[] {4, 5, 5}, pixels), gzip(idx(0x08, new int[] {4, 5, 5}, pixels)),
        idx(0x08, new int[] {7}, new byte[7]), gzip(idx(0x0D, new int[] {2, 2}, new byte[16]))};
    Random random = new Random(3);
    Path file = dir.resolve("fuzz.idx");
    for (int i = 0; i < 3000; i++) {
      byte[] bytes = seeds[random.nextInt(seeds.length)].clone();
      switch (random.nextInt(3)) {
        case 0 -> bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        case 1 -> bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        default -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
      }
      SafeTensorsFuzzTest.overwrite(file, bytes);
      try {
        Idx.read(file);
      } catch (IdxFormatException expected) {
        assertTrue(expected.getMessage().startsWith(file.toString()), expected.getMessage());
      } catch (Throwable unexpected) {
        fail("case " + i + ": " + unexpected + " for " + HexFormat.of().formatHex(bytes), unexpected);
      }
    }
  }

  @Test
  void fashionMnistHasItsPublishedShapes() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(FASHION_MNIST),
        "Fashion-MNIST is not installed at " + FASHION_MNIST + "; skipping the real-data test");
    long start = System.nanoTime();
    Tensor trainImages = Idx.read(FASHION_MNIST.resolve("train-images-idx3-ubyte.gz"));
    Tensor trainLabels = Idx.read(FASHION_MNIST.resolve("train-labels-idx1-ubyte.gz"));
    Tensor testImages = Idx.read(FASHION_MNIST.resolve("t10k-images-idx3-ubyte.gz"));
    Tensor testLabels = Idx.read(FASHION_MNIST.resolve("t10k-labels-idx1-ubyte.gz"));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertArrayEquals(new int[] {60000, 28, 28}, trainImages.shape());
    assertArrayEquals(new int[] {60000}, trainLabels.shape());
    assertArrayEquals(new int[] {10000, 28, 28}, testImages.shape());
    assertArrayEquals(new int[] {10000}, testLabels.shape());
    int[] counts = new int[10];
    for (int label : trainLabels.toIntArray()) {
      counts[label]++; // throws for a label outside 0..9
    }
    assertArrayEquals(new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000}, counts);
    float max = 0;
    for (float pixel : testImages.toFloatArray()) {
      assertTrue(pixel >= 0 && pixel <= 255);
      max = Math.max(max, pixel);
    }
    assertEquals(255f, max);
    System.out.println("Fashion-MNIST (4 gzip IDX files) read in " + millis + " ms");
  }

  static byte[] idx(int type, int[] dims, byte[] data) {
    ByteBuffer out = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    out.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
    for (int dim : dims) {
      out.putInt(dim);
    }
    return out.put(data).array();
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    }
    return out.toByteArray();
  }

  private Tensor read(int type, int[] dims, byte[] data) throws IOException {
    return Idx.read(write(idx(type, dims, data)));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  private Path write(byte[] bytes) throws IOException {
    Path file = Files.createTempFile(dir, "data", ".idx");
    Files.write(file, bytes);
    return file;
  }

  private void assertRejected(byte[] bytes, String... fragments) throws IOException {
    Path file = write(bytes);
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.read(file));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }
  }
}
