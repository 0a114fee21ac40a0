package dev.solstice.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reverse-mode automatic differentiation on a dynamic tape, as micrograd does it: {@link
 * #valueAndGrad} hands {@code f} tracked aliases of its inputs, every op on a tracked tensor records
 * its inputs and backward rule in the result, and one reverse walk over the results in topological
 * order accumulates the gradients. The tape is reachable only from the result, so concurrent calls
 * on different threads share nothing.
 */
public final class Autodiff {
  private Autodiff() {}

  /**
   * The value of the scalar {@code f(inputs)} and its gradient with respect to each input, in input
   * order (zeros for inputs {@code f} does not use). Inputs must be float32.
   *
   * <p>Inside a {@link Batching} level {@code f} may return a per-sample scalar; the gradient of an
   * input that is not batched is then summed over the batch.
   *
   * <p>As in JAX, the values {@code f} computes live only while it runs: when this method returns,
   * their memory goes to the next step's values, and reading a tensor {@code f} made (or a view of
   * it) throws {@link IllegalStateException}. The value and gradients returned stay, as do copies
   * made inside {@code f} with {@link Tensor#copy()}.
   */
  public static ValueAndGrad<List<Tensor>> valueAndGrad(List<Tensor> inputs, Function<List<Tensor>, Tensor> f) {
    List<Tensor> tracked = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      Tensor input = inputs.get(i);
      if (!input.isFloat()) {
        throw new IllegalArgumentException(
            "valueAndGrad: input " + i + " is " + input.dtype() + "; only FLOAT32 tensors can be differentiated");
      }
      tracked.add(input.withNode(Node.leaf()));
    }
    // The pass covers the forward too: its values are dropped with the tape, so their arrays are
    // reused by the next step (and the tensors over them released).
    TapeBuffers buffers = TapeBuffers.open();
    List<Tensor> result = new ArrayList<>(inputs.size());
    Tensor out;
    try {
      out = f.apply(Collections.unmodifiableList(tracked));
    } catch (RuntimeException | Error e) {
      buffers.close(null);
      throw e;
    }
    if (out == null || !out.isFloat() || out.rank() != 0) {
      buffers.close(null);
      throw new IllegalArgumentException(
          "valueAndGrad: f must return a float32 scalar, got " + (out == null ? "null" : out.dtype() + " of shape " + Arrays.toString(out.shape())));
    }
    try {
      Map<Tensor, Tensor> grads = backward(out);
      for (int i = 0; i < inputs.size(); i++) {
        Tensor grad = grads.get(tracked.get(i));
        Tensor input = inputs.get(i);
        result.add(grad != null ? grad : Tensor.floats(new float[Shapes.size(input.physical())], input.physical(), input.batchAxes(), null));
      }
    } finally {
      // Only the gradients handed back leave the pass; all else it made can be reused.
      buffers.close(result.size() == inputs.size() ? withValue(result, out) : null);
    }
    return new ValueAndGrad<>(out.detach(), Collections.unmodifiableList(result));
  }

  private static List<Tensor> withValue(List<Tensor> gradients, Tensor value) {
    List<Tensor> kept = new ArrayList<>(gradients);
    kept.add(value);
    return kept;
  }

  /** {@link #valueAndGrad(List, Function)} for a function of one tensor. */
  public static ValueAndGrad<Tensor> valueAndGrad(Tensor input, Function<Tensor, Tensor> f) {
    ValueAndGrad<List<Tensor>> vg = valueAndGrad(List.of(input), xs -> f.apply(xs.get(0)));
    return new ValueAndGrad<>(vg.value(), vg.grad().get(0));
  }

  /** The gradients of {@code out} at every leaf reachable from it. */
  private static Map<Tensor, Tensor> backward(Tensor out) {
    Map<Tensor, Tensor> grads = new IdentityHashMap<>();
    if (out.node == null) {
      return grads;
    }
    List<Tensor> order = topologicalOrder(out);
    float[] ones = new float[Shapes.size(out.physical())];
    Arrays.fill(ones, 1f);
    grads.put(out, Tensor.floats(ones, out.physical(), out.batchAxes(), null));
    for (int t = order.size() - 1; t >= 0; t--) {
      Tensor tensor = order.get(t);
      Node node = tensor.node;
      if (node.isLeaf()) {
        continue;
      }
      Tensor grad = grads.remove(tensor);
      if (grad == null) {
        continue;
      }
      Tensor[] inputGrads = node.rule.vjp(grad, tensor);
      for (int i = 0; i < node.inputs.length; i++) {
        Tensor input = node.inputs[i];
        if (input.node == null || inputGrads[i] == null) {
          continue;
        }
        Tensor g = sumTo(inputGrads[i], input);
        grads.merge(input, g, Tensor::add);
      }
    }
    return grads;
  }

  /** Tracked tensors reachable from {@code out}, each after all of its inputs; iterative, so deep graphs do not overflow the stack. */
  private static List<Tensor> topologicalOrder(Tensor out) {
    List<Tensor> order = new ArrayList<>();
    Map<Tensor, Boolean> visited = new IdentityHashMap<>();
    List<Tensor> stack = new ArrayList<>();
    List<Integer> next = new ArrayList<>();
    stack.add(out);
    next.add(0);
    visited.put(out, Boolean.TRUE);
    while (!stack.isEmpty()) {
      int top = stack.size() - 1;
      Tensor tensor = stack.get(top);
      int i = next.get(top);
      Tensor[] inputs = tensor.node.inputs;
      if (i < inputs.length) {
        next.set(top, i + 1);
        Tensor input = inputs[i];
        if (input.node != null && visited.put(input, Boolean.TRUE) == null) {
          stack.add(input);
          next.add(0);
        }
      } else {
        order.add(tensor);
        stack.remove(top);
        next.remove(top);
      }
    }
    return order;
  }

  /** {@code grad} summed over the axes along which {@code target} was broadcast, in {@code target}'s physical shape. */
  static Tensor sumTo(Tensor grad, Tensor target) {
    if (grad.batchAxes() == target.batchAxes() && Arrays.equals(grad.physical(), target.physical())) {
      return grad;
    }
    if (target.batchAxes() > grad.batchAxes() || target.rank() > grad.rank()) {
      throw new IllegalStateException(
          "gradient of shape " + Arrays.toString(grad.physical()) + " cannot be summed down to "
              + Arrays.toString(target.physical()));
    }
    int[] aligned = Shapes.aligned(target, grad.batchAxes(), grad.rank());
    float[] summed = Reductions.sumTo(grad.data(), grad.physical(), aligned);
    return Tensor.floats(summed, target.physical(), target.batchAxes(), null);
  }
}
