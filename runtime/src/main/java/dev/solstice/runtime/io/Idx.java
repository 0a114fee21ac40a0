package dev.solstice.runtime.io;

import dev.solstice.runtime.Tensor;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed (recognised by
 * their first bytes, not their names).
 *
 * <p>An IDX file is two zero bytes, an element-type code, the rank, one big-endian int32 per
 * dimension, then the elements in row-major order, big-endian. A rank-1 file of integers (a label
 * file) becomes an int32 tensor {@code [n]}; everything else becomes float32, e.g. images as
 * {@code [n, rows, cols]} with the raw pixel values 0..255 (scale them yourself).
 */
public final class Idx {
  private static final int CHUNK_BYTES = 1 << 16;
  private static final int INITIAL_ELEMENTS = 1 << 16;

  /** IDX element types: code, size in bytes. */
  private enum ElementType {
    UBYTE(0x08, 1), BYTE(0x09, 1), SHORT(0x0B, 2), INT(0x0C, 4), FLOAT(0x0D, 4), DOUBLE(0x0E, 8);

    final int code;
    final int bytes;

    ElementType(int code, int bytes) {
      this.code = code;
      this.bytes = bytes;
    }

    boolean isInteger() {
      return this != FLOAT && this != DOUBLE;
    }

    static ElementType of(int code) {
      for (ElementType type : values()) {
        if (type.code == code) {
          return type;
        }
      }
      return null;
    }
  }

  private final InputStream in;
  private final String source;
  /** The plain file's size, checked against the header before allocating; -1 when unknown (gzip, streams). */
  private final long knownSize;

  private Idx(InputStream in, String source, long knownSize) {
    this.in = in;
    this.source = source;
    this.knownSize = knownSize;
  }

