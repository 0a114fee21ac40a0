package dev.solstice.runtime.io;

import dev.solstice.runtime.DType;
import dev.solstice.runtime.Tensor;
import java.util.Arrays;

/**
 * A table of examples: {@code features} float32 {@code [n, d]} and their {@code labels} int32
 * {@code [n]}, row {@code i} of one belonging to element {@code i} of the other.
 *
 * @param features float32 {@code [n, d]}
 * @param labels int32 {@code [n]}
 */
public record LabeledData(Tensor features, Tensor labels) {

  /** Checks dtypes, ranks and that both hold the same number of examples. */
  public LabeledData {
    if (features.dtype() != DType.FLOAT32 || features.rank() != 2) {
      throw new IllegalArgumentException("features must be float32 [n, d], not " + features.dtype() + " "
          + Arrays.toString(features.shape()));
    }
    if (labels.dtype() != DType.INT32 || labels.rank() != 1 || labels.dim(0) != features.dim(0)) {
      throw new IllegalArgumentException("labels must be int32 [" + features.dim(0) + "] to match features "
          + Arrays.toString(features.shape()) + ", not " + labels.dtype() + " " + Arrays.toString(labels.shape()));
    }
  }

  /** The number of examples, n. */
  public int size() {
    return features.dim(0);
  }
}
