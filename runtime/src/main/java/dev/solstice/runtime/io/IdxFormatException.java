package dev.solstice.runtime.io;

import java.io.IOException;

/**
 * A file is not a valid IDX file (the MNIST format), or holds data Solstice cannot represent.
 * The message names the file and the byte offset (counted in decompressed bytes for gzip files).
 */
public final class IdxFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** An exception with a complete message: what is wrong, where, expected versus found. */
  public IdxFormatException(String message) {
    super(message);
  }

  /** As {@link #IdxFormatException(String)}, keeping the low-level {@code cause}. */
  public IdxFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
