package dev.solstice.runtime.io;

import com.google.gson.stream.JsonWriter;
import dev.solstice.runtime.DType;
import dev.solstice.runtime.Tensor;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes float32, int32 and bool tensors (as {@code F32}, {@code I32}, {@code BOOL}) in a
 * safetensors file laid out exactly as the reference implementation lays it out, so the same
 * tensors give the same bytes as Python's {@code safetensors.numpy.save_file}: tensors sorted by
 * dtype (F32, then I32, then BOOL) and then by the UTF-8 bytes of their names, compact JSON, header
 * padded with spaces to a multiple of 8 bytes. Metadata keys are sorted too, so a file's bytes never
 * depend on a map's iteration order. (The one difference: Gson escapes U+2028 and U+2029 in
 * strings, serde_json does not; both are the same JSON.)
 *
 * <p>The file is written to a temporary file in the target's directory, forced to disk and then
 * renamed over the target atomically: readers see the old file or the new one, never a torn one.
 */
final class SafeTensorsWriter {
  private static final int CHUNK_BYTES = 1 << 20;

  private record Named(String name, byte[] utf8, Tensor tensor, SafeTensorsDType dtype) {}

  private SafeTensorsWriter() {}

  static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
    List<Named> ordered = order(tensors);
    byte[] header = header(ordered, metadata);
    Path target = file.toAbsolutePath();
    Path temp = target.resolveSibling(
        "." + target.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer prefix = ByteBuffer.allocate(SafeTensorsHeader.LENGTH_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        prefix.putLong(header.length).flip();
        writeFully(channel, prefix);
        writeFully(channel, ByteBuffer.wrap(header));
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (Named named : ordered) {
          writeData(channel, named, chunk);
        }
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Checks names and dtypes and sorts as the reference writer does. */
  private static List<Named> order(Map<String, Tensor> tensors) {
    List<Named> ordered = new ArrayList<>(tensors.size());
    for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
      String name = Objects.requireNonNull(entry.getKey(), "tensor name is null");
      Tensor tensor = Objects.requireNonNull(entry.getValue(), () -> "tensor '" + name + "' is null");
      requireUtf8(name, "tensor name");
      if (name.equals(SafeTensorsHeader.METADATA_KEY)) {
        throw new IllegalArgumentException("a tensor cannot be named " + SafeTensorsHeader.METADATA_KEY
            + ": the format reserves that header key for metadata");
      }
      SafeTensorsDType dtype = switch (tensor.dtype()) {
        case FLOAT32 -> SafeTensorsDType.F32;
        case INT32 -> SafeTensorsDType.I32;
        case BOOL -> SafeTensorsDType.BOOL;
      };
      ordered.add(new Named(name, name.getBytes(StandardCharsets.UTF_8), tensor, dtype));
    }
    ordered.sort(Comparator.comparing(Named::dtype, Comparator.reverseOrder())
        .thenComparing(Named::utf8, Arrays::compareUnsigned));
    return ordered;
  }

  private static byte[] header(List<Named> ordered, Map<String, String> metadata) {
    StringWriter text = new StringWriter();
    try (JsonWriter json = new JsonWriter(text)) {
      json.beginObject();
      if (!metadata.isEmpty()) {
        json.name(SafeTensorsHeader.METADATA_KEY).beginObject();
        List<String> keys = new ArrayList<>(metadata.keySet());
        keys.sort(Comparator.comparing(key -> Objects.requireNonNull(key, "metadata key is null")
            .getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
        for (String key : keys) {
          String value = Objects.requireNonNull(metadata.get(key), () -> "metadata value of '" + key + "' is null");
          json.name(requireUtf8(key, "metadata key")).value(requireUtf8(value, "metadata value"));
        }
        json.endObject();
      }
      long offset = 0;
      for (Named named : ordered) {
        long bytes = (long) named.tensor().size() * named.dtype().bytes();
        json.name(named.name()).beginObject();
        json.name("dtype").value(named.dtype().name());
        json.name("shape").beginArray();
        for (int dim : named.tensor().shape()) {
          json.value(dim);
        }
        json.endArray();
        json.name("data_offsets").beginArray().value(offset).value(offset + bytes).endArray();
        json.endObject();
        offset += bytes;
      }
      json.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to a string cannot fail", e);
    }
    byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
    int padded = (utf8.length + 7) / 8 * 8;
    if (padded > SafeTensorsHeader.MAX_HEADER_BYTES) {
      throw new IllegalArgumentException("the header would take " + padded + " bytes, more than the format's "
          + SafeTensorsHeader.MAX_HEADER_BYTES + "-byte limit: too many tensors or too long names or metadata");
    }
    byte[] header = Arrays.copyOf(utf8, padded);
    Arrays.fill(header, utf8.length, padded, (byte) ' ');
    return header;
  }

  /** Rejects text with unpaired surrogates, which UTF-8 cannot encode and would silently turn into '?'. */
  private static String requireUtf8(String text, String what) {
    if (!StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
      throw new IllegalArgumentException(what + " '" + text + "' has an unpaired surrogate character and cannot be"
          + " written as UTF-8");
    }
    return text;
  }

  private static void writeData(FileChannel channel, Named named, ByteBuffer chunk) throws IOException {
    Tensor tensor = named.tensor();
    float[] floats = tensor.dtype() == DType.FLOAT32 ? tensor.toFloatArray() : null;
    int[] ints = floats == null ? tensor.toIntArray() : null;
    int count = floats != null ? floats.length : ints.length;
    if (count != tensor.size()) {
      throw new IllegalStateException("tensor '" + named.name() + "' of shape " + Arrays.toString(tensor.shape())
          + " gave " + count + " elements instead of " + tensor.size());
    }
    int elementBytes = named.dtype().bytes();
    for (int done = 0; done < count; ) {
      int n = Math.min(count - done, CHUNK_BYTES / elementBytes);
      chunk.clear();
      switch (named.dtype()) {
        case F32 -> chunk.asFloatBuffer().put(floats, done, n);
        case I32 -> chunk.asIntBuffer().put(ints, done, n);
        case BOOL -> {
          for (int i = 0; i < n; i++) {
            chunk.put(i, (byte) (ints[done + i] != 0 ? 1 : 0));
          }
        }
        default -> throw new AssertionError("not a written type: " + named.dtype());
      }
      chunk.limit(n * elementBytes);
      writeFully(channel, chunk);
      done += n;
    }
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }
}
