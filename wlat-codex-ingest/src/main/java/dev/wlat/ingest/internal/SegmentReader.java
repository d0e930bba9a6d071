package dev.wlat.ingest.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.SegmentLocation;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads one rollout file as a stream of lines and feeds them to a {@link SegmentParse}.
 *
 * <p>Bytes are read into one large buffer and split at {@code '\n'} by hand ({@link Bytes}); the
 * file is never held whole. A line longer than the buffer is held whole only when it must be parsed
 * (and only up to the line limit); otherwise it is counted while streaming past it, keeping its first
 * bytes for the envelope sniffer. Instances are immutable and thread-safe; each call to
 * {@link #read} has its own state.
 *
 * <p>{@link #readFrom} reads the same way but also follows the bytes consumed, and at the end of
 * the input saves the parse state into a {@link Cursor}, from which a later call continues. Only
 * that method pays for it: {@link #read} follows nothing and saves nothing.
 */
public final class SegmentReader {

  /** The default limit on one line's length: 64 MiB. */
  public static final int DEFAULT_MAX_LINE_BYTES = 64 << 20;

  static final int DEFAULT_BUFFER_BYTES = 1 << 20;
  /**
   * The most one read asks for, however large the buffer has grown for a long line. A file's
   * stream reads into a heap array through a temporary direct buffer of the requested size, which
   * the JDK then keeps cached for the reading thread: reads as large as a 64 MiB buffer would
   * leave 64 MiB of native memory behind in every thread that ever met a long line.
   */
  private static final int MAX_READ_BYTES = 1 << 20;
  private static final int MIN_BUFFER_BYTES = 16;
  private static final int PREFIX_BYTES = 4096;
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

  /** One factory for every parse: Jackson factories are thread-safe once configured. */
  static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(Integer.MAX_VALUE)
          .maxNestingDepth(10_000)
          .build())
      .build();

  private final int maxLineBytes;
  private final int bufferBytes;

  private SegmentReader(int maxLineBytes, int bufferBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be positive, was [" + maxLineBytes + "]");
    }
    if (bufferBytes < MIN_BUFFER_BYTES) {
      throw new IllegalArgumentException("bufferBytes must be at least " + MIN_BUFFER_BYTES
          + ", was [" + bufferBytes + "]");
    }
    this.maxLineBytes = maxLineBytes;
    this.bufferBytes = bufferBytes;
  }

  /** {@return a reader that rejects lines longer than {@code maxLineBytes}}. */
  public static SegmentReader of(int maxLineBytes) {
    return new SegmentReader(maxLineBytes, DEFAULT_BUFFER_BYTES);
  }

  /** {@return a reader with a given buffer size}: small buffers exercise the long-line paths. */
  static SegmentReader of(int maxLineBytes, int bufferBytes) {
    return new SegmentReader(maxLineBytes, bufferBytes);
  }

  /**
   * Parses one rollout file; never throws for bad content or a failed read (both are counted in the
   * result's diagnostics).
   *
   * @param path the file
   * @param relativePath its path relative to the Codex home
   * @param location where it lives
   * @param compressed true for zstd
   * @param sizeHint the file's size in bytes, or -1 when unknown (sizes the buffer)
   * @param threadIdFromName the thread id in the file name, or {@code null}
   * @param segmentId the segment's stable id
   * @return the parsed segment
   */
  public RolloutSegment read(Path path, String relativePath, SegmentLocation location,
      boolean compressed, long sizeHint, String threadIdFromName, String segmentId) {
    SegmentParse state = new SegmentParse(JSON, segmentId, path.toString(), relativePath, location,
        compressed, threadIdFromName, maxLineBytes);
    InputStream in = open(path, compressed);
    if (in == null) {
      state.readError();
      return state.finish();
    }
    try (InputStream stream = compressed ? new ChunkedInput(in) : in) {
      pump(stream, state, initialBuffer(compressed, sizeHint), null);
    } catch (ReadFailure e) {
      state.readError();
    } catch (IOException e) {
      // Closing a file we only read cannot lose data: nothing to report.
    }
    return state.finish();
  }

  /** {@return the file's bytes (decompressed for zstd), or {@code null} when it cannot be opened}. */
  private static InputStream open(Path path, boolean compressed) {
    InputStream in = null;
    try {
      in = Files.newInputStream(path);
      return compressed ? new ZstdInputStream(new BufferedInputStream(in, 1 << 16)) : in;
    } catch (IOException | RuntimeException e) {
      if (in != null) {
        try {
          in.close();
        } catch (IOException ignored) {
          // failing already; the read error is what counts
        }
      }
      return null;
    }
  }

  /** The first read buffer's size: the whole file plus one byte when it is smaller than the buffer. */
  private int initialBuffer(boolean compressed, long sizeHint) {
    if (!compressed && sizeHint >= 0 && sizeHint < bufferBytes) {
      return (int) Math.max(MIN_BUFFER_BYTES, Math.min(bufferBytes, sizeHint + 1));
    }
    return bufferBytes;
  }

  // ---------------------------------------------------------------------------------------------
  // Resumable reads
  // ---------------------------------------------------------------------------------------------

  /**
   * The result of {@link #readFrom}.
   *
   * @param segment the parsed file, equal to what {@link #read} gives for the same bytes
   * @param cursor where the read stopped, to continue from next time
   * @param resumed true when the read continued at {@code from}'s offset, false when it read the
   *     file from its start
   * @param bytesRead the bytes the line loop read (decompressed for zstd); the two verification
   *     reads of a resumed read (at most {@code 2 * Cursor.VERIFIED_BYTES}) are not counted
   */
  public record Resumed(RolloutSegment segment, Cursor cursor, boolean resumed, long bytesRead) {}

  /**
   * Parses one rollout file as {@link #read} does, continuing from {@code from} when it still
   * describes the file's first bytes, and returns where it stopped. The result's segment equals
   * {@link #read}'s for the same arguments.
   *
   * <p>It continues only when: the file is not compressed; {@code from} is resumable, made by a
   * reader with this reader's buffer size and line limit, for the same file identity; the file is
   * at least {@code from.offset()} bytes long ({@code sizeHint} and its actual size); the
   * file's first {@code min(4096, offset)} bytes and the 4096 bytes before the offset hash as
   * recorded; and the read buffer a whole-file read would have at the offset is known. Else it
   * reads the whole file.
   *
   * <p>The new cursor sits after the last {@code '\n'}: an unterminated last line is parsed into
   * the segment but not consumed, so the next read parses it again, complete or not. A cursor after
   * a failed read is at byte 0 and not resumable (the next read is a full one); one of a compressed
   * file records the decompressed offset and line count, and is not resumable either.
   */
  public Resumed readFrom(Path path, String relativePath, SegmentLocation location,
      boolean compressed, long sizeHint, String threadIdFromName, String segmentId, Cursor from) {
    if (!compressed && from != null && from.resumable()) {
      Resumed resumed = resume(path, relativePath, location, sizeHint, threadIdFromName,
          segmentId, from);
      if (resumed != null) {
        return resumed;
      }
    }
    SegmentParse state = new SegmentParse(JSON, segmentId, path.toString(), relativePath, location,
        compressed, threadIdFromName, maxLineBytes);
    InputStream in = open(path, compressed);
    if (in == null) {
      state.readError();
      return new Resumed(state.finish(), Cursor.none(), false, 0);
    }
    int initial = initialBuffer(compressed, sizeHint);
    Progress progress = Progress.fromStart(!compressed, bufferBytes, initial);
    return run(compressed ? new ChunkedInput(in) : in, state, initial, progress, false);
  }

  /** {@return the continued read}, or null when {@code from} does not hold for the file. */
  private Resumed resume(Path path, String relativePath, SegmentLocation location, long sizeHint,
      String threadIdFromName, String segmentId, Cursor from) {
    long offset = from.offset();
    if (from.readerBufferBytes() != bufferBytes || sizeHint >= 0 && sizeHint < offset) {
      return null;
    }
    // The buffer a whole-file read would have at the offset, so that long lines take the same
    // path (held whole, grown or streamed past) as in that read.
    int initial = initialBuffer(false, sizeHint);
    if (initial >= bufferBytes) {
      // A buffer only grows up to the line limit (plus one byte); anything else is not ours.
      long largest = Math.max(bufferBytes, Math.min((long) maxLineBytes + 1, MAX_ARRAY));
      if (from.bufferBytes() < bufferBytes || from.bufferBytes() > largest) {
        return null;
      }
      initial = from.bufferBytes();
    }
    SegmentParse state;
    try {
      state = SegmentParse.restore(JSON, from.state());
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (!state.describes(segmentId, path.toString(), relativePath, location, false,
        threadIdFromName, maxLineBytes)) {
      return null;
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    int n = (int) Math.min(Cursor.VERIFIED_BYTES, offset);
    byte[] head = new byte[n];
    byte[] tail = new byte[n];
    try {
      if (channel.size() < offset || !readFully(channel, 0, head)
          || !readFully(channel, offset - n, tail)
          || !Arrays.equals(Cursor.hash(head, 0, n), from.headHash())
          || !Arrays.equals(Cursor.hash(tail, 0, n), from.tailHash())) {
        channel.close();
        return null;
      }
      channel.position(offset);
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Only read: nothing to lose.
      }
      return null;
    }
    Progress progress = Progress.resumed(offset, head, tail, bufferBytes, initial);
    return run(Channels.newInputStream(channel), state, initial, progress, true);
  }

  private Resumed run(InputStream in, SegmentParse state, int initial, Progress progress,
      boolean resumed) {
    long before = state.byteCount();
    Cursor cursor;
    try (InputStream stream = in) {
      pump(stream, state, initial, progress);
      cursor = progress.cursor();
    } catch (ReadFailure e) {
      state.readError();
      cursor = Cursor.none();
    } catch (IOException e) {
      // Closing a file we only read cannot lose data: nothing to report.
      cursor = progress.cursor();
    }
    return new Resumed(state.finish(), cursor, resumed, state.byteCount() - before);
  }

  /** Reads {@code b.length} bytes at {@code position}; false when the file ends first. */
  private static boolean readFully(FileChannel channel, long position, byte[] b)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(b);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // The line loop
  // ---------------------------------------------------------------------------------------------

  /**
   * Feeds every line of {@code in} to {@code state}. With {@code progress} (checkpointing reads
   * only), consumed bytes are reported to it at each buffer shift, and it makes its cursor at the
   * end of the input, before the unterminated last line is fed.
   */
  private void pump(InputStream in, SegmentParse state, int initial, Progress progress)
      throws ReadFailure {
    byte[] buf = new byte[initial];
    int start = 0;
    int limit = 0;
    int scan = 0;
    boolean nul = false;
    boolean eof = false;
    while (true) {
      int hit = Bytes.findNewlineOrNul(buf, scan, limit);
      if (hit >= 0) {
        if (buf[hit] == 0) {
          nul = true;
          scan = hit + 1;
          continue;
        }
        state.line(buf, start, hit, /* terminated */ true, nul);
        start = hit + 1;
        scan = start;
        nul = false;
        continue;
      }
      if (eof) {
        if (progress != null) {
          progress.consumed(buf, 0, start);
          progress.atEnd(state, buf.length);
        }
        if (start < limit) {
          state.line(buf, start, limit, /* terminated */ false, nul);
        }
        return;
      }
      if (start > 0) {
        if (progress != null) {
          progress.consumed(buf, 0, start);
        }
        int n = limit - start;
        System.arraycopy(buf, start, buf, 0, n);
        limit = n;
        start = 0;
      } else if (limit == buf.length) {
        if (buf.length <= maxLineBytes && buf.length < MAX_ARRAY
            && state.needsWholeLine(buf, 0, limit)) {
          long grown = Math.min(Math.min(2L * buf.length, (long) maxLineBytes + 1), MAX_ARRAY);
          buf = Arrays.copyOf(buf, (int) grown);
          if (progress != null) {
            progress.grew();
          }
        } else {
          int leftover = skipRestOfLine(in, state, buf, limit, nul, progress);
          nul = false;
          if (leftover < 0) {
            return;
          }
          limit = leftover;
          scan = 0;
          continue;
        }
      }
      scan = limit;
      int n = fill(in, buf, limit, buf.length - limit);
      if (n < 0) {
        eof = true;
      } else {
        limit += n;
        state.bytesRead(n);
      }
    }
  }

  /**
   * Streams past the rest of a line whose first {@code seen} bytes fill {@code buf}. Moves the bytes
   * after its newline to the front of {@code buf}. With {@code progress}, the line's bytes are
   * consumed as they stream past, and given back if the input ends before the line does.
   *
   * @return how many bytes were moved, or -1 at the end of the input
   */
  private static int skipRestOfLine(InputStream in, SegmentParse state, byte[] buf, int seen,
      boolean nul, Progress progress) throws ReadFailure {
    byte[] prefix = Arrays.copyOf(buf, Math.min(seen, PREFIX_BYTES));
    long length = seen;
    int last = Bytes.lastNonWhitespace(buf, 0, seen);
    boolean hasNul = nul;
    Progress.Mark mark = null;
    if (progress != null) {
      mark = progress.mark();
      progress.consumed(buf, 0, seen);
    }
    while (true) {
      int n = fill(in, buf, 0, buf.length);
      if (n < 0) {
        if (progress != null) {
          progress.reset(mark);
          progress.atEnd(state, buf.length);
        }
        state.skippedLine(prefix, 0, prefix.length, length, last, /* terminated */ false, hasNul);
        return -1;
      }
      state.bytesRead(n);
      int i = 0;
      while (true) {
        int hit = Bytes.findNewlineOrNul(buf, i, n);
        if (hit < 0) {
          break;
        }
        if (buf[hit] == 0) {
          hasNul = true;
          i = hit + 1;
          continue;
        }
        length += hit;
        int l = Bytes.lastNonWhitespace(buf, 0, hit);
        if (l >= 0) {
          last = l;
        }
        state.skippedLine(prefix, 0, prefix.length, length, last, /* terminated */ true, hasNul);
        if (progress != null) {
          progress.consumed(buf, 0, hit + 1);
        }
        int leftover = n - hit - 1;
        System.arraycopy(buf, hit + 1, buf, 0, leftover);
        return leftover;
      }
      length += n;
      int l = Bytes.lastNonWhitespace(buf, 0, n);
      if (l >= 0) {
        last = l;
      }
      if (progress != null) {
        progress.consumed(buf, 0, n);
      }
    }
  }

  /**
   * Reads at most {@link #MAX_READ_BYTES} from {@code in}, turning any failure (I/O, corrupt zstd)
   * into a {@link ReadFailure}.
   */
  private static int fill(InputStream in, byte[] buf, int off, int len) throws ReadFailure {
    int ask = Math.min(len, MAX_READ_BYTES);
    try {
      int n;
      do {
        n = in.read(buf, off, ask);
      } while (n == 0);
      return n;
    } catch (IOException | RuntimeException e) {
      throw new ReadFailure();
    }
  }

  /**
   * Caps each read of a zstd stream: aircompressor's {@code ZstdInputStream.read} keeps filling the
   * requested length across frames and, on a cut or corrupt frame, throws away what it had already
   * decompressed into that call. Small reads keep everything before the damage.
   */
  private static final class ChunkedInput extends java.io.FilterInputStream {
    private static final int CHUNK = 32 * 1024;

    ChunkedInput(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return in.read(b, off, Math.min(len, CHUNK));
    }
  }

  /** A failed read; carries no stack trace, as it is counted, never shown. */
  private static final class ReadFailure extends Exception {
    ReadFailure() {
      super(null, null, false, false);
    }
  }
}
