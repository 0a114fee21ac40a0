package dev.solstice.runtime;

import dev.solstice.runtime.kernel.Kernels;

/**
 * Every backward rule of the runtime, in one place (micrograd's {@code _backward} closures,
 * tinygrad's table of gradient functions). Each method is called by an op's forward code only when
 * an input is tracked, and returns the {@link Node} that records the inputs and the rule.
 *
 * <p>Rules compute with untracked values ({@link Tensor#detach()}), so backward passes record
 * nothing. A rule may return a gradient in the broadcast shape its op computed in; {@link Autodiff}
 * sums it down to the input's shape.
 */
final class Gradients {
  private Gradients() {}

  // ---- elementwise

  static Node unary(UnaryOp op, Tensor x) {
    return Node.of((g, y) -> new Tensor[] {
        Tensor.floats(unaryVjp(op, g.data(), x.floatData(), y.data()), x.physical(), x.batchAxes(), null)}, x);
  }

  /** {@code g * f'(x)} for each element, given input {@code x} and output {@code y}. */
  private static float[] unaryVjp(UnaryOp op, float[] g, float[] x, float[] y) {
    float[] d = op == UnaryOp.SIGN ? TapeBuffers.zeros(g.length) : TapeBuffers.uninitialized(g.length);
    switch (op) {
      case NEG -> { for (int i = 0; i < d.length; i++) d[i] = -g[i]; }
      case SQUARE -> { for (int i = 0; i < d.length; i++) d[i] = 2 * x[i] * g[i]; }
      case SQRT -> { for (int i = 0; i < d.length; i++) d[i] = g[i] * 0.5f / y[i]; }
      case RSQRT -> { for (int i = 0; i < d.length; i++) d[i] = g[i] * -0.5f * y[i] * y[i] * y[i]; }
      case EXP -> { for (int i = 0; i < d.length; i++) d[i] = g[i] * y[i]; }
      case LOG -> { for (int i = 0; i < d.length; i++) d[i] = g[i] / x[i]; }
      case TANH -> { for (int i = 0; i < d.length; i++) d[i] = g[i] * (1 - y[i] * y[i]); }
      case RELU -> Kernels.math().reluGrad(x, 0, g, 0, d, 0, d.length);
      case SIGMOID -> { for (int i = 0; i < d.length; i++) d[i] = g[i] * y[i] * (1 - y[i]); }
      case GELU -> Kernels.math().geluGrad(x, 0, g, 0, d, 0, d.length);
      case ABS -> { for (int i = 0; i < d.length; i++) d[i] = g[i] * Math.signum(x[i]); }
      case SIGN -> { }
    }
    return d;
  }

  static Node binary(BinaryOp op, Tensor a, Tensor b) {
    return Node.of((g, y) -> {
      Tensor av = a.detach();
      Tensor bv = b.detach();
      Tensor ga = null;
      Tensor gb = null;
      if (a.node != null) {
        ga = switch (op) {
          case ADD, SUB -> g;
          case MUL -> g.mul(bv);
          case DIV -> g.div(bv);
          case POW -> g.mul(bv).mul(av.pow(bv.sub(1f)));
          case MAXIMUM -> g.mul(tieShare(av, bv));
          case MINIMUM -> g.mul(tieShare(bv, av));
        };
      }
      if (b.node != null) {
        gb = switch (op) {
          case ADD -> g;
          case SUB -> g.neg();
          case MUL -> g.mul(av);
          case DIV -> g.mul(y.detach()).div(bv).neg();
          case POW -> g.mul(y.detach()).mul(Tensor.where(av.eq(0f), Tensor.scalar(1f), av).log());
          case MAXIMUM -> g.mul(tieShare(bv, av));
          case MINIMUM -> g.mul(tieShare(av, bv));
        };
      }
      return new Tensor[] {ga, gb};
    }, a, b);
  }

  /** 1 where {@code u} wins, 0.5 at ties, 0 where it loses: JAX's split of a max's gradient. */
  private static Tensor tieShare(Tensor u, Tensor v) {
    return Tensor.where(u.gt(v), Tensor.scalar(1f), Tensor.where(u.eq(v), Tensor.scalar(0.5f), Tensor.scalar(0f)));
  }

  static Node where(Tensor cond, Tensor a, Tensor b) {
    return Node.of((g, y) -> {
      Tensor zero = Tensor.scalar(0f);
      return new Tensor[] {
          a.node == null ? null : Tensor.where(cond, g, zero),
          b.node == null ? null : Tensor.where(cond, zero, g)};
    }, a, b);
  }

  // ---- reductions

  /** Sum (scale 1) or mean (scale 1/count) down to the keepdims shape {@code keep}. */
  static Node sum(Tensor x, int[] keep, float scale) {
    return Node.of((g, y) -> {
      float[] d = Movement.expand(g.data(), keep, x.physical());
      if (scale != 1f) {
        for (int i = 0; i < d.length; i++) {
          d[i] *= scale;
        }
      }
      return new Tensor[] {Tensor.floats(d, x.physical(), x.batchAxes(), null)};
    }, x);
  }

