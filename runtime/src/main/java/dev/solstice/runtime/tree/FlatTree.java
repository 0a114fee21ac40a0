package dev.solstice.runtime.tree;

import dev.solstice.runtime.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A tree taken apart: its leaves and the dotted path of each ({@code "l1.weight"}), in the
 * order of its {@link TreeDef}. JAX's {@code tree_flatten_with_path}. Optimizers work on this
 * form, so one implementation serves every record type, and masks can look at the paths.
 */
public record FlatTree(List<String> paths, List<Tensor> leaves) {

  /** Copies both lists; they must be parallel. */
  public FlatTree {
    paths = List.copyOf(paths);
    leaves = List.copyOf(leaves);
    if (paths.size() != leaves.size()) {
      throw new IllegalArgumentException(
          "a flat tree needs one path per leaf: " + paths.size() + " paths for " + leaves.size() + " leaves");
    }
  }

  /** {@code tree} flattened by {@code def}. */
  public static <T> FlatTree of(TreeDef<T> def, T tree) {
    return new FlatTree(def.paths(tree), def.leaves(tree));
  }

  /** The number of leaves. */
  public int size() {
    return leaves.size();
  }

  /** The same paths with {@code newLeaves} in place of the leaves (one per path, same order). */
  public FlatTree withLeaves(List<Tensor> newLeaves) {
    if (newLeaves.size() != leaves.size()) {
      throw new IllegalArgumentException(
          "expected " + leaves.size() + " leaves for paths " + paths + ", found " + newLeaves.size());
    }
    return new FlatTree(paths, newLeaves);
  }

  /** The leaves (and their paths) at the positions where {@code keep} is true, in order. */
  public FlatTree select(boolean[] keep) {
    if (keep.length != leaves.size()) {
      throw new IllegalArgumentException(
          "a selection over " + leaves.size() + " leaves needs " + leaves.size() + " flags, found " + keep.length);
    }
    List<String> keptPaths = new ArrayList<>();
    List<Tensor> keptLeaves = new ArrayList<>();
    for (int i = 0; i < keep.length; i++) {
      if (keep[i]) {
        keptPaths.add(paths.get(i));
        keptLeaves.add(leaves.get(i));
      }
    }
    return new FlatTree(keptPaths, keptLeaves);
  }
}
