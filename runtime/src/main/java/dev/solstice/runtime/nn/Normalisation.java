package dev.solstice.runtime.nn;

import dev.solstice.runtime.Tensor;
import dev.solstice.shape.ShapeMismatchException;
import java.util.Arrays;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What {@link LayerNorm} and {@link RmsNorm} share: their shape argument, input check and
 * elementwise affine step.
 */
final class Normalisation {
  private Normalisation() {}

  static List<Integer> shapeList(int[] shape) {
    return Arrays.stream(shape).boxed().toList();
  }

  /** {@code shape} as an array, checked to be a shape. */
  static int[] dims(String layer, List<Integer> shape) {
    int[] dims = shape.stream().mapToInt(Integer::intValue).toArray();
    for (int d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException(layer + ".init: negative dimension in shape " + shape);
      }
    }
    return dims;
  }

  /** Equinox's invariant {@code x.shape == shape}, with its hint for batches. */
  static void checkInput(String layer, List<Integer> shape, Tensor x) {
    if (!Arrays.equals(x.shape(), dims(layer, shape))) {
      throw new ShapeMismatchException(
          layer + ".forward: x has shape " + Arrays.toString(x.shape()) + " but the layer normalises"
              + " inputs of shape " + shape + "; for a batch of such inputs use " + layer
              + "Batched.forward");
    }
  }

  /** {@code normalised * weight + bias}, each factor left out where it is null. */
  static Tensor scaleAndShift(Tensor normalised, @Nullable Tensor weight, @Nullable Tensor bias) {
    Tensor out = weight == null ? normalised : weight.mul(normalised);
    return bias == null ? out : out.add(bias);
  }
}