  /** Max or min: the gradient goes to the elements equal to the result, split equally at ties. */
  static Node extremum(Tensor x, Tensor kept) {
    return Node.of((g, y) -> {
      int nb = x.batchAxes();
      Tensor hits = x.detach().eq(kept).asType(DType.FLOAT32);
      int[] keep = kept.physical();
      Tensor count = Tensor.floats(Reductions.sumTo(hits.data(), x.physical(), keep), keep, nb, null);
      Tensor share = Tensor.floats(g.data(), keep, nb, null).div(count);
      return new Tensor[] {hits.mul(share)};
    }, x);
  }

  // ---- softmax

  /** Softmax over the last axis: {@code y (g - sum(g y))} per row, from its output {@code y}. */
  static Node softmax(Tensor x, float[] y, int classes) {
    return Node.of((g, out) -> new Tensor[] {
        Tensor.floats(Softmax.softmaxVjp(g.data(), y, classes), x.physical(), x.batchAxes(), null)}, x);
  }

  /** Log-softmax over the last axis: {@code g - exp(y) sum(g)} per row, from its output {@code y}. */
  static Node logSoftmax(Tensor x, float[] y, int classes) {
    return Node.of((g, out) -> new Tensor[] {
        Tensor.floats(Softmax.logSoftmaxVjp(g.data(), y, classes), x.physical(), x.batchAxes(), null)}, x);
  }

  // ---- losses

  /** Softmax cross-entropy: {@code g * (softmax - oneHot)} per row, from the forward pass's softmax. */
  static Node softmaxCrossEntropy(Tensor logits, float[] softmax, int[] labels) {
    return Node.of((g, y) -> new Tensor[] {
        Tensor.floats(SoftmaxCrossEntropy.vjp(g.data(), softmax, labels), logits.physical(), logits.batchAxes(), null)},
        logits);
  }

  // ---- movement

  static Node reshape(Tensor x) {
    return Node.of((g, y) -> new Tensor[] {Tensor.floats(g.data(), x.physical(), x.batchAxes(), null)}, x);
  }

  static Node transpose(Tensor x, int[] perm) {
    int[] inverse = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      inverse[perm[i]] = i;
    }
    return Node.of((g, y) -> new Tensor[] {Movement.transposePhysical(g, inverse, x.batchAxes())}, x);
  }

  /** A plain copy: the gradient passes through. */
  static Node copy(Tensor x) {
    return Node.of((g, y) -> new Tensor[] {g}, x);
  }

  /** A broadcast copy: the engine sums the gradient back down to {@code x}. */
  static Node expand(Tensor x) {
    return Node.of((g, y) -> new Tensor[] {g}, x);
  }

  static Node slice(Tensor x, int axis, int from) {
    return Node.of((g, y) -> new Tensor[] {
        Tensor.floats(Movement.pad(g.data(), x.physical(), axis, from, g.physical()[axis]), x.physical(), x.batchAxes(), null)}, x);
  }

  static Node concat(Tensor[] parts, int axis, int[] lengths) {
    return Node.of((g, y) -> {
      Tensor[] grads = new Tensor[parts.length];
      for (int k = 0, at = 0; k < parts.length; at += lengths[k], k++) {
        if (parts[k].node != null) {
          grads[k] = Movement.slicePhysical(g, axis, at, at + lengths[k]);
        }
      }
      return grads;
    }, parts);
  }

  static Node take(Tensor x, Tensor indices, Movement.Gather gather) {
    return Node.of((g, y) -> new Tensor[] {
        Tensor.floats(Movement.scatterAdd(g.data(), x, indices, gather), x.physical(), x.batchAxes(), null)}, x);
  }

  // ---- linear algebra

  /** dA = g B^T and dB = A^T g, each summed over the batch positions its operand was shared across. */
  static Node matmul(Tensor a, Tensor b, int[] prefixA, int[] prefixB, int[] prefix, int m, int n, int k) {
    return Node.of((g, y) -> {
      Tensor ga = null;
      Tensor gb = null;
      if (a.node != null) {
        float[] z = Matmul.product(Matmul.operand(g, prefix, m, n, false),
            Matmul.operand(b, prefixB, n, k, true), prefixA);
        ga = Tensor.floats(z, a.physical(), a.batchAxes(), null);
      }
      if (b.node != null) {
        float[] z = Matmul.product(Matmul.operand(a, prefixA, k, m, true),
            Matmul.operand(g, prefix, m, n, false), prefixB);
        gb = Tensor.floats(z, b.physical(), b.batchAxes(), null);
      }
      return new Tensor[] {ga, gb};
    }, a, b);
  }
}
