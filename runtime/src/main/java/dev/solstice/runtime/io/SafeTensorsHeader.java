package dev.solstice.runtime.io;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.CharArrayReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header of a safetensors file, parsed and checked against the file before any tensor is
 * allocated: the rules of the reference implementation ({@code safetensors/src/tensor.rs}). The
 * header is an 8-byte little-endian length N, then N bytes of UTF-8 JSON starting with {@code
 * '{'}, mapping tensor names to {@code {"dtype", "shape", "data_offsets": [begin, end]}} plus an
 * optional {@code "__metadata__"} string map. Offsets are relative to the data buffer that
 * follows; sorted by offset, the tensors must cover the buffer exactly: no holes, no overlaps,
 * nothing after the last one, and each range must be as long as its dtype and shape require.
 */
final class SafeTensorsHeader {
  /** Bytes of the header-length prefix. */
  static final int LENGTH_BYTES = 8;
  /** The reference implementation's limit on N, which also bounds what a corrupt prefix can make us allocate. */
  static final long MAX_HEADER_BYTES = 100_000_000L;
  /** The header key of the free-form string map. */
  static final String METADATA_KEY = "__metadata__";

  /** One tensor of the file: its name, element type, shape and byte range in the data buffer. */
  record Entry(String name, SafeTensorsDType dtype, long[] shape, long begin, long end) {
    /** The shape as text, for messages. */
    String shapeText() {
      return Arrays.toString(shape);
    }
  }

  private final String source;
  private final long dataStart;
  private final List<Entry> entries;
  private final Map<String, String> metadata;

  private SafeTensorsHeader(String source, long dataStart, List<Entry> entries, Map<String, String> metadata) {
    this.source = source;
    this.dataStart = dataStart;
    this.entries = entries;
    this.metadata = metadata;
  }

  /** The file position of the data buffer: 8 + N. */
  long dataStart() {
    return dataStart;
  }

  /** The tensors in data-buffer order. */
  List<Entry> entries() {
    return entries;
  }

  /** The {@code __metadata__} map in header order; empty when the header has none. */
  Map<String, String> metadata() {
    return metadata;
  }

  /** An exception whose message starts with the file name. */
  SafeTensorsFormatException error(String message) {
    return error(source, message);
  }

  static SafeTensorsFormatException error(String source, String message) {
    return new SafeTensorsFormatException(source + ": " + message);
  }

