package dev.solstice.examples.fashion;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.io.Idx;
import dev.solstice.runtime.io.LabeledData;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fashion-MNIST as the Debian package {@code dataset-fashion-mnist} installs it: four gzipped
 * IDX files of 28x28 grey images (60000 for training, 10000 for testing) and their class 0..9.
 */
public final class FashionData {
  /** Where the Debian package puts the files. */
  public static final String DEBIAN_DIRECTORY = "/usr/share/datasets/fashion-mnist";
  /** The largest pixel value. */
  static final float MAX_PIXEL = 255f;

  private FashionData() {}

  /** The training set in {@code directory}: at most {@code limit} examples (0 for all), pixels in [0, 1], {@code [n, 784]}. */
  public static LabeledData train(Path directory, int limit) throws IOException {
    return load(directory, "train", limit);
  }

  /** The test set in {@code directory}, as {@link #train}. */
  public static LabeledData test(Path directory, int limit) throws IOException {
    return load(directory, "t10k", limit);
  }

  private static LabeledData load(Path directory, String prefix, int limit) throws IOException {
    Tensor images = Idx.read(file(directory, prefix + "-images-idx3-ubyte.gz"));
    Tensor labels = Idx.read(file(directory, prefix + "-labels-idx1-ubyte.gz"));
    int n = limit > 0 ? Math.min(limit, images.dim(0)) : images.dim(0);
    Tensor flat = images.reshape(images.dim(0), -1).slice(0, 0, n).div(MAX_PIXEL);
    return new LabeledData(flat, labels.slice(0, 0, n));
  }

  private static Path file(Path directory, String name) throws FileNotFoundException {
    Path file = directory.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new FileNotFoundException("Fashion-MNIST file " + file + " not found: install the Debian package"
          + " dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or point --data at a directory"
          + " holding " + name);
    }
    return file;
  }
}
