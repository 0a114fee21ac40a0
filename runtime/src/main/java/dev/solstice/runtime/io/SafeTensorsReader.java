package dev.solstice.runtime.io;

import dev.solstice.runtime.DType;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.io.SafeTensorsHeader.Entry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads the tensors of a safetensors file through a {@link FileChannel}, one bounded chunk at a
 * time, converting each element type to float32, int32 or bool. The whole header is validated and every
 * tensor is checked to be loadable before the first tensor is allocated.
 */
final class SafeTensorsReader {
  /** Bytes read per step; a multiple of every element size so no element straddles two chunks. */
  private static final int CHUNK_BYTES = 1 << 20;

  private final FileChannel channel;
  private final SafeTensorsHeader header;
  private final String source;

  private SafeTensorsReader(FileChannel channel, SafeTensorsHeader header, String source) {
    this.channel = channel;
    this.header = header;
    this.source = source;
  }

  static SafeTensorsFile read(Path file) throws IOException {
    String source = file.toString();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      SafeTensorsHeader header = SafeTensorsHeader.read(channel, source);
      SafeTensorsReader reader = new SafeTensorsReader(channel, header, source);
      for (Entry entry : header.entries()) {
        reader.checkLoadable(entry);
      }
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      for (Entry entry : header.entries()) {
        tensors.put(entry.name(), reader.load(entry));
      }
      return new SafeTensorsFile(tensors, header.metadata());
    }
  }

  private void checkLoadable(Entry entry) throws SafeTensorsFormatException {
    if (entry.dtype().target() == null) {
      throw header.error("tensor '" + entry.name() + "' has dtype " + entry.dtype()
          + ", which Solstice does not load; it loads F32, F64, F16, BF16 as float32,"
          + " I32, I64, I16, I8, U8, U16, U32, U64 as int32 and BOOL as bool");
    }
    for (long dim : entry.shape()) {
      if (dim > Integer.MAX_VALUE) {
        throw header.error("tensor '" + entry.name() + "' has shape " + entry.shapeText()
            + ": dimension " + dim + " exceeds 2^31-1, the largest dimension a Solstice tensor can have");
      }
    }
    long elements = (entry.end() - entry.begin()) / entry.dtype().bytes();
    if (elements > ArrayLimit.MAX_ELEMENTS) {
      throw header.error("tensor '" + entry.name() + "' has " + elements + " elements (shape " + entry.shapeText()
          + "); a Solstice tensor is one Java array, limited to " + ArrayLimit.MAX_ELEMENTS
          + " elements (about 2^31), so this tensor cannot be loaded whole");
    }
  }

  private Tensor load(Entry entry) throws IOException {
    int[] shape = new int[entry.shape().length];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = (int) entry.shape()[i];
    }
    int elementBytes = entry.dtype().bytes();
    int count = (int) ((entry.end() - entry.begin()) / elementBytes);
    DType target = entry.dtype().target();
    float[] floats = target == DType.FLOAT32 ? new float[count] : null;
    int[] ints = target == DType.INT32 ? new int[count] : null;
    boolean[] bools = target == DType.BOOL ? new boolean[count] : null;
    ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, entry.end() - entry.begin()))
        .order(ByteOrder.LITTLE_ENDIAN);
    int done = 0;
    while (done < count) {
      int n = Math.min(count - done, chunk.capacity() / elementBytes);
      long position = header.dataStart() + entry.begin() + (long) done * elementBytes;
      chunk.clear().limit(n * elementBytes);
      SafeTensorsHeader.readFully(channel, chunk, position, source);
      chunk.flip();
      switch (target) {
        case FLOAT32 -> decodeFloats(entry, chunk, floats, done, n);
        case INT32 -> decodeInts(entry, chunk, ints, done, n);
        case BOOL -> decodeBools(entry, chunk, bools, done, n);
      }
      done += n;
    }
    return switch (target) {
      case FLOAT32 -> Tensor.of(floats, shape);
      case INT32 -> Tensor.ofInts(ints, shape);
      case BOOL -> Tensor.ofBools(bools, shape);
    };
  }

  /** Bytes 0 and 1; any other byte is corruption, not a truth value. */
  private void decodeBools(Entry entry, ByteBuffer chunk, boolean[] out, int offset, int n)
      throws SafeTensorsFormatException {
    for (int i = 0; i < n; i++) {
      byte value = chunk.get();
      if (value != 0 && value != 1) {
        throw outOfRange(entry, offset + i, Byte.toString(value), "bool (0 or 1)");
      }
      out[offset + i] = value == 1;
    }
  }

  private void decodeFloats(Entry entry, ByteBuffer chunk, float[] out, int offset, int n)
      throws SafeTensorsFormatException {
    switch (entry.dtype()) {
      case F32 -> chunk.asFloatBuffer().get(out, offset, n);
      case F16 -> {
        for (int i = 0; i < n; i++) {
          out[offset + i] = halfToFloat(chunk.getShort());
        }
      }
      case BF16 -> {
        for (int i = 0; i < n; i++) {
          out[offset + i] = Float.intBitsToFloat(chunk.getShort() << 16);
        }
      }
      case F64 -> {
        for (int i = 0; i < n; i++) {
          double value = chunk.getDouble();
          float narrowed = (float) value;
          if (Float.isInfinite(narrowed) && !Double.isInfinite(value)) {
            throw outOfRange(entry, offset + i, Double.toString(value), "float32");
          }
          out[offset + i] = narrowed;
        }
      }
      default -> throw new AssertionError("not a float type: " + entry.dtype());
    }
  }

  private void decodeInts(Entry entry, ByteBuffer chunk, int[] out, int offset, int n)
      throws SafeTensorsFormatException {
    switch (entry.dtype()) {
      case I32 -> chunk.asIntBuffer().get(out, offset, n);
      case I16 -> {
        for (int i = 0; i < n; i++) {
          out[offset + i] = chunk.getShort();
        }
      }
      case U16 -> {
        for (int i = 0; i < n; i++) {
          out[offset + i] = Short.toUnsignedInt(chunk.getShort());
        }
      }
      case I8 -> {
        for (int i = 0; i < n; i++) {
          out[offset + i] = chunk.get();
        }
      }
      case U8 -> {
        for (int i = 0; i < n; i++) {
          out[offset + i] = Byte.toUnsignedInt(chunk.get());
        }
      }
      case U32 -> {
        for (int i = 0; i < n; i++) {
          int value = chunk.getInt();
          if (value < 0) {
            throw outOfRange(entry, offset + i, Integer.toUnsignedString(value), "int32");
          }
          out[offset + i] = value;
        }
      }
      case I64, U64 -> {
        for (int i = 0; i < n; i++) {
          long value = chunk.getLong();
          boolean unsignedTooLarge = entry.dtype() == SafeTensorsDType.U64 && value < 0;
          if (unsignedTooLarge || value != (int) value) {
            String text = entry.dtype() == SafeTensorsDType.U64 ? Long.toUnsignedString(value) : Long.toString(value);
            throw outOfRange(entry, offset + i, text, "int32");
          }
          out[offset + i] = (int) value;
        }
      }
      default -> throw new AssertionError("not an integer type: " + entry.dtype());
    }
  }

  private SafeTensorsFormatException outOfRange(Entry entry, int index, String value, String target) {
    long byteOffset = header.dataStart() + entry.begin() + (long) index * entry.dtype().bytes();
    return header.error("tensor '" + entry.name() + "' element " + index + " (file byte " + byteOffset + ") is "
        + value + ", outside the " + target + " range; Solstice loads " + entry.dtype() + " tensors as " + target);
  }

  /** IEEE 754 binary16 to float32; exact, as every half value is a float value. */
  static float halfToFloat(short half) {
    int bits = half & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent + 127 - 15) << 23) | (mantissa << 13));
  }
}
