package dev.solstice.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.solstice.runtime.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupts valid files at random, 12,000 times: loading must either succeed or throw {@link
 * SafeTensorsFormatException} — never another exception, never an out-of-memory error, never a
 * hang — and must not allocate much more than the file's own size, whatever the header claims.
 */
class SafeTensorsFuzzTest {
  private static final int CASES = 12_000;
  private static final long SEED = 20240607L;
  /**
   * Allowed allocation per load: a fixed allowance (class loading on first use of an error path,
   * messages, small buffers) plus a multiple of the file size. A header trusted without checks
   * would allocate up to gigabytes here.
   */
  private static final long FIXED_ALLOWANCE = 4 << 20;
  private static final long PER_FILE_BYTE = 12;

  @TempDir Path dir;

  @Test
  @Timeout(120)
  void corruptFilesFailOnlyWithTheDocumentedException() throws IOException {
    List<byte[]> seeds = seeds();
    Random random = new Random(SEED);
    Path file = dir.resolve("fuzz.safetensors");
    for (byte[] seed : seeds) {
      Files.write(file, seed);
      SafeTensors.load(file); // warm-up: load the classes of the normal path before measuring
    }
    AllocationMeter meter = AllocationMeter.create();
    int accepted = 0;
    int rejected = 0;
    long worstAllocation = 0;
    for (int i = 0; i < CASES; i++) {
      byte[] original = seeds.get(random.nextInt(seeds.size()));
      byte[] mutated = mutate(original, random);
      overwrite(file, mutated);
      long before = meter.allocated();
      try {
        SafeTensorsFile loaded = SafeTensors.load(file);
        for (Tensor tensor : loaded.tensors().values()) {
          assertEquals(Arrays.stream(tensor.shape()).asLongStream().reduce(1, (a, b) -> a * b), tensor.size());
        }
        accepted++;
      } catch (SafeTensorsFormatException expected) {
        assertTrue(expected.getMessage().startsWith(file.toString() + ": "), expected.getMessage());
        rejected++;
      } catch (Throwable unexpected) {
        fail("case " + i + " (seed " + SEED + "): " + unexpected + " for bytes " + HexFormat.of().formatHex(mutated),
            unexpected);
      }
      long allocated = meter.allocated() - before;
      worstAllocation = Math.max(worstAllocation, allocated - PER_FILE_BYTE * mutated.length);
      if (meter.works() && allocated > FIXED_ALLOWANCE + PER_FILE_BYTE * mutated.length) {
        fail("case " + i + ": loading a " + mutated.length + "-byte file allocated " + allocated + " bytes");
      }
    }
    assertEquals(CASES, accepted + rejected);
    assertTrue(rejected > CASES / 2, "most mutations should be caught, only " + rejected + " were");
    assertTrue(accepted > 0, "some mutations (e.g. in tensor data) leave a valid file");
    System.out.printf("fuzz: %d cases, %d rejected, %d loaded, worst allocation beyond %dx file size: %d bytes%n",
        CASES, rejected, accepted, PER_FILE_BYTE, worstAllocation);
  }

