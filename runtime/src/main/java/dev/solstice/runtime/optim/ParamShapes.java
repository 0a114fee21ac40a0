package dev.solstice.runtime.optim;

import dev.solstice.runtime.tree.FlatTree;
import java.util.Arrays;

/** The check that gradients fit the parameters they are for, before an optimizer step. */
final class ParamShapes {
  private ParamShapes() {}

  /** Throws unless {@code grads} has as many leaves as {@code params}, each of its parameter's shape. */
  static void checkGradients(FlatTree grads, FlatTree params) {
    if (grads.size() != params.size()) {
      throw new IllegalArgumentException(
          "gradients have " + grads.size() + " leaves " + grads.paths() + " but parameters have " + params.size()
              + " " + params.paths());
    }
    for (int i = 0; i < grads.size(); i++) {
      int[] g = grads.leaves().get(i).shape();
      int[] p = params.leaves().get(i).shape();
      if (!Arrays.equals(g, p)) {
        throw new IllegalArgumentException(
            "gradient '" + grads.paths().get(i) + "' has shape " + Arrays.toString(g) + " but parameter '"
                + params.paths().get(i) + "' has shape " + Arrays.toString(p));
      }
    }
  }
}
