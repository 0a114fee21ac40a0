package dev.solstice.runtime.nn;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;
import dev.solstice.runtime.tree.TreeDef;
import dev.solstice.runtime.tree.TreeNode;
import java.util.List;
import java.util.function.UnaryOperator;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The usual elementwise activations, as {@code jax.nn} defines them. Each is a function for
 * {@link Mlp} and a parameter-free {@link Layer} for {@link Sequential} (Equinox's {@code
 * nn.Lambda(jax.nn.relu)}).
 */
public enum Activation implements UnaryOperator<Tensor>, Layer {
  /** {@code jax.nn.relu}: {@code max(x, 0)}. */
  RELU {
    @Override
    public Tensor apply(Tensor x) {
      return x.relu();
    }
  },
  /** {@code jax.nn.tanh}. */
  TANH {
    @Override
    public Tensor apply(Tensor x) {
      return x.tanh();
    }
  },
  /** {@code jax.nn.gelu} with its default tanh approximation. */
  GELU {
    @Override
    public Tensor apply(Tensor x) {
      return x.gelu();
    }
  },
  /** {@code jax.nn.sigmoid}: {@code 1 / (1 + exp(-x))}. */
  SIGMOID {
    @Override
    public Tensor apply(Tensor x) {
      return x.sigmoid();
    }
  },
  /** The identity, Equinox's default final activation of an MLP. */
  IDENTITY {
    @Override
    public Tensor apply(Tensor x) {
      return x;
    }
  };

  /** This activation applied to every element of {@code x}; the key is ignored. */
  @Override
  public Tensor apply(Tensor x, @Nullable Key key) {
    return apply(x);
  }

  /** An activation has no parameters: its tree has no leaves. */
  @Override
  public TreeNode.Def nodeDef() {
    return NoParameters.DEF;
  }

  /** The tree of an activation, which has no parameters. */
  private static final class NoParameters implements TreeDef<Activation> {
    static final TreeNode.Def DEF = TreeNode.def(Activation.class, new NoParameters(), (first, second) -> first);

    @Override
    public List<Tensor> leaves(Activation activation) {
      return List.of();
    }

    @Override
    public List<String> paths(Activation activation) {
      return List.of();
    }

    @Override
    public Activation rebuild(Activation like, List<Tensor> leaves) {
      if (!leaves.isEmpty()) {
        throw new IllegalArgumentException(
            "an activation has no parameters, but " + leaves.size() + " leaves were given to rebuild " + like);
      }
      return like;
    }
  }
}