  /**
   * Reads the IDX file {@code file} into a tensor.
   *
   * @throws IdxFormatException if the file is not a valid IDX file, or its data does not match
   *     its header; the message names the byte offset
   */
  public static Tensor read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), Files.size(file));
    }
  }

  /**
   * Reads an IDX stream (plain or gzip) into a tensor; {@code source} names it in messages. The
   * stream is read to its end but not closed.
   */
  public static Tensor read(InputStream in, String source) throws IOException {
    return read(in, source, -1);
  }

  private static Tensor read(InputStream in, String source, long size) throws IOException {
    GzipDetector.Opened opened;
    try {
      opened = GzipDetector.open(in);
    } catch (ZipException | EOFException e) {
      throw new IdxFormatException(source + ": corrupt gzip header: " + GzipDetector.describe(e), e);
    }
    String where = opened.gzip() ? source + " (gzip; offsets count decompressed bytes)" : source;
    Idx reader = new Idx(opened.stream(), where, opened.gzip() ? -1 : size);
    try {
      return reader.decode();
    } catch (ZipException | EOFException e) {
      throw new IdxFormatException(source + ": corrupt or truncated gzip data: " + GzipDetector.describe(e), e);
    }
  }

  private Tensor decode() throws IOException {
    byte[] magic = in.readNBytes(4);
    if (magic.length < 4) {
      throw error(magic.length, "the data ends after " + magic.length
          + " bytes; an IDX file starts with 4 magic bytes: 0, 0, element type, rank");
    }
    if (magic[0] != 0 || magic[1] != 0) {
      throw error(0, String.format("magic number %02x %02x %02x %02x does not start with two zero bytes;"
          + " this is not an IDX file", magic[0], magic[1], magic[2], magic[3]));
    }
    ElementType type = ElementType.of(magic[2] & 0xff);
    if (type == null) {
      throw error(2, String.format("unknown element type code 0x%02x; IDX defines 0x08 ubyte, 0x09 byte,"
          + " 0x0B short, 0x0C int, 0x0D float, 0x0E double", magic[2] & 0xff));
    }
    int rank = magic[3] & 0xff;
    if (rank == 0) {
      throw error(3, "rank 0: an IDX file has at least one dimension");
    }
    int[] shape = readShape(rank);
    long headerBytes = 4 + 4L * rank;
    long count = elementCount(shape);
    long dataBytes = count * type.bytes;
    if (knownSize >= 0 && headerBytes + dataBytes != knownSize) {
      throw error(headerBytes, "the header declares shape " + Arrays.toString(shape) + " of " + type
          + ", which needs " + dataBytes + " data bytes after the " + headerBytes + "-byte header, so the file should have "
          + (headerBytes + dataBytes) + " bytes, but it has " + knownSize);
    }
    boolean labels = rank == 1 && type.isInteger();
    Tensor tensor = labels ? Tensor.ofInts(readInts(type, (int) count, headerBytes), shape)
        : Tensor.of(readFloats(type, (int) count, headerBytes), shape);
    if (in.read() != -1) {
      throw error(headerBytes + dataBytes, "there are bytes after the " + count + " elements of shape "
          + Arrays.toString(shape) + "; the data should end here");
    }
    return tensor;
  }

  private int[] readShape(int rank) throws IOException {
    byte[] bytes = in.readNBytes(4 * rank);
    if (bytes.length < 4 * rank) {
      throw error(4 + bytes.length, "the data ends inside the dimensions: rank " + rank + " needs " + 4 * rank
          + " bytes of dimensions after the magic number");
    }
    ByteBuffer dims = ByteBuffer.wrap(bytes);
    int[] shape = new int[rank];
    for (int i = 0; i < rank; i++) {
      shape[i] = dims.getInt();
      if (shape[i] < 0) {
        throw error(4 + 4L * i, "dimension " + i + " is " + Integer.toUnsignedString(shape[i])
            + ", larger than a tensor dimension can be (2^31-1)");
      }
    }
    return shape;
  }

  private long elementCount(int[] shape) throws IdxFormatException {
    long count = 1;
    for (int dim : shape) {
      count *= dim; // cannot overflow before exceeding the limit below: each factor is < 2^31
      if (count > ArrayLimit.MAX_ELEMENTS) {
        throw error(4, "shape " + Arrays.toString(shape) + " has more elements than a Solstice tensor"
            + " (one Java array) can hold: at most " + ArrayLimit.MAX_ELEMENTS);
      }
    }
    return count;
  }

  private float[] readFloats(ElementType type, int count, long dataStart) throws IOException {
    float[] out = new float[initialCapacity(count)];
    ByteBuffer chunk = ByteBuffer.allocate(chunkBytes(type, count));
    for (int done = 0; done < count; ) {
      int n = readChunk(chunk, type, count, done, dataStart);
      if (done + n > out.length) {
        out = Arrays.copyOf(out, grownCapacity(count, out.length, done + n));
      }
      for (int i = 0; i < n; i++) {
        out[done + i] = switch (type) {
          case UBYTE -> chunk.get() & 0xff;
          case BYTE -> chunk.get();
          case SHORT -> chunk.getShort();
          case INT -> chunk.getInt();
          case FLOAT -> chunk.getFloat();
          case DOUBLE -> narrow(chunk.getDouble(), done + i, dataStart);
        };
      }
      done += n;
    }
    return out;
  }

  private int[] readInts(ElementType type, int count, long dataStart) throws IOException {
    int[] out = new int[initialCapacity(count)];
    ByteBuffer chunk = ByteBuffer.allocate(chunkBytes(type, count));
    for (int done = 0; done < count; ) {
      int n = readChunk(chunk, type, count, done, dataStart);
      if (done + n > out.length) {
        out = Arrays.copyOf(out, grownCapacity(count, out.length, done + n));
      }
      for (int i = 0; i < n; i++) {
        out[done + i] = switch (type) {
          case UBYTE -> chunk.get() & 0xff;
          case BYTE -> chunk.get();
          case SHORT -> chunk.getShort();
          case INT -> chunk.getInt();
          default -> throw new AssertionError("not an integer type: " + type);
        };
      }
      done += n;
    }
    return out;
  }

  /** Output arrays start small when the size has not been checked against the file, and grow as data arrives. */
  private int initialCapacity(int count) {
    return knownSize >= 0 ? count : Math.min(count, INITIAL_ELEMENTS);
  }

  /** The next size of an output array of {@code capacity} that must hold {@code needed} of {@code count} elements. */
  private static int grownCapacity(int count, int capacity, int needed) {
    return (int) Math.min(count, Math.max(2L * capacity, needed));
  }

  private static int chunkBytes(ElementType type, int count) {
    return (int) Math.min(CHUNK_BYTES, (long) count * type.bytes);
  }

  /** Reads the next chunk of whole elements into {@code chunk}; returns how many elements it holds. */
  private int readChunk(ByteBuffer chunk, ElementType type, int count, int done, long dataStart) throws IOException {
    int n = Math.min(count - done, chunk.capacity() / type.bytes);
    int wanted = n * type.bytes;
    int got = in.readNBytes(chunk.array(), 0, wanted);
    if (got < wanted) {
      long expectedEnd = dataStart + (long) count * type.bytes;
      long at = dataStart + (long) done * type.bytes + got;
      throw error(at, "the data ends here, " + (expectedEnd - at) + " bytes before the " + count
          + " elements the header declares (truncated file?)");
    }
    chunk.clear();
    return n;
  }

  private float narrow(double value, long index, long dataStart) throws IdxFormatException {
    float narrowed = (float) value;
    if (Float.isInfinite(narrowed) && !Double.isInfinite(value)) {
      throw error(dataStart + index * 8, "element " + index + " is " + value + ", outside the float32 range");
    }
    return narrowed;
  }

  private IdxFormatException error(long offset, String message) {
    return new IdxFormatException(source + ": at byte " + offset + ": " + message);
  }
}
