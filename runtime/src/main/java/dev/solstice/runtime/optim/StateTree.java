package dev.solstice.runtime.optim;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.FlatTree;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of a gradient transformation: an immutable tree whose nodes are named and whose
 * leaves are tensors. Optax keeps state as a pytree of arrays; so does this, which is what lets
 * a checkpoint hold it: {@link #leaves()} and {@link #paths()} flatten it depth first into
 * {@code "0.mu.l1.weight"}, {@code "0.count"}, and {@link #withLeaves(List)} puts saved leaves
 * back into a tree of the same structure (the one {@code init} returns).
 *
 * <p>Names follow Optax's state fields ({@code count}, {@code mu}, {@code nu}, {@code trace},
 * {@code inner_state}, ...); a chain's children are named by position. A moment kept per
 * parameter is a child whose entries are named by the parameters' paths ({@link #of(FlatTree)}).
 */
public final class StateTree {
  /** A tree with no nodes: the state of a stateless transformation. */
  public static final StateTree EMPTY = new StateTree(List.of(), List.of());

  private final List<String> names;
  /** Parallel to {@link #names}: each a {@link Tensor} or a {@link StateTree}. */
  private final List<Object> nodes;

  private StateTree(List<String> names, List<Object> nodes) {
    this.names = names;
    this.nodes = nodes;
  }

  /** A tree with one tensor per leaf of {@code tree}, named by its path. */
  public static StateTree of(FlatTree tree) {
    List<Object> nodes = new ArrayList<>(tree.leaves());
    return new StateTree(List.copyOf(tree.paths()), List.copyOf(nodes));
  }

  /** This tree with a tensor at {@code name}: replaced in place if the name exists, else appended. */
  public StateTree with(String name, Tensor leaf) {
    return put(name, leaf);
  }

  /** This tree with a subtree at {@code name}: replaced in place if the name exists, else appended. */
  public StateTree with(String name, StateTree child) {
    return put(name, child);
  }

  private StateTree put(String name, Object node) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("state node names must not be empty");
    }
    List<String> newNames = new ArrayList<>(names);
    List<Object> newNodes = new ArrayList<>(nodes);
    int index = names.indexOf(name);
    if (index >= 0) {
      newNodes.set(index, node);
    } else {
      newNames.add(name);
      newNodes.add(node);
    }
    return new StateTree(List.copyOf(newNames), List.copyOf(newNodes));
  }

  /** The names of this node's children, in order. */
  public List<String> names() {
    return names;
  }

  /** The tensor directly under {@code name}. */
  public Tensor tensor(String name) {
    Object node = node(name);
    if (!(node instanceof Tensor)) {
      throw new IllegalStateException("optimizer state entry '" + name + "' is a subtree, expected a tensor");
    }
    return (Tensor) node;
  }

  /** The subtree directly under {@code name}. */
  public StateTree child(String name) {
    Object node = node(name);
    if (!(node instanceof StateTree)) {
      throw new IllegalStateException("optimizer state entry '" + name + "' is a tensor, expected a subtree");
    }
    return (StateTree) node;
  }

  private Object node(String name) {
    int index = names.indexOf(name);
    if (index < 0) {
      throw new IllegalStateException(
          "optimizer state has no entry '" + name + "' (it has " + names + "); pass the state that this"
              + " transformation's init or update returned");
    }
    return nodes.get(index);
  }

  /** Every tensor in the tree, depth first in name order. */
  public List<Tensor> leaves() {
    List<Tensor> out = new ArrayList<>();
    collect("", out, null);
    return out;
  }

  /** The dotted path of each leaf, parallel to {@link #leaves()}: {@code "0.mu.l1.weight"}. */
  public List<String> paths() {
    List<String> out = new ArrayList<>();
    collect("", null, out);
    return out;
  }

  private void collect(String prefix, List<Tensor> leaves, List<String> paths) {
    for (int i = 0; i < names.size(); i++) {
      String path = prefix + names.get(i);
      Object node = nodes.get(i);
      if (node instanceof StateTree) {
        ((StateTree) node).collect(path + ".", leaves, paths);
      } else {
        if (leaves != null) {
          leaves.add((Tensor) node);
        }
        if (paths != null) {
          paths.add(path);
        }
      }
    }
  }

  /** Each leaf under its path, in {@link #paths()} order (read-only): what a checkpoint stores. */
  public Map<String, Tensor> asMap() {
    List<String> paths = paths();
    List<Tensor> leaves = leaves();
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (int i = 0; i < paths.size(); i++) {
      out.put(paths.get(i), leaves.get(i));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * A tree of this structure holding {@code newLeaves} (in {@link #leaves()} order), e.g. leaves
   * read back from a checkpoint. Each must have the shape and dtype of the leaf it replaces.
   */
  public StateTree withLeaves(List<Tensor> newLeaves) {
    List<String> paths = paths();
    if (newLeaves.size() != paths.size()) {
      throw new IllegalArgumentException(
          "optimizer state has " + paths.size() + " leaves " + paths + ", found " + newLeaves.size());
    }
    int[] next = {0};
    return rebuild(newLeaves, paths, next);
  }

  /** A tree of this structure whose leaf at each of {@link #paths()} is {@code byPath.get(path)}. */
  public StateTree withLeaves(Map<String, Tensor> byPath) {
    List<String> paths = paths();
    Set<String> unknown = new HashSet<>(byPath.keySet());
    paths.forEach(unknown::remove);
    List<Tensor> ordered = new ArrayList<>(paths.size());
    for (String path : paths) {
      Tensor leaf = byPath.get(path);
      if (leaf == null) {
        throw new IllegalArgumentException("no tensor for optimizer state leaf '" + path + "'; expected " + paths);
      }
      ordered.add(leaf);
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("tensors " + unknown + " match no optimizer state leaf; expected " + paths);
    }
    return withLeaves(ordered);
  }

  private StateTree rebuild(List<Tensor> newLeaves, List<String> paths, int[] next) {
    List<Object> newNodes = new ArrayList<>(nodes.size());
    for (Object node : nodes) {
      if (node instanceof StateTree) {
        newNodes.add(((StateTree) node).rebuild(newLeaves, paths, next));
      } else {
        int index = next[0]++;
        newNodes.add(checkLike((Tensor) node, newLeaves.get(index), paths.get(index)));
      }
    }
    return new StateTree(names, List.copyOf(newNodes));
  }

  private static Tensor checkLike(Tensor old, Tensor replacement, String path) {
    if (!Arrays.equals(old.shape(), replacement.shape()) || old.dtype() != replacement.dtype()) {
      throw new IllegalArgumentException(
          "optimizer state leaf '" + path + "' is " + describe(old) + ", found " + describe(replacement));
    }
    return replacement;
  }

  private static String describe(Tensor t) {
    return t.dtype() + Arrays.toString(t.shape());
  }

  /** The leaf at the dotted {@code path} (one of {@link #paths()}). */
  public Tensor leaf(String path) {
    int index = indexOfPath(path);
    return leaves().get(index);
  }

  /** This tree with the leaf at {@code path} replaced by {@code value} (same shape and dtype). */
  public StateTree withLeaf(String path, Tensor value) {
    int index = indexOfPath(path);
    List<Tensor> newLeaves = new ArrayList<>(leaves());
    newLeaves.set(index, value);
    return withLeaves(newLeaves);
  }

  private int indexOfPath(String path) {
    List<String> paths = paths();
    int index = paths.indexOf(path);
    if (index < 0) {
      throw new IllegalArgumentException("optimizer state has no leaf '" + path + "'; its leaves are " + paths);
    }
    return index;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      Object node = nodes.get(i);
      out.append(names.get(i)).append(": ").append(node instanceof Tensor ? describe((Tensor) node) : node);
    }
    return out.append('}').toString();
  }
}
