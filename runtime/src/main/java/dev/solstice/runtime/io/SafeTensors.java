package dev.solstice.runtime.io;

import dev.solstice.runtime.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads and writes <a href="https://github.com/huggingface/safetensors">safetensors</a> files,
 * the format of Hugging Face checkpoints: an 8-byte little-endian header length, a JSON header
 * naming each tensor's dtype, shape and byte range, then the raw little-endian data.
 *
 * <p>Writing stores float32 tensors as {@code F32}, int32 as {@code I32} and bool as {@code BOOL},
 * byte for byte as Python's {@code safetensors} does, and replaces the target file atomically.
 * Reading accepts any valid file whose tensors fit Solstice: {@code F32 F64 F16 BF16} become
 * float32 tensors, {@code I32 I64 I16 I8 U8 U16 U32 U64} int32 tensors, {@code BOOL} bool
 * tensors; a value that does not fit is an error, not a silent wrap. Reading streams from the file, validates the whole header against the file size
 * before allocating any tensor, and reports every problem as a {@link SafeTensorsFormatException}.
 * For model trees keyed by their paths, see {@link Checkpoint}.
 */
public final class SafeTensors {
  private SafeTensors() {}

  /**
   * Writes {@code tensors} (float32, int32 or bool) and the string map {@code metadata} (stored as the
   * header's {@code __metadata__} entry; omitted when empty) to {@code file}, replacing it
   * atomically.
   *
   * @throws IllegalArgumentException for a tensor named {@code __metadata__}, a name UTF-8 cannot
   *     encode, or a header beyond the format's 100 MB limit
   */
  public static void save(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
    SafeTensorsWriter.write(file, tensors, metadata);
  }

  /** {@link #save(Path, Map, Map)} without metadata. */
  public static void save(Path file, Map<String, Tensor> tensors) throws IOException {
    save(file, tensors, Map.of());
  }

  /**
   * Reads every tensor of {@code file}, in the order of their bytes in the file, and its metadata.
   *
   * @throws SafeTensorsFormatException if the file is not valid safetensors, or holds a dtype,
   *     value or size Solstice cannot represent; the message names the tensor and byte offset
   */
  public static SafeTensorsFile load(Path file) throws IOException {
    return SafeTensorsReader.read(file);
  }
}