  /**
   * Reads and validates the header of the file open on {@code channel}. {@code source} names the
   * file in messages.
   */
  static SafeTensorsHeader read(FileChannel channel, String source) throws IOException {
    long fileSize = channel.size();
    if (fileSize < LENGTH_BYTES) {
      throw error(source, "not a safetensors file: it has " + fileSize
          + " bytes, fewer than the 8-byte header length that starts every safetensors file");
    }
    ByteBuffer prefix = ByteBuffer.allocate(LENGTH_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    readFully(channel, prefix, 0, source);
    long headerBytes = prefix.getLong(0);
    if (headerBytes < 0 || headerBytes > MAX_HEADER_BYTES) {
      throw error(source, "header length " + Long.toUnsignedString(headerBytes)
          + " (little-endian u64 at bytes 0-7) exceeds the " + MAX_HEADER_BYTES
          + "-byte limit of the format; the file is corrupt or not a safetensors file");
    }
    if (headerBytes > fileSize - LENGTH_BYTES) {
      throw error(source, "header length " + headerBytes + " (bytes 0-7) runs past the end of the file: the header"
          + " would end at byte " + (LENGTH_BYTES + headerBytes) + " but the file has " + fileSize
          + " bytes (truncated file?)");
    }
    if (headerBytes == 0) {
      throw error(source, "header length is 0 (bytes 0-7); the header must be a JSON object starting with '{'");
    }
    ByteBuffer header = ByteBuffer.allocate((int) headerBytes);
    readFully(channel, header, LENGTH_BYTES, source);
    header.flip();
    if (header.get(0) != '{') {
      throw error(source, String.format(
          "header must start with '{' (byte 8) but starts with byte 0x%02x", header.get(0) & 0xff));
    }
    CharBuffer json = decodeUtf8(header, source);
    long dataStart = LENGTH_BYTES + headerBytes;
    HeaderParser parser = new HeaderParser(source, json, headerBytes);
    parser.parse();
    List<Entry> entries = new ArrayList<>(parser.entries);
    entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    checkLayout(source, entries, dataStart, fileSize);
    return new SafeTensorsHeader(source, dataStart, List.copyOf(entries), parser.metadata);
  }

  /** Fills {@code buffer} from {@code position}; the file ending first is a format error. */
  static void readFully(FileChannel channel, ByteBuffer buffer, long position, String source) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at);
      if (read < 0) {
        throw error(source, "file ends at byte " + at + " while " + buffer.remaining()
            + " more bytes were expected (truncated file?)");
      }
      at += read;
    }
  }

  private static CharBuffer decodeUtf8(ByteBuffer header, String source) throws SafeTensorsFormatException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer chars = CharBuffer.allocate(header.remaining());
    CoderResult result = decoder.decode(header, chars, true);
    if (!result.isError()) {
      result = decoder.flush(chars);
    }
    if (result.isError()) {
      throw error(source, "header is not valid UTF-8: malformed byte sequence at file byte "
          + (LENGTH_BYTES + header.position()));
    }
    return chars.flip();
  }

  /**
   * Checks that the tensors, sorted by offset, tile the data buffer exactly and that each byte
   * range matches its dtype and shape. All arithmetic is overflow-checked.
   */
  private static void checkLayout(String source, List<Entry> entries, long dataStart, long fileSize)
      throws SafeTensorsFormatException {
    long dataBytes = fileSize - dataStart;
    long expectedBegin = 0;
    Entry previous = null;
    for (Entry entry : entries) {
      String what = "tensor '" + entry.name() + "' with data_offsets [" + entry.begin() + ", " + entry.end() + "]";
      if (entry.end() < entry.begin()) {
        throw error(source, what + ": the end offset is before the begin offset");
      }
      if (entry.begin() != expectedBegin) {
        if (previous == null) {
          throw error(source, what + " is the first tensor in the data buffer, so it must begin at offset 0;"
              + " bytes [0, " + entry.begin() + ") of the buffer belong to no tensor");
        }
        String relation = entry.begin() > expectedBegin
            ? "leaves a hole: buffer bytes [" + expectedBegin + ", " + entry.begin() + ") belong to no tensor"
            : "overlaps the previous tensor";
        throw error(source, what + " " + relation + " ('" + previous.name() + "' ends at offset " + expectedBegin
            + "; each tensor must begin where the previous one ends)");
      }
      if (entry.end() > dataBytes) {
        throw error(source, what + " ends at file byte " + dataStart + " + " + entry.end()
            + " but the file has " + fileSize + " bytes (truncated file?)");
      }
      long needed = byteSize(source, entry);
      if (needed != entry.end() - entry.begin()) {
        throw error(source, what + ": shape " + entry.shapeText() + " of " + entry.dtype() + " needs " + needed
            + " bytes but the offsets span " + (entry.end() - entry.begin()));
      }
      expectedBegin = entry.end();
      previous = entry;
    }
    if (expectedBegin != dataBytes) {
      throw error(source, "the data buffer (file bytes " + dataStart + " to " + fileSize + ") has " + dataBytes
          + " bytes but the tensors cover " + expectedBegin + "; the format forbids trailing bytes");
    }
  }

  /** Bytes an entry's dtype and shape need, with overflow reported as a format error. */
  private static long byteSize(String source, Entry entry) throws SafeTensorsFormatException {
    try {
      long elements = 1;
      for (long dim : entry.shape()) {
        elements = Math.multiplyExact(elements, dim);
      }
      long bits = Math.multiplyExact(elements, entry.dtype().bits());
      if (bits % 8 != 0) {
        throw error(source, "tensor '" + entry.name() + "': " + elements + " elements of " + entry.dtype()
            + " do not fill whole bytes");
      }
      return bits / 8;
    } catch (ArithmeticException overflow) {
      throw error(source, "tensor '" + entry.name() + "': the size of shape " + entry.shapeText() + " of "
          + entry.dtype() + " overflows 64 bits");
    }
  }

  /** Walks the JSON header with Gson's strict tokenizer, checking the type of every value. */
  private static final class HeaderParser {
    private final String source;
    private final JsonReader json;
    private final long headerBytes;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    HeaderParser(String source, CharBuffer text, long headerBytes) {
      this.source = source;
      this.headerBytes = headerBytes;
      this.json = new JsonReader(new CharArrayReader(text.array(), text.position(), text.remaining()));
      json.setStrictness(Strictness.STRICT);
    }

    void parse() throws SafeTensorsFormatException {
      try {
        json.beginObject();
        Set<String> keys = new HashSet<>();
        while (json.hasNext()) {
          String key = json.nextName();
          if (!keys.add(key)) {
            throw error(source, "header has the key '" + key + "' twice; duplicate keys are not allowed");
          }
          if (key.equals(METADATA_KEY)) {
            readMetadata();
          } else {
            entries.add(readEntry(key));
          }
        }
        json.endObject();
        if (json.peek() != JsonToken.END_DOCUMENT) {
          throw error(source, "header has content after its JSON object at " + json.getPath()
              + "; only space padding may follow");
        }
      } catch (SafeTensorsFormatException e) {
        throw e;
      } catch (IOException | IllegalStateException | NumberFormatException e) {
        // Everything Gson throws here is about the text itself: the reader is in memory.
        throw new SafeTensorsFormatException(source + ": header (file bytes 8 to " + (LENGTH_BYTES + headerBytes)
            + ") is not valid JSON: " + gsonProblem(e), e);
      }
    }

    /** Gson's description of a syntax error (reason, line, column, path), without its advice to parse leniently. */
    private static String gsonProblem(Exception e) {
      String text = String.valueOf(e.getMessage());
      int newline = text.indexOf('\n');
      text = newline < 0 ? text : text.substring(0, newline);
      text = text.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON");
      return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private void readMetadata() throws IOException {
      expect(JsonToken.BEGIN_OBJECT, "__metadata__ must be an object of string values");
      json.beginObject();
      while (json.hasNext()) {
        String key = json.nextName();
        expect(JsonToken.STRING, "__metadata__ value for '" + key + "' must be a string");
        if (metadata.put(key, json.nextString()) != null) {
          throw error(source, "__metadata__ has the key '" + key + "' twice; duplicate keys are not allowed");
        }
      }
      json.endObject();
    }

    private Entry readEntry(String name) throws IOException {
      String what = "tensor '" + name + "'";
      expect(JsonToken.BEGIN_OBJECT, what + " must map to an object {\"dtype\", \"shape\", \"data_offsets\"}");
      json.beginObject();
      SafeTensorsDType dtype = null;
      long[] shape = null;
      long[] offsets = null;
      while (json.hasNext()) {
        String field = json.nextName();
        switch (field) {
          case "dtype" -> {
            requireFirst(dtype, what, field);
            expect(JsonToken.STRING, what + ": dtype must be a string");
            String dtypeName = json.nextString();
            dtype = SafeTensorsDType.byName(dtypeName);
            if (dtype == null) {
              throw error(source, what + ": unknown dtype '" + dtypeName + "'; the format knows "
                  + Arrays.toString(SafeTensorsDType.values()));
            }
          }
          case "shape" -> {
            requireFirst(shape, what, field);
            shape = readCounts(what + ": shape");
          }
          case "data_offsets" -> {
            requireFirst(offsets, what, field);
            offsets = readCounts(what + ": data_offsets");
            if (offsets.length != 2) {
              throw error(source, what + ": data_offsets must be [begin, end], found " + offsets.length + " numbers");
            }
          }
          // The reference implementation ignores fields it does not know; so do we.
          default -> json.skipValue();
        }
      }
      json.endObject();
      if (dtype == null || shape == null || offsets == null) {
        throw error(source, what + " lacks " + (dtype == null ? "dtype" : shape == null ? "shape" : "data_offsets")
            + "; every tensor needs dtype, shape and data_offsets");
      }
      return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private void requireFirst(Object seen, String what, String field) throws SafeTensorsFormatException {
      if (seen != null) {
        throw error(source, what + " has the field '" + field + "' twice");
      }
    }

    /** An array of non-negative integers written without sign, fraction or exponent. */
    private long[] readCounts(String what) throws IOException {
      expect(JsonToken.BEGIN_ARRAY, what + " must be an array of non-negative integers");
      json.beginArray();
      long[] values = new long[4];
      int count = 0;
      while (json.hasNext()) {
        expect(JsonToken.NUMBER, what + " must hold non-negative integers");
        String literal = json.nextString();
        if (!isCount(literal)) {
          throw error(source, what + " must hold non-negative integers, found " + literal + " at " + json.getPreviousPath());
        }
        if (count == values.length) {
          values = Arrays.copyOf(values, count * 2);
        }
        try {
          values[count++] = Long.parseLong(literal);
        } catch (NumberFormatException tooLarge) {
          throw error(source, what + ": " + literal + " at " + json.getPreviousPath() + " is larger than 2^63-1");
        }
      }
      json.endArray();
      return Arrays.copyOf(values, count);
    }

    private static boolean isCount(String literal) {
      if (literal.isEmpty() || (literal.length() > 1 && literal.charAt(0) == '0')) {
        return false;
      }
      for (int i = 0; i < literal.length(); i++) {
        char c = literal.charAt(i);
        if (c < '0' || c > '9') {
          return false;
        }
      }
      return true;
    }

    private void expect(JsonToken token, String rule) throws IOException {
      JsonToken found = json.peek();
      if (found != token) {
        throw error(source, rule + ", found " + found + " at " + json.getPath());
      }
    }
  }
}
