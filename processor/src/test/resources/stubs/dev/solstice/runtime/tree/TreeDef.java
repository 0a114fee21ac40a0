package dev.solstice.runtime.tree;

import dev.solstice.runtime.Tensor;
import java.util.List;

/** Compile-only stand-in for the runtime's TreeDef. */
public interface TreeDef<T> {
  List<Tensor> leaves(T tree);

  List<String> paths(T tree);

  T rebuild(T like, List<Tensor> leaves);
}
