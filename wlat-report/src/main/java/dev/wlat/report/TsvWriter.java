package dev.wlat.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * Streams rows of one {@link TsvTable} into a file, atomically: rows go to a temporary sibling and
 * {@link #commit()} renames it over the target. Closing without committing discards the temporary,
 * so the last good file stays in place.
 *
 * <p>The dialect is commons-csv's tab-delimited format with quoting and escaping turned off: a cell
 * never contains a tab, carriage return or line feed (each is replaced by a space), so every line is
 * one row and any TSV reader (Python's {@code csv} with {@code QUOTE_NONE}, {@code cut}, pandas)
 * reads it back unchanged. wlat never writes CSV. With nothing to quote or escape, a row is its cells
 * joined by tabs and ended by a newline; the writer encodes them straight into its byte buffer
 * (the bytes {@code CSVPrinter} would print in this dialect, which {@link TsvReader} reads): no
 * writer locks, no char buffers, since the 1 GB histories wlat is built for mean half a gigabyte of
 * rows.
 *
 * <p>An incremental run reuses rows it did not recompute: {@link #position()} tells where the next
 * row starts, and {@link #copy} appends a byte range of an earlier file of the same table
 * unchanged (adjacent ranges are merged into one kernel-side transfer).
 *
 * @param <T> the row type
 */
public final class TsvWriter<T> implements AutoCloseable {

  static final CSVFormat FORMAT = CSVFormat.TDF.builder()
      .setQuote(null)
      .setEscape(null)
      .setRecordSeparator('\n')
      .setTrim(false)
      .setIgnoreSurroundingSpaces(false)
      .get();

  private final TsvTable<T> table;
  private final Path target;
  private final Path tmp;
  private final RowSink sink;
  private final RowEncoder<T> encoder;
  private FileChannel copySource;
  private Path copySourcePath;
  private long copyOffset;
  private long copyLength;
  private long rows;
  private boolean done;
  private boolean finished;

  private TsvWriter(TsvTable<T> table, Path target) throws IOException {
    this.table = table;
    this.target = target;
    Files.createDirectories(target.toAbsolutePath().getParent());
    this.tmp = AtomicFiles.temporaryFor(target);
    this.sink = RowSink.toFile(FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING));
    this.encoder = new RowEncoder<>(table);
    sink.write((String.join("\t", table.header()) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** {@return a writer of {@code table} into {@code dir/table.fileName()}}. */
  public static <T> TsvWriter<T> open(Path dir, TsvTable<T> table) {
    try {
      return new TsvWriter<>(table, dir.resolve(table.fileName()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(table.fileName()) + ": " + e.getMessage(), e);
    }
  }

  /** Writes every row of {@code rows} to {@code dir/table.fileName()} atomically; {@return the row count}. */
  public static <T> long writeAll(Path dir, TsvTable<T> table, Iterable<? extends T> rows) {
    try (TsvWriter<T> w = open(dir, table)) {
      for (T row : rows) {
        w.write(row);
      }
      return w.commit();
    }
  }

  /** Appends one row. */
  public void write(T row) {
    try {
      if (copyLength > 0) {
        transferPending();
      }
      encoder.encode(row, sink);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + tmp + ": " + e.getMessage(), e);
    }
    rows++;
  }

  /**
   * Appends rows rendered earlier, maybe on another thread, as if each had been {@link #write}n here.
   *
   * @throws IllegalArgumentException if {@code block} holds rows of another table
   */
  public void append(TsvRows<T> block) {
    if (block.table() != table) {
      throw new IllegalArgumentException("rows of " + block.table().fileName() + " cannot go into " + target);
    }
    if (block.rowCount() == 0) {
      return;
    }
    try {
      if (copyLength > 0) {
        transferPending();
      }
      block.writeTo(sink);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + tmp + ": " + e.getMessage(), e);
    }
    rows += block.rowCount();
  }

  /** Writes one value as {@link #cell} renders it: numbers and plain ASCII text without a String or a copy. */
  static void put(Object v, RowSink sink) throws IOException {
    if (v == null) {
      return;
    }
    if (v instanceof Long l) {
      sink.decimal(l);
    } else if (v instanceof Integer n) {
      sink.decimal(n);
    } else if (v instanceof Boolean b) {
      sink.write(b ? '1' : '0');
    } else if (v instanceof String str && sink.plainAscii(str)) {
      return; // written
    } else {
      sink.write(cell(v).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** {@return the byte offset in the file where the next row starts}. */
  public long position() {
    return sink.position() + copyLength;
  }

  /**
   * Appends {@code length} bytes of {@code source} from {@code offset} unchanged: whole rows of an
   * earlier file of this table (the caller keeps where they were). Counts {@code rowCount} rows.
   *
   * @throws UncheckedIOException if {@code source} cannot be read or is shorter than the range
   */
  public void copy(Path source, long offset, long length, long rowCount) {
    if (offset < 0 || length < 0 || rowCount < 0) {
      throw new IllegalArgumentException("offset, length and rowCount must be >= 0, were ["
          + offset + ", " + length + ", " + rowCount + "]");
    }
    if (length == 0) {
      rows += rowCount;
      return;
    }
    try {
      if (copyLength > 0 && (!source.equals(copySourcePath) || offset != copyOffset + copyLength)) {
        transferPending();
      }
      if (copyLength == 0) {
        if (!source.equals(copySourcePath)) {
          closeSource();
          copySource = FileChannel.open(source, StandardOpenOption.READ);
          copySourcePath = source;
        }
        copyOffset = offset;
      }
      copyLength += length;
      rows += rowCount;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy rows of " + source + " into " + tmp + ": " + e.getMessage(), e);
    }
  }

  private void transferPending() throws IOException {
    sink.drain();
    long done = 0;
    while (done < copyLength) {
      long n = copySource.transferTo(copyOffset + done, copyLength - done, sink.channel());
      if (n <= 0) {
        throw new IOException(copySourcePath + " ends before byte " + (copyOffset + copyLength)
            + " (changed while it was read)");
      }
      done += n;
    }
    sink.skipped(copyLength);
    copyLength = 0;
  }

  private void closeSource() throws IOException {
    if (copySource != null) {
      copySource.close();
      copySource = null;
      copySourcePath = null;
    }
  }

  /**
   * {@return true when {@code file} exists and starts with this table's header line}: the check an
   * incremental run makes before it copies rows out of an earlier file.
   */
  public static boolean hasHeader(Path file, TsvTable<?> table) {
    byte[] want = (String.join("\t", table.header()) + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(want.length);
      while (b.hasRemaining() && ch.read(b) > 0) {
        // fill
      }
      return !b.hasRemaining() && Arrays.equals(b.array(), want);
    } catch (IOException e) {
      return false;
    }
  }

  /** {@return rows written so far}. */
  public long rowCount() {
    return rows;
  }

  /** {@return the file this writer produces}. */
  public Path target() {
    return target;
  }

  /**
   * Flushes and closes the temporary file without publishing it, so a run can finish every file
   * before it renames any; {@link #commit()} then only renames.
   */
  public void finish() {
    if (finished) {
      return;
    }
    try {
      if (copyLength > 0) {
        transferPending();
      }
      closeSource();
      sink.close();
      finished = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Finishes the file if needed and renames it over the target; {@return the row count}. */
  public long commit() {
    finish();
    try {
      AtomicFiles.commit(tmp, target);
      done = true;
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Discards the temporary file unless {@link #commit()} ran. */
  @Override
  public void close() {
    if (done) {
      return;
    }
    done = true;
    try {
      closeSource();
      sink.close();
    } catch (IOException ignored) {
      // the temporary is deleted below; the target was never touched
    }
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException ignored) {
      // a stale temporary is removed by the next run
    }
  }

  /** Renders a cell: null → empty, and no tab, CR or LF can survive into the file. */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String s = value instanceof Boolean b ? (b ? "1" : "0") : value.toString();
    if (s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s; // the common case, in three intrinsic scans
    }
    return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }
}
