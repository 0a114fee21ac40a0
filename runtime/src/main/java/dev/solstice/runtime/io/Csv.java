package dev.solstice.runtime.io;

import dev.solstice.runtime.Tensor;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.ZipException;

/**
 * Reads a numeric CSV table of examples, plain or gzip-compressed (recognised by its first
 * bytes), into float32 features {@code [n, d]} and int32 labels {@code [n]}: for instance the
 * 1797 rows of scikit-learn's digits, 64 pixel values and the digit in the last column.
 *
 * <p>Every row must have the same number of values. Values are decimal numbers ({@code 3},
 * {@code -0.5}, {@code 1e-3}, {@code nan}, {@code inf}), surrounding spaces allowed; labels are
 * integers. Blank lines are skipped; quoting is not supported. Every problem is reported as a
 * {@link CsvFormatException} naming the line and column.
 */
public final class Csv {
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

  private final String source;
  private final CsvOptions options;
  private List<String> names;
  private int columns = -1;
  private int labelColumn;
  private long firstRowLine;
  private float[] features = new float[1024];
  private int featureCount;
  private int[] labels = new int[64];
  private int rows;

  private Csv(String source, CsvOptions options) {
    this.source = source;
    this.options = options;
  }

  /** Reads {@code file} with {@code options}. */
  public static LabeledData read(Path file, CsvOptions options) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), options);
    }
  }

  /** Reads {@code file} with {@link CsvOptions#defaults()}: commas, no header, label last. */
  public static LabeledData read(Path file) throws IOException {
    return read(file, CsvOptions.defaults());
  }

  /**
   * Reads a CSV stream with {@code options}; {@code source} names it in messages. The stream is
   * read to its end but not closed.
   */
  public static LabeledData read(InputStream in, String source, CsvOptions options) throws IOException {
    Csv csv = new Csv(source, options);
    try {
      GzipDetector.Opened opened = GzipDetector.open(in);
      var decoder = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      return csv.parse(new BufferedReader(new InputStreamReader(opened.stream(), decoder)));
    } catch (ZipException | EOFException e) {
      throw new CsvFormatException(0, 0, source + ": corrupt or truncated gzip data: " + GzipDetector.describe(e));
    }
  }

  private LabeledData parse(BufferedReader reader) throws IOException {
    long lineNumber = 0;
    while (true) {
      String line;
      try {
        line = reader.readLine();
      } catch (CharacterCodingException e) {
        // The reader decodes ahead of the line it returns, so the bad bytes are on this line or a later one.
        throw new CsvFormatException(lineNumber + 1, 0,
            source + ": not valid UTF-8 (the malformed bytes are on line " + (lineNumber + 1) + " or a later one)");
      }
      if (line == null) {
        break;
      }
      lineNumber++;
      if (lineNumber == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1); // byte order mark
      }
      if (line.isBlank()) {
        continue;
      }
      List<String> fields = split(line);
      if (options.header() && names == null) {
        names = fields;
      } else {
        addRow(fields, lineNumber);
      }
    }
    if (rows == 0) {
      throw new CsvFormatException(lineNumber, 0, source + ": no data rows");
    }
    if (names != null && names.size() != columns) {
      throw new CsvFormatException(1, 0, source + ": the header names " + names.size() + " columns but the rows have "
          + columns + " (first row on line " + firstRowLine + ")");
    }
    return new LabeledData(
        Tensor.of(Arrays.copyOf(features, featureCount), rows, columns - 1),
        Tensor.ofInts(Arrays.copyOf(labels, rows), rows));
  }

  private void addRow(List<String> fields, long line) throws CsvFormatException {
    if (columns < 0) {
      startTable(fields.size(), line);
    }
    if (fields.size() != columns) {
      throw new CsvFormatException(line, 0, source + ": line " + line + ": expected " + columns + " values (as on line "
          + firstRowLine + "), found " + fields.size());
    }
    if (rows == labels.length) {
      labels = Arrays.copyOf(labels, 2 * rows);
    }
    long needed = (long) featureCount + columns - 1;
    if (needed > features.length) {
      if (needed > ArrayLimit.MAX_ELEMENTS) {
        throw new CsvFormatException(line, 0, source + ": line " + line + ": more feature values than one tensor can hold ("
            + ArrayLimit.MAX_ELEMENTS + ")");
      }
      features = Arrays.copyOf(features, (int) Math.min(ArrayLimit.MAX_ELEMENTS, Math.max(2L * features.length, needed)));
    }
    for (int column = 0; column < columns; column++) {
      String text = fields.get(column);
      if (column == labelColumn) {
        labels[rows] = parseLabel(text, line, column);
      } else {
        features[featureCount++] = parseValue(text, line, column);
      }
    }
    rows++;
  }

  private void startTable(int count, long line) throws CsvFormatException {
    if (count < 2) {
      throw new CsvFormatException(line, 0, source + ": line " + line + ": found " + count
          + " value(s); each row needs at least one feature and a label");
    }
    int label = options.labelColumn() < 0 ? count + options.labelColumn() : options.labelColumn();
    if (label < 0 || label >= count) {
      throw new CsvFormatException(line, 0, source + ": label column " + options.labelColumn() + " does not exist: line "
          + line + " has " + count + " columns");
    }
    columns = count;
    labelColumn = label;
    firstRowLine = line;
  }

  private float parseValue(String text, long line, int column) throws CsvFormatException {
    if (DECIMAL.matcher(text).matches()) {
      float value = Float.parseFloat(text);
      if (Float.isInfinite(value)) {
        throw bad(line, column, text + " is outside the float32 range");
      }
      return value;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "nan", "+nan", "-nan" -> Float.NaN;
      case "inf", "+inf", "infinity", "+infinity" -> Float.POSITIVE_INFINITY;
      case "-inf", "-infinity" -> Float.NEGATIVE_INFINITY;
      default -> throw bad(line, column, text.isEmpty() ? "empty value" : "'" + text + "' is not a number");
    };
  }

  private int parseLabel(String text, long line, int column) throws CsvFormatException {
    if (!INTEGER.matcher(text).matches()) {
      throw bad(line, column, (text.isEmpty() ? "empty label" : "label '" + text + "' is not an integer")
          + " (the label column is " + (labelColumn + 1) + ")");
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw bad(line, column, "label " + text + " is outside the int32 range");
    }
  }

  private CsvFormatException bad(long line, int column, String problem) {
    String name = names != null && column < names.size() ? " (\"" + names.get(column) + "\")" : "";
    return new CsvFormatException(line, column + 1,
        source + ": line " + line + ", column " + (column + 1) + name + ": " + problem);
  }

  private List<String> split(String line) {
    List<String> fields = new ArrayList<>(columns > 0 ? columns : 16);
    int start = 0;
    while (true) {
      int end = line.indexOf(options.delimiter(), start);
      if (end < 0) {
        fields.add(line.substring(start).strip());
        return fields;
      }
      fields.add(line.substring(start, end).strip());
      start = end + 1;
    }
  }
}
