package dev.solstice.runtime.io;

import java.io.IOException;

/**
 * A file is not a valid safetensors file, or holds something Solstice cannot load (an unsupported
 * dtype, a value out of float32/int32 range, a tensor larger than a Java array). The message
 * names the file, the tensor and the byte offset where the problem was found.
 */
public final class SafeTensorsFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** An exception with a complete message: what is wrong, where, expected versus found. */
  public SafeTensorsFormatException(String message) {
    super(message);
  }

  /** As {@link #SafeTensorsFormatException(String)}, keeping the low-level {@code cause}. */
  public SafeTensorsFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
