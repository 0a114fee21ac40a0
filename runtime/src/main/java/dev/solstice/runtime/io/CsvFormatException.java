package dev.solstice.runtime.io;

import java.io.IOException;

/**
 * A CSV file does not hold the numeric table it should. The message names the file, the line and
 * the column (both counted from 1), and what was found there.
 */
public final class CsvFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long line;
  private final int column;

  /**
   * @param line the 1-based line of the problem, or 0 when it concerns the whole file
   * @param column the 1-based column of the problem, or 0 when it concerns the whole line
   * @param message the complete message, naming file, line and column
   */
  public CsvFormatException(long line, int column, String message) {
    super(message);
    this.line = line;
    this.column = column;
  }

  /** The 1-based line of the problem; 0 when it concerns the whole file. */
  public long line() {
    return line;
  }

  /** The 1-based column of the problem; 0 when it concerns the whole line. */
  public int column() {
    return column;
  }
}
