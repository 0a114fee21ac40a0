package dev.solstice.runtime.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Opens a data stream as it is or decompressed, by its first bytes rather than its file name. */
final class GzipDetector {
  private static final int BUFFER_BYTES = 1 << 16;

  /** A readable stream and whether it was gzip-compressed. */
  record Opened(InputStream stream, boolean gzip) {}

  private GzipDetector() {}

  /** {@code in}, buffered, and decompressed when it starts with the gzip magic bytes {@code 1f 8b}. */
  static Opened open(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, BUFFER_BYTES);
    buffered.mark(2);
    boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
    buffered.reset();
    return gzip ? new Opened(new GZIPInputStream(buffered, BUFFER_BYTES), true) : new Opened(buffered, false);
  }

  /** What a {@code ZipException} or {@code EOFException} from a gzip stream means, for a message. */
  static String describe(IOException gzipError) {
    return gzipError instanceof EOFException ? "the compressed data ends early (truncated file?)" : gzipError.getMessage();
  }
}
