package dev.wlat.report.summary;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The data facts a report reads are missing or unreadable: no {@code data/} directory, a missing
 * TSV, a missing column, a cell that is not what its column promises. The message is one line
 * naming the file (and line and column where there is one) and the fix.
 */
public final class ReportDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The fix every message ends with. */
  static final String FIX = "run wlat backfill first";

  private final transient Path file;

  private ReportDataException(Path file, String message) {
    super(message);
    this.file = file;
  }

  /** {@return an exception for a data directory or file that does not exist}. */
  public static ReportDataException missing(Path file) {
    Objects.requireNonNull(file, "file");
    return new ReportDataException(file, "missing " + file + "; " + FIX + " (it writes the data facts under"
        + " <output-root>/data/), or pass the --output-root it wrote to");
  }

  /** {@return an exception for a file without a column the report needs (an older or foreign file)}. */
  public static ReportDataException missingColumn(Path file, String column) {
    return new ReportDataException(file, file + ": no column [" + column + "]; it was not written by this"
        + " version of wlat backfill: rerun wlat backfill");
  }

  /** {@return an exception for a cell that cannot be read}. */
  public static ReportDataException badCell(Path file, long line, String column, String value, String expected) {
    return new ReportDataException(file, file + ":" + line + ": column " + column + ": [" + value + "] is not "
        + expected + "; rerun wlat backfill");
  }

  /** {@return an exception for a file that cannot be read at all}. */
  public static ReportDataException unreadable(Path file, String reason) {
    return new ReportDataException(file, "cannot read " + file + ": " + reason);
  }

  /** {@return the file at fault}. */
  public Path file() {
    return file;
  }
}
