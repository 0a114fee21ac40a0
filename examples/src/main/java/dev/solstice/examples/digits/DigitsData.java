package dev.solstice.examples.digits;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.io.Csv;
import dev.solstice.runtime.io.CsvOptions;
import dev.solstice.runtime.io.LabeledData;
import dev.solstice.runtime.random.Key;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * scikit-learn's digits (the UCI optical digits test set, see {@code digits.rst} next to the
 * data): 1797 images of 8x8 pixels valued 0..16, and their digit.
 */
public final class DigitsData {
  /** The resource next to this class: 65 comma-separated integers a row, the digit last. */
  static final String RESOURCE = "digits.csv.gz";
  /** The largest pixel value. */
  static final float MAX_PIXEL = 16f;

  private DigitsData() {}

  /** All 1797 examples, pixels scaled to [0, 1]. */
  public static LabeledData load() {
    try (InputStream in = DigitsData.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing next to " + DigitsData.class.getName());
      }
      LabeledData raw = Csv.read(in, RESOURCE, CsvOptions.defaults());
      return new LabeledData(raw.features().div(MAX_PIXEL), raw.labels());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the digits resource " + RESOURCE, e);
    }
  }

  /**
   * A random split: the first {@code testCount} examples of {@code key.permutation(n)} for
   * testing, the others for training.
   *
   * @return {train, test}
   */
  public static LabeledData[] split(LabeledData data, int testCount, Key key) {
    if (testCount < 1 || testCount >= data.size()) {
      throw new IllegalArgumentException(
          "the test set must hold between 1 and " + (data.size() - 1) + " examples, found " + testCount);
    }
    Tensor order = key.permutation(data.size());
    return new LabeledData[] {
      select(data, order.slice(0, testCount, data.size())), select(data, order.slice(0, 0, testCount))
    };
  }

  private static LabeledData select(LabeledData data, Tensor indices) {
    return new LabeledData(data.features().take(indices), data.labels().take(indices));
  }
}
