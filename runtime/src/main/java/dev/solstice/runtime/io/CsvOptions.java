package dev.solstice.runtime.io;

/**
 * How {@link Csv} reads a numeric table.
 *
 * @param delimiter the character between values
 * @param header whether the first line names the columns (it is then skipped, and its names
 *     appear in error messages)
 * @param labelColumn the 0-based column holding the integer label; negative values count from the
 *     end, so -1 is the last column
 */
public record CsvOptions(char delimiter, boolean header, int labelColumn) {

  /** Comma-separated, no header, label in the last column. */
  public static CsvOptions defaults() {
    return new CsvOptions(',', false, -1);
  }

  /** These options with another delimiter. */
  public CsvOptions withDelimiter(char delimiter) {
    return new CsvOptions(delimiter, header, labelColumn);
  }

  /** These options with or without a header line. */
  public CsvOptions withHeader(boolean header) {
    return new CsvOptions(delimiter, header, labelColumn);
  }

  /** These options with the label in {@code labelColumn} (0-based; negative counts from the end). */
  public CsvOptions withLabelColumn(int labelColumn) {
    return new CsvOptions(delimiter, header, labelColumn);
  }
}
