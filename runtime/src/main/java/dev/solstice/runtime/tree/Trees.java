package dev.solstice.runtime.tree;

import dev.solstice.runtime.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * Arithmetic over trees, leaf by leaf (Optax's {@code optax.tree} helpers): on any {@link TreeDef}
 * and on flat leaf lists. The two trees of a binary operation must have the same structure.
 */
public final class Trees {
  private Trees() {}

  /** {@code a + b}, leaf by leaf. */
  public static <T> T add(TreeDef<T> def, T a, T b) {
    return def.zip(a, b, Tensor::add);
  }

  /** {@code a - b}, leaf by leaf. */
  public static <T> T sub(TreeDef<T> def, T a, T b) {
    return def.zip(a, b, Tensor::sub);
  }

  /** {@code factor * tree}, leaf by leaf. */
  public static <T> T scale(TreeDef<T> def, T tree, float factor) {
    return def.map(tree, leaf -> leaf.mul(factor));
  }

  /** A tree like {@code tree} with every leaf zero. */
  public static <T> T zerosLike(TreeDef<T> def, T tree) {
    return def.map(tree, Tensor::zerosLike);
  }

  /** The L2 norm of all leaves together, a scalar: {@code sqrt(sum of every element squared)}. */
  public static <T> Tensor globalNorm(TreeDef<T> def, T tree) {
    return globalNorm(def.leaves(tree));
  }

  /** {@code f} applied to each leaf. */
  public static List<Tensor> map(List<Tensor> leaves, UnaryOperator<Tensor> f) {
    List<Tensor> out = new ArrayList<>(leaves.size());
    for (Tensor leaf : leaves) {
      out.add(f.apply(leaf));
    }
    return out;
  }

  /** {@code f(a[i], b[i])} for each pair of leaves; the lists must have the same length. */
  public static List<Tensor> zip(List<Tensor> a, List<Tensor> b, BinaryOperator<Tensor> f) {
    if (a.size() != b.size()) {
      throw new IllegalArgumentException("trees differ in structure: " + a.size() + " leaves against " + b.size());
    }
    List<Tensor> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      out.add(f.apply(a.get(i), b.get(i)));
    }
    return out;
  }

  /** Zeros shaped like each leaf. */
  public static List<Tensor> zerosLike(List<Tensor> leaves) {
    return map(leaves, Tensor::zerosLike);
  }

  /** {@code value} everywhere, shaped like each leaf. */
  public static List<Tensor> fullLike(List<Tensor> leaves, float value) {
    return map(leaves, leaf -> Tensor.full(value, leaf.shape()));
  }

  /**
   * The L2 norm of all leaves together, a float32 scalar (Optax's {@code tree.norm}): the leaves'
   * sums of squares added in leaf order, then the square root.
   */
  public static Tensor globalNorm(List<Tensor> leaves) {
    Tensor sum = Tensor.scalar(0f);
    for (Tensor leaf : leaves) {
      sum = sum.add(leaf.square().sum());
    }
    return sum.sqrt();
  }

  /** Whether every element of every leaf is finite (no NaN, no infinity). */
  public static boolean allFinite(List<Tensor> leaves) {
    for (Tensor leaf : leaves) {
      if (!leaf.isFinite()) {
        return false;
      }
    }
    return true;
  }
}
