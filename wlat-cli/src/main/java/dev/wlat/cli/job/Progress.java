package dev.wlat.cli.job;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a long run on stderr: files, MB, events, rate and ETA on one self-overwriting line,
 * shown only on a terminal and never under {@code --quiet}.
 */
public final class Progress {

  private static final long INTERVAL_NANOS = 250_000_000L;

  private final PrintWriter err;
  private final boolean live;
  private final long start = System.nanoTime();
  private long lastDraw;
  private long totalBytes;
  private int totalFiles;

  private Progress(PrintWriter err, boolean live) {
    this.err = err;
    this.live = live;
  }

  /** {@return progress drawn on {@code err} when {@code live}, else silent}. */
  public static Progress of(PrintWriter err, boolean live) {
    return new Progress(err, live);
  }

  /** {@return a progress that never draws}. */
  public static Progress silent() {
    return new Progress(null, false);
  }

  void plan(int files, long bytes) {
    this.totalFiles = files;
    this.totalBytes = bytes;
  }

  void update(int files, long bytes, long events) {
    if (!live) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastDraw < INTERVAL_NANOS && files < totalFiles) {
      return;
    }
    lastDraw = now;
    double secs = Math.max(1e-3, (now - start) / 1e9);
    double mb = bytes / 1e6;
    double rate = mb / secs;
    double eta = rate <= 0 ? 0 : Math.max(0, (totalBytes - bytes) / 1e6 / rate);
    err.printf(Locale.ROOT, "\rwlat: files %d/%d, %.1f/%.1f MB, %,d token events, %.0f MB/s, ETA %.0fs   ",
        files, totalFiles, mb, totalBytes / 1e6, events, rate, eta);
    err.flush();
  }

  void done() {
    if (live) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
