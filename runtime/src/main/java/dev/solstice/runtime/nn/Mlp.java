package dev.solstice.runtime.nn;

import dev.solstice.annotations.Model;
import dev.solstice.annotations.Shape;
import dev.solstice.annotations.Static;
import dev.solstice.annotations.Vmap;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;
import dev.solstice.runtime.tree.TreeNode;
import dev.solstice.shape.ShapeScope;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A multi-layer perceptron: {@code equinox.nn.MLP}. Linear layers with {@code activation} after
 * each hidden layer and {@code finalActivation} after the last.
 *
 * @param layers {@code depth + 1} linear layers: {@code in_size → width_size}, {@code depth - 1}
 *     times {@code width_size → width_size}, {@code width_size → out_size} (a single {@code in_size
 *     → out_size} layer when {@code depth} is 0)
 * @param activation applied after every layer but the last; an {@link Activation} or any function
 * @param finalActivation applied after the last layer
 */
@Model
public record Mlp(
    List<Linear> layers,
    @Static UnaryOperator<Tensor> activation,
    @Static UnaryOperator<Tensor> finalActivation)
    implements Layer {

  /** Makes a copy of {@code layers}, which must not be empty. */
  public Mlp {
    layers = List.copyOf(layers);
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("an Mlp needs at least one layer");
    }
  }

  /**
   * Equinox's defaults: ReLU between layers, the identity at the end, biases everywhere, as {@code
   * MLP(in_size, out_size, width_size, depth, key=key)}.
   */
  public static Mlp init(int inSize, int outSize, int widthSize, int depth, Key key) {
    return init(inSize, outSize, widthSize, depth, Activation.RELU, Activation.IDENTITY, true, true, key);
  }

  /**
   * As {@code MLP(in_size, out_size, width_size, depth, activation, final_activation, use_bias,
   * use_final_bias, key=key)}: layer {@code i} is initialised as {@link Linear#init} with key
   * {@code i} of {@code key.split(depth + 1)}.
   *
   * @param depth the number of hidden layers; 0 makes a single linear layer
   * @param useBias whether the layers before the last have a bias
   * @param useFinalBias whether the last layer has one
   */
  public static Mlp init(
      int inSize,
      int outSize,
      int widthSize,
      int depth,
      UnaryOperator<Tensor> activation,
      UnaryOperator<Tensor> finalActivation,
      boolean useBias,
      boolean useFinalBias,
      Key key) {
    if (depth < 0) {
      throw new IllegalArgumentException("Mlp.init: depth must be >= 0, found " + depth);
    }
    Key[] keys = key.split(depth + 1);
    List<Linear> layers = new ArrayList<>(depth + 1);
    if (depth == 0) {
      layers.add(Linear.init(inSize, outSize, useFinalBias, keys[0]));
    } else {
      layers.add(Linear.init(inSize, widthSize, useBias, keys[0]));
      for (int i = 1; i < depth; i++) {
        layers.add(Linear.init(widthSize, widthSize, useBias, keys[i]));
      }
      layers.add(Linear.init(widthSize, outSize, useFinalBias, keys[depth]));
    }
    return new Mlp(layers, activation, finalActivation);
  }

  /** The input size. */
  public int inSize() {
    return layers.get(0).inFeatures();
  }

  /** The output size. */
  public int outSize() {
    return layers.get(layers.size() - 1).outFeatures();
  }

  /** The number of hidden layers. */
  public int depth() {
    return layers.size() - 1;
  }

  /** One sample through every layer. */
  @Vmap
  public @Shape("out_size") Tensor forward(@Shape("in_size") Tensor x) {
    if (ShapeScope.enabled()) {
      new ShapeScope().check("x of Mlp.forward", Integer.toString(inSize()), x.shape());
    }
    int last = layers.size() - 1;
    for (int i = 0; i < last; i++) {
      x = activation.apply(layers.get(i).forward(x));
    }
    return finalActivation.apply(layers.get(last).forward(x));
  }

  /** {@link #forward}; the key is ignored. */
  @Override
  public Tensor apply(Tensor x, @Nullable Key key) {
    return forward(x);
  }

  @Override
  public TreeNode.Def nodeDef() {
    return MlpTree.NODE;
  }
}
