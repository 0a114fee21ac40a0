package dev.solstice.runtime.io;

import dev.solstice.runtime.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The contents of a safetensors file: its tensors by name, in the order of their bytes in the
 * file, and the string map of its {@code __metadata__} header entry (empty when absent).
 * Both maps are unmodifiable.
 *
 * @param tensors the tensors by name, in file order
 * @param metadata the {@code __metadata__} strings, in header order
 */
public record SafeTensorsFile(Map<String, Tensor> tensors, Map<String, String> metadata) {

  /** Copies both maps, keeping their iteration order. */
  public SafeTensorsFile {
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** The tensor called {@code name}; throws {@link NoSuchElementException} naming the tensors present. */
  public Tensor tensor(String name) {
    Tensor tensor = tensors.get(name);
    if (tensor == null) {
      throw new NoSuchElementException("no tensor '" + name + "' in this file; it holds " + tensors.keySet());
    }
    return tensor;
  }
}
