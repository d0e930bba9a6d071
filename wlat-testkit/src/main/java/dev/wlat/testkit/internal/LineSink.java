package dev.wlat.testkit.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes lines to one file through a large buffer shared between files (one file is open at a
 * time), counting bytes.
 */
final class LineSink implements AutoCloseable {
  private static final byte[] NEWLINE = {'\n'};
  private final OutputStream out;
  private final byte[] buf;
  private int pos;
  private long bytes;

  LineSink(Path file, byte[] sharedBuffer) throws IOException {
    Files.createDirectories(file.getParent());
    this.out = Files.newOutputStream(file);
    this.buf = sharedBuffer;
  }

  void line(Buf b) throws IOException {
    write(b.a, 0, b.n);
    write(NEWLINE, 0, 1);
  }

  /** Writes the first {@code len} bytes of {@code b} and no newline: a line Codex had not finished. */
  void partial(Buf b, int len) throws IOException {
    write(b.a, 0, len);
  }

  private void write(byte[] src, int off, int len) throws IOException {
    bytes += len;
    if (len > buf.length - pos) {
      flush();
      if (len > buf.length) {
        out.write(src, off, len);
        return;
      }
    }
    System.arraycopy(src, off, buf, pos, len);
    pos += len;
  }

  private void flush() throws IOException {
    if (pos > 0) {
      out.write(buf, 0, pos);
      pos = 0;
    }
  }

  long bytes() {
    return bytes;
  }

  @Override
  public void close() throws IOException {
    flush();
    out.close();
  }
}
