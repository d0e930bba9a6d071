package dev.wlat.cli.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One incremental run per output root at a time: an exclusive lock on
 * {@code <output-root>/state/run.lock}, held for the whole run and released by the OS if the run is
 * killed. A second run (cron overlapping a manual one) stops at once with a clear message instead
 * of racing the first for the same files.
 */
final class RunLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** {@return the lock of {@code outputRoot}}; throws {@link UncheckedIOException} when another run holds it. */
  static RunLock acquire(Path outputRoot) {
    Path file = outputRoot.resolve("state").resolve("run.lock");
    FileChannel ch = null;
    try {
      Files.createDirectories(file.getParent());
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this very process
      }
      if (lock == null) {
        throw new IOException("another wlat run-incremental is running on " + outputRoot + " (" + file
            + " is locked); run again when it has finished");
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
      return new RunLock(ch, lock);
    } catch (IOException e) {
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException ignored) {
          // failing already
        }
      }
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // the OS releases the lock with the file anyway
    }
  }
}
