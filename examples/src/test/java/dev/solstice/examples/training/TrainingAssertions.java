package dev.solstice.examples.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.runtime.DType;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.io.Checkpoint;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Checks the training examples' tests share: loss curve files and checkpoints. */
public final class TrainingAssertions {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private TrainingAssertions() {}

  /** {@code file} is a PNG of the loss curve's size with more than a blank canvas in it. */
  public static void assertLossCurvePng(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8), file + " does not start like a PNG");
    assertTrue(bytes.length > 10_000, file + " is only " + bytes.length + " bytes: no curve drawn?");
    BufferedImage image = ImageIO.read(file.toFile());
    assertNotNull(image, file + " does not decode as an image");
    assertEquals(800, image.getWidth());
    assertEquals(500, image.getHeight());
  }

  /**
   * The two checkpoints hold the same tensors bit for bit: model, optimizer state and loss history,
   * and the same step.
   */
  public static void assertSameCheckpoint(Path expected, Path actual) throws Exception {
    Checkpoint want = Checkpoint.read(expected);
    Checkpoint got = Checkpoint.read(actual);
    assertEquals(want.metadata().get(TrainingCheckpoint.STEP), got.metadata().get(TrainingCheckpoint.STEP), "step");
    for (String group : List.of("", "opt.", "history.")) {
      Map<String, Tensor> wantTensors = want.tensors(group);
      Map<String, Tensor> gotTensors = got.tensors(group);
      assertFalse(wantTensors.isEmpty(), "group '" + group + "' of " + expected + " is empty");
      assertEquals(wantTensors.keySet(), gotTensors.keySet(), "paths of group '" + group + "'");
      wantTensors.forEach((path, tensor) -> assertBitsEqual(tensor, gotTensors.get(path), group + path));
    }
  }

  private static void assertBitsEqual(Tensor expected, Tensor actual, String path) {
    assertEquals(expected.dtype(), actual.dtype(), path);
    assertArrayEquals(expected.shape(), actual.shape(), path);
    int[] want = bits(expected);
    int[] got = bits(actual);
    for (int i = 0; i < want.length; i++) {
      if (want[i] != got[i]) {
        throw new AssertionError(path + ", element " + i + ": uninterrupted run " + describe(expected, i)
            + ", resumed run " + describe(actual, i));
      }
    }
  }

  private static int[] bits(Tensor tensor) {
    if (tensor.dtype() != DType.FLOAT32) {
      return tensor.toIntArray();
    }
    float[] values = tensor.toFloatArray();
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Float.floatToRawIntBits(values[i]);
    }
    return bits;
  }

  private static String describe(Tensor tensor, int i) {
    return tensor.dtype() == DType.FLOAT32 ? Float.toString(tensor.toFloatArray()[i]) : Integer.toString(tensor.toIntArray()[i]);
  }
}
