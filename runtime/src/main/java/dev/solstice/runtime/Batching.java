package dev.solstice.runtime;

import dev.solstice.shape.ShapeMismatchException;

/**
 * One level of vectorising map ({@code jax.vmap}) on the current thread.
 *
 * <pre>{@code
 * try (Batching vmap = Batching.begin(x.dim(0))) {
 *   Tensor xs = vmap.in("x", x, 0);            // logical shape: one sample
 *   return vmap.out(model.forward(xs), 0);     // batch axis back in front
 * }
 * }</pre>
 *
 * <p>{@link #in} hides a batch axis of its argument: the tensor it returns carries the batch as a
 * hidden leading axis and reports the shape of one sample. Ops on such tensors run once over the
 * whole batch (their batching rules align hidden axes and shift axis arguments, and matmul becomes
 * one batched product), and their results carry the hidden axis on. {@link #out} turns it back into
 * an ordinary axis. Levels nest: each level adds one hidden axis, outermost first. Tensors that do
 * not depend on a level simply lack its axis and broadcast against those that do. Autodiff works
 * through all of it.
 */
public final class Batching implements AutoCloseable {
  private static final ThreadLocal<Batching> CURRENT = new ThreadLocal<>();

  private final Batching outer;
  private final int level;
  private final int size;
  private boolean closed;

  private Batching(Batching outer, int size) {
    this.outer = outer;
    this.level = outer == null ? 0 : outer.level + 1;
    this.size = size;
  }

  /** Opens a level of batch size {@code size} inside any levels already open on this thread. */
  public static Batching begin(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("Batching.begin: batch size must be >= 0, got " + size);
    }
    Batching batching = new Batching(CURRENT.get(), size);
    CURRENT.set(batching);
    return batching;
  }

  /** The batch size of this level. */
  public int size() {
    return size;
  }

  /** How deep this level is nested: 0 for the outermost. */
  public int level() {
    return level;
  }

  /**
   * {@code x} with its logical {@code axis} made this level's hidden batch axis; {@code name}
   * names the argument in errors. The axis must have the level's size.
   */
  public Tensor in(String name, Tensor x, int axis) {
    requireInnermost("in");
    int a = Shapes.axis("Batching.in(" + name + ")", axis, x.rank());
    if (x.batchAxes() > level) {
      throw new IllegalArgumentException(
          "Batching.in: argument " + name + " is already batched at this or an inner level");
    }
    if (x.dim(a) != size) {
      throw new ShapeMismatchException(
          "Batching.in: argument " + name + " has size " + x.dim(a) + " at axis " + axis + " (shape "
              + Shapes.str(x.shape()) + "), but the batch size is " + size);
    }
    int rank = x.rank();
    Tensor padded = Movement.reshapePhysical(x, Shapes.aligned(x, level, rank), level);
    return Movement.transposePhysical(padded, moveAxis(level + rank, level + a, level), level + 1);
  }

  /** {@link #in(String, Tensor, int)} applied to every tensor of {@code value} (a PRNG key, say). */
  public <T extends Batchable<T>> T in(String name, T value, int axis) {
    return value.mapTensors(t -> in(name, t, axis));
  }

  /**
   * {@code y} with this level's hidden batch axis turned into its logical {@code axis} (of the
   * result). A {@code y} that does not depend on this level is broadcast along that axis.
   */
  public Tensor out(Tensor y, int axis) {
    requireInnermost("out");
    if (y.batchAxes() > level + 1) {
      throw new IllegalStateException(
          "Batching.out: the tensor is batched by an inner level that was not closed through out(...)");
    }
    int a = Shapes.axis("Batching.out", axis, y.rank() + 1);
    int[] shape = y.physical();
    if (y.batchAxes() == level + 1 && shape[level] == 1 && size != 1) {
      y = Movement.reshapePhysical(y, removeAxis(shape, level), level);
    }
    if (y.batchAxes() <= level) {
      Tensor expanded = y.expandDims(a);
      int[] target = expanded.shape();
      target[a] = size;
      return expanded.broadcastTo(target);
    }
    return Movement.transposePhysical(y, moveAxis(shape.length, level, level + a), level);
  }

  /** {@link #out(Tensor, int)} applied to every tensor of {@code value}. */
  public <T extends Batchable<T>> T out(T value, int axis) {
    return value.mapTensors(t -> out(t, axis));
  }

  /** Closes this level; levels close innermost first. Closing twice does nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (CURRENT.get() != this) {
      throw new IllegalStateException("Batching levels must be closed innermost first, on the thread that opened them");
    }
    closed = true;
    if (outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(outer);
    }
  }

  /** The number of levels open on this thread. */
  public static int depth() {
    Batching current = CURRENT.get();
    return current == null ? 0 : current.level + 1;
  }

  private void requireInnermost(String what) {
    if (closed) {
      throw new IllegalStateException("Batching." + what + ": this level is closed");
    }
    if (CURRENT.get() != this) {
      throw new IllegalStateException(
          "Batching." + what + ": call it on the innermost open level, on the thread that opened it");
    }
  }

  /** The permutation of {@code rank} axes that moves axis {@code from} to position {@code to}, keeping the others in order. */
  private static int[] moveAxis(int rank, int from, int to) {
    int[] perm = new int[rank];
    for (int i = 0, source = 0; i < rank; i++) {
      if (i == to) {
        perm[i] = from;
        continue;
      }
      if (source == from) {
        source++;
      }
      perm[i] = source++;
    }
    return perm;
  }

  private static int[] removeAxis(int[] shape, int axis) {
    int[] out = new int[shape.length - 1];
    System.arraycopy(shape, 0, out, 0, axis);
    System.arraycopy(shape, axis + 1, out, axis, shape.length - axis - 1);
    return out;
  }
}
