package dev.solstice.runtime;

/**
 * Where a tracked tensor came from: the tensors it was computed from and the rule that turns the
 * gradient of the result into gradients of those inputs. A tensor without a node is untracked and
 * costs autodiff nothing; a node without inputs marks a leaf made by {@link Autodiff}.
 */
final class Node {
  /** A backward rule: the gradient of each input given the gradient of the result {@code out}. */
  @FunctionalInterface
  interface Rule {
    /**
     * Returns one gradient per input, or {@code null} for an input that needs none. A gradient may
     * have the broadcast shape the op computed in; the engine sums it down to the input's shape.
     */
    Tensor[] vjp(Tensor grad, Tensor out);
  }

  final Tensor[] inputs;
  final Rule rule;

  private Node(Tensor[] inputs, Rule rule) {
    this.inputs = inputs;
    this.rule = rule;
  }

  static Node leaf() {
    return new Node(new Tensor[0], null);
  }

  static Node of(Rule rule, Tensor... inputs) {
    return new Node(inputs, rule);
  }

  boolean isLeaf() {
    return rule == null;
  }
}
