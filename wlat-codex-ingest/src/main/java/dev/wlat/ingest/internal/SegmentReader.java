package dev.wlat.ingest.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.SegmentLocation;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads one rollout file as a stream of lines and feeds them to a {@link SegmentParse}.
 *
 * <p>Bytes are read into one large buffer and split at {@code '\n'} by hand ({@link Bytes}); the
 * file is never held whole. A line longer than the buffer is held whole only when it must be parsed
 * (and only up to the line limit); otherwise it is counted while streaming past it, keeping its first
 * bytes for the envelope sniffer. Instances are immutable and thread-safe; each call to
 * {@link #read} has its own state.
 */
public final class SegmentReader {

  /** The default limit on one line's length: 64 MiB. */
  public static final int DEFAULT_MAX_LINE_BYTES = 64 << 20;

  static final int DEFAULT_BUFFER_BYTES = 1 << 20;
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
    InputStream in;
    try {
      in = Files.newInputStream(path);
      if (compressed) {
        in = new ZstdInputStream(new BufferedInputStream(in, 1 << 16));
      }
    } catch (IOException | RuntimeException e) {
      state.readError();
      return state.finish();
    }
    int initial = bufferBytes;
    if (!compressed && sizeHint >= 0 && sizeHint < bufferBytes) {
      initial = (int) Math.max(MIN_BUFFER_BYTES, Math.min(bufferBytes, sizeHint + 1));
    }
    try (InputStream stream = compressed ? new ChunkedInput(in) : in) {
      pump(stream, state, initial);
    } catch (ReadFailure e) {
      state.readError();
    } catch (IOException e) {
      // Closing a file we only read cannot lose data: nothing to report.
    }
    return state.finish();
  }

  // ---------------------------------------------------------------------------------------------
  // The line loop
  // ---------------------------------------------------------------------------------------------

  private void pump(InputStream in, SegmentParse state, int initial) throws ReadFailure {
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
        if (start < limit) {
          state.line(buf, start, limit, /* terminated */ false, nul);
        }
        return;
      }
      if (start > 0) {
        int n = limit - start;
        System.arraycopy(buf, start, buf, 0, n);
        limit = n;
        start = 0;
      } else if (limit == buf.length) {
        if (buf.length <= maxLineBytes && buf.length < MAX_ARRAY
            && state.needsWholeLine(buf, 0, limit)) {
          long grown = Math.min(Math.min(2L * buf.length, (long) maxLineBytes + 1), MAX_ARRAY);
          buf = Arrays.copyOf(buf, (int) grown);
        } else {
          int leftover = skipRestOfLine(in, state, buf, limit, nul);
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
   * after its newline to the front of {@code buf}.
   *
   * @return how many bytes were moved, or -1 at the end of the input
   */
  private static int skipRestOfLine(InputStream in, SegmentParse state, byte[] buf, int seen,
      boolean nul) throws ReadFailure {
    byte[] prefix = Arrays.copyOf(buf, Math.min(seen, PREFIX_BYTES));
    long length = seen;
    int last = Bytes.lastNonWhitespace(buf, 0, seen);
    boolean hasNul = nul;
    while (true) {
      int n = fill(in, buf, 0, buf.length);
      if (n < 0) {
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
        int leftover = n - hit - 1;
        System.arraycopy(buf, hit + 1, buf, 0, leftover);
        return leftover;
      }
      length += n;
      int l = Bytes.lastNonWhitespace(buf, 0, n);
      if (l >= 0) {
        last = l;
      }
    }
  }

  /** Reads from {@code in}, turning any failure (I/O, corrupt zstd) into a {@link ReadFailure}. */
  private static int fill(InputStream in, byte[] buf, int off, int len) throws ReadFailure {
    try {
      int n;
      do {
        n = in.read(buf, off, len);
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
