package dev.solstice.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.runtime.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
  @TempDir Path dir;

  @Test
  void readsFeaturesAndLabelsFromTheLastColumn() throws IOException {
    LabeledData data = Csv.read(write("1,2.5,0\n-3e-1, .5 ,7\r\n\n4,nan,-2\n"));
    assertEquals(3, data.size());
    assertArrayEquals(new int[] {3, 2}, data.features().shape());
    assertArrayEquals(new float[] {1f, 2.5f, -0.3f, 0.5f, 4f, Float.NaN}, data.features().toFloatArray());
    assertArrayEquals(new int[] {0, 7, -2}, data.labels().toIntArray());
  }

  @Test
  void optionsChooseDelimiterHeaderAndLabelColumn() throws IOException {
    CsvOptions options = CsvOptions.defaults().withDelimiter(';').withHeader(true).withLabelColumn(0);
    LabeledData data = Csv.read(write("\uFEFFdigit;x;y\n3;1;-inf\n+4;Infinity;1E2\n"), options);
    assertArrayEquals(new float[] {1f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 100f},
        data.features().toFloatArray());
    assertArrayEquals(new int[] {3, 4}, data.labels().toIntArray());
  }

  @Test
  void digitsHasTheShapeAndContentNumpySees() throws IOException {
    LabeledData data;
    try (InputStream in = getClass().getResourceAsStream("/io/csv/digits.csv.gz")) {
      data = Csv.read(in, "digits.csv.gz", CsvOptions.defaults());
    }
    assertArrayEquals(new int[] {1797, 64}, data.features().shape());
    assertArrayEquals(new int[] {1797}, data.labels().shape());
    int[] counts = new int[10];
    for (int label : data.labels().toIntArray()) {
      counts[label]++;
    }
    // np.bincount of the last column of np.loadtxt(digits.csv.gz), by the Python oracle
    assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, counts);
    float[] features = data.features().toFloatArray();
    double sum = 0;
    for (float value : features) {
      assertTrue(value >= 0 && value <= 16);
      sum += value;
    }
    assertEquals(561718.0, sum);
    assertArrayEquals(new float[] {0, 0, 10, 14, 8, 1, 0, 0}, Arrays.copyOfRange(features, 1796 * 64, 1796 * 64 + 8));
    assertEquals(8, data.labels().toIntArray()[1796]);
  }

  @Test
  void gzipIsDetectedByContentNotName() throws IOException {
    Path file = dir.resolve("digits.csv");
    try (InputStream in = getClass().getResourceAsStream("/io/csv/digits.csv.gz")) {
      Files.copy(in, file);
    }
    assertEquals(1797, Csv.read(file).size());
  }

  @Test
  void errorsNameLineAndColumn() throws IOException {
    assertRejected("1,2,3\n4,5\n", 2, 0, "line 2", "expected 3 values (as on line 1), found 2");
    assertRejected("1,2,3\n4,x5,6\n", 2, 2, "line 2, column 2", "'x5' is not a number");
    assertRejected("1,,3\n", 1, 2, "column 2", "empty value");
    assertRejected("1,2,3.5\n", 1, 3, "column 3", "label '3.5' is not an integer");
    assertRejected("1,2,99999999999\n", 1, 3, "label 99999999999 is outside the int32 range");
    assertRejected("1,1e39,3\n", 1, 2, "1e39 is outside the float32 range");
    assertRejected("1,0x10,3\n", 1, 2, "'0x10' is not a number");
    assertRejected("1,2f,3\n", 1, 2, "'2f' is not a number");
    assertRejected("\n\n", 2, 0, "no data rows");
    assertRejected("5\n", 1, 0, "at least one feature and a label");
  }

  @Test
  void errorsUseHeaderNames() throws IOException {
    CsvOptions header = CsvOptions.defaults().withHeader(true);
    assertRejected("a,b,label\n1,?,2\n", header, 2, 2, "line 2, column 2 (\"b\")", "'?' is not a number");
    assertRejected("a,b\n1,2,3\n", header, 1, 0, "the header names 2 columns but the rows have 3");
    assertRejected("a,b\n", header, 1, 0, "no data rows");
    assertRejected("1,2\n", CsvOptions.defaults().withLabelColumn(2), 1, 0, "label column 2 does not exist");
    assertRejected("1,2\n", CsvOptions.defaults().withLabelColumn(-3), 1, 0, "label column -3 does not exist");
  }

  @Test
  void badEncodingAndBadGzipAreFormatErrors() throws IOException {
    Path latin1 = dir.resolve("latin1.csv");
    Files.write(latin1, "1,2,3\n\u00e9,1,2\n".getBytes(StandardCharsets.ISO_8859_1));
    CsvFormatException e = assertThrows(CsvFormatException.class, () -> Csv.read(latin1));
    assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    Path gzip = dir.resolve("bad.csv.gz");
    Files.write(gzip, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3});
    e = assertThrows(CsvFormatException.class, () -> Csv.read(gzip));
    assertTrue(e.getMessage().contains("gzip"), e.getMessage());
  }

  @Test
  void labeledDataChecksThatFeaturesAndLabelsBelongTogether() {
    Tensor features = Tensor.of(new float[6], 2, 3);
    assertEquals(2, new LabeledData(features, Tensor.ofInts(new int[2], 2)).size());
    assertThrows(IllegalArgumentException.class, () -> new LabeledData(features, Tensor.ofInts(new int[3], 3)));
    assertThrows(IllegalArgumentException.class, () -> new LabeledData(features, Tensor.of(new float[2], 2)));
    assertThrows(IllegalArgumentException.class, () -> new LabeledData(Tensor.of(new float[6], 6), Tensor.ofInts(new int[6], 6)));
  }

  private Path write(String text) throws IOException {
    Path file = Files.createTempFile(dir, "table", ".csv");
    Files.writeString(file, text);
    return file;
  }

  private void assertRejected(String text, long line, int column, String... fragments) throws IOException {
    assertRejected(text, CsvOptions.defaults(), line, column, fragments);
  }

  private void assertRejected(String text, CsvOptions options, long line, int column, String... fragments)
      throws IOException {
    Path file = write(text);
    CsvFormatException e = assertThrows(CsvFormatException.class, () -> Csv.read(file, options));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertEquals(line, e.line(), e.getMessage());
    assertEquals(column, e.column(), e.getMessage());
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }
  }
}