  /**
   * Replaces the contents of {@code file} by writing over it and cutting it to length: much faster
   * than {@link Files#write} on file systems that flush when a file is truncated to zero.
   */
  static void overwrite(Path file, byte[] bytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(bytes), 0);
      channel.truncate(bytes.length);
    }
  }

  private static byte[] mutate(byte[] original, Random random) {
    byte[] bytes = original.clone();
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      bytes = switch (random.nextInt(9)) {
        case 0 -> flipBit(bytes, random);
        case 1 -> setByte(bytes, random, (byte) random.nextInt(256));
        case 2 -> setByte(bytes, random, (byte) "{}[]\",:0123456789 -.eE\\".charAt(random.nextInt(23)));
        case 3 -> Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
        case 4 -> insert(bytes, random);
        case 5 -> delete(bytes, random);
        case 6 -> changeDigit(bytes, random);
        case 7 -> setLengthPrefix(bytes, random);
        default -> append(bytes, random);
      };
    }
    return bytes;
  }

  private static byte[] flipBit(byte[] bytes, Random random) {
    if (bytes.length > 0) {
      bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
    }
    return bytes;
  }

  private static byte[] setByte(byte[] bytes, Random random, byte value) {
    if (bytes.length > 0) {
      bytes[random.nextInt(bytes.length)] = value;
    }
    return bytes;
  }

  private static byte[] insert(byte[] bytes, Random random) {
    int at = random.nextInt(bytes.length + 1);
    byte[] extra = new byte[1 + random.nextInt(8)];
    random.nextBytes(extra);
    byte[] out = new byte[bytes.length + extra.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(extra, 0, out, at, extra.length);
    System.arraycopy(bytes, at, out, at + extra.length, bytes.length - at);
    return out;
  }

  private static byte[] delete(byte[] bytes, Random random) {
    if (bytes.length == 0) {
      return bytes;
    }
    int at = random.nextInt(bytes.length);
    int count = Math.min(bytes.length - at, 1 + random.nextInt(8));
    byte[] out = new byte[bytes.length - count];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(bytes, at + count, out, at, bytes.length - at - count);
    return out;
  }

  /** Replaces one digit of the header by another: shapes and offsets stay numbers but stop adding up. */
  private static byte[] changeDigit(byte[] bytes, Random random) {
    List<Integer> digits = new ArrayList<>();
    for (int i = 8; i < bytes.length; i++) {
      if (bytes[i] >= '0' && bytes[i] <= '9') {
        digits.add(i);
      }
    }
    if (!digits.isEmpty()) {
      bytes[digits.get(random.nextInt(digits.size()))] = (byte) ('0' + random.nextInt(10));
    }
    return bytes;
  }

  private static byte[] setLengthPrefix(byte[] bytes, Random random) {
    if (bytes.length >= 8) {
      ByteBuffer prefix = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      long value = switch (random.nextInt(3)) {
        case 0 -> random.nextLong();
        case 1 -> prefix.getLong(0) + random.nextInt(17) - 8;
        default -> random.nextInt(200_000_000);
      };
      prefix.putLong(0, value);
    }
    return bytes;
  }

  private static byte[] append(byte[] bytes, Random random) {
    byte[] out = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(16));
    return out;
  }

  /** Valid files: the Python fixtures and a few written here. */
  private List<byte[]> seeds() throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    for (String name : List.of("f32", "i32", "f16", "bf16", "f64", "i64", "small_ints", "python_written")) {
      try (InputStream in = getClass().getResourceAsStream("/io/safetensors/" + name + ".safetensors")) {
        seeds.add(in.readAllBytes());
      }
    }
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("l1.weight", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2));
    tensors.put("l1.bias", Tensor.of(new float[] {0.5f, -0.5f, 0}, 3));
    tensors.put("opt.count", Tensor.ofInts(new int[] {12}));
    tensors.put("empty", Tensor.of(new float[0], 0, 5));
    Path written = dir.resolve("seed.safetensors");
    SafeTensors.save(written, tensors, Map.of("hidden", "3", "activation", "tanh"));
    seeds.add(Files.readAllBytes(written));
    SafeTensors.save(written, Map.of());
    seeds.add(Files.readAllBytes(written));
    return seeds;
  }

  /** Bytes allocated by this thread, where the JVM can tell (HotSpot). */
  private record AllocationMeter(com.sun.management.ThreadMXBean bean) {
    static AllocationMeter create() {
      return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
          && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled()
          ? new AllocationMeter(bean)
          : new AllocationMeter(null);
    }

    boolean works() {
      return bean != null;
    }

    long allocated() {
      return bean == null ? 0 : bean.getCurrentThreadAllocatedBytes();
    }
  }
}
