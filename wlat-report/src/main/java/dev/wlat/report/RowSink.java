package dev.wlat.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of encoded rows, counted: either buffered on their way to a file (written to the channel
 * only when the buffer fills or is drained, so a position is a field read), or kept in a growing
 * array for a writer to append later ({@link TsvRows}). One encoder for both, so rows rendered on a
 * worker are byte for byte the rows a writer would have written.
 */
final class RowSink {
  private static final int FILE_BUFFER = 1 << 16;
  private final FileChannel channel; // null: in memory
  private final byte[] digits = new byte[20];
  private byte[] buf;
  private int len;
  private long position;

  private RowSink(FileChannel channel, int capacity) {
    this.channel = channel;
    this.buf = new byte[capacity];
  }

  static RowSink toFile(FileChannel channel) {
    return new RowSink(channel, FILE_BUFFER);
  }

  static RowSink inMemory() {
    return new RowSink(null, 1024);
  }

  FileChannel channel() {
    return channel;
  }

  /** {@return bytes written so far, or skipped by {@link #skipped}}. */
  long position() {
    return position;
  }

  /** Counts {@code n} bytes that reached the channel by another way (a kernel-side copy). */
  void skipped(long n) {
    position += n;
  }

  void write(int b) throws IOException {
    if (len == buf.length) {
      room(1);
    }
    buf[len++] = (byte) b;
    position++;
  }

  void write(byte[] b) throws IOException {
    write(b, 0, b.length);
  }

  void write(byte[] b, int off, int n) throws IOException {
    if (n > buf.length - len) {
      if (channel != null) {
        drain();
        if (n > buf.length) {
          ByteBuffer whole = ByteBuffer.wrap(b, off, n);
          while (whole.hasRemaining()) {
            channel.write(whole);
          }
          position += n;
          return;
        }
      } else {
        room(n);
      }
    }
    System.arraycopy(b, off, buf, len, n);
    len += n;
    position += n;
  }

  /** Writes {@code v}'s decimal digits, as {@link Long#toString(long)} does. */
  void decimal(long v) throws IOException {
    if (v == Long.MIN_VALUE) {
      write(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
      return;
    }
    if (buf.length - len < 20) {
      room(20);
    }
    int start = len;
    if (v < 0) {
      buf[len++] = '-';
      v = -v;
    }
    int n = 0;
    do {
      digits[n++] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    } while (v != 0);
    while (n > 0) {
      buf[len++] = digits[--n];
    }
    position += len - start;
  }

  /**
   * Writes {@code s} when every char is printable ASCII (no tab, CR or LF to replace, one byte
   * each); {@return false, having written nothing, otherwise}.
   */
  boolean plainAscii(String s) throws IOException {
    int n = s.length();
    if (channel != null && n > buf.length) {
      return false;
    }
    if (buf.length - len < n) {
      room(n);
    }
    byte[] b = buf;
    int at = len;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x7F) {
        return false; // nothing counted: len is unchanged
      }
      b[at + i] = (byte) c;
    }
    len += n;
    position += n;
    return true;
  }

  /**
   * Writes again the {@code n} bytes written at {@code at} when they are still buffered; {@return
   * false, having written nothing, when they are not} (drained to the file already, or would be).
   */
  boolean repeat(long at, int n) {
    long bufferStart = position - len;
    if (at < bufferStart) {
      return false;
    }
    if (buf.length - len < n) {
      if (channel != null) {
        return false;
      }
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
    System.arraycopy(buf, (int) (at - bufferStart), buf, len, n);
    len += n;
    position += n;
    return true;
  }

  /** Makes room for {@code n} more bytes: drains to the file, or grows the array. */
  private void room(int n) throws IOException {
    if (channel != null) {
      drain();
    } else {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }

  /** Writes the buffered bytes to the channel. */
  void drain() throws IOException {
    ByteBuffer out = ByteBuffer.wrap(buf, 0, len);
    while (out.hasRemaining()) {
      channel.write(out);
    }
    len = 0;
  }

  /** Appends every byte held in memory to {@code to}. */
  void writeTo(RowSink to) throws IOException {
    to.write(buf, 0, len);
  }

  void close() throws IOException {
    if (channel == null) {
      return;
    }
    try {
      drain();
    } finally {
      channel.close();
    }
  }
}
