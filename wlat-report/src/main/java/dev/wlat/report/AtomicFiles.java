package dev.wlat.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files atomically: into a temporary sibling, then renamed over the target, so that a crash
 * leaves the last good file intact and a reader never sees half a file.
 */
public final class AtomicFiles {

  /** Suffix of in-progress files; {@link #removeStaleTemporaries} cleans them after a crash. */
  public static final String TEMP_SUFFIX = ".wlat-tmp";

  private AtomicFiles() {}

  /** {@return the temporary sibling used while {@code target} is written}. */
  public static Path temporaryFor(Path target) {
    return target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + TEMP_SUFFIX);
  }

  /** Writes {@code text} as UTF-8 to {@code target} atomically, creating parent directories. */
  public static void writeString(Path target, String text) {
    try {
      Path parent = target.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = temporaryFor(target);
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      commit(tmp, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Copies {@code source} to {@code target} atomically. */
  public static void copy(Path source, Path target) {
    try {
      Path tmp = temporaryFor(target);
      Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
      commit(tmp, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + source + " to " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Publishes {@code source}'s content as {@code target} atomically: a hard link where the file
   * system allows (no bytes copied; safe because every output is replaced by a rename, never
   * written in place), else a copy.
   */
  public static void linkOrCopy(Path source, Path target) {
    Path tmp = temporaryFor(target);
    try {
      Files.deleteIfExists(tmp);
      Files.createLink(tmp, source);
      commit(tmp, target);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      copy(source, target);
    }
  }

  /** Renames a finished temporary file over {@code target}, atomically where the file system can. */
  public static void commit(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Deletes temporaries left in {@code dir} by a crashed run; {@return how many were removed}.
   * Finished files are never touched, nor the temporaries of another process still running (a
   * {@code wlat report} or {@code plot} writing into the same root).
   */
  public static int removeStaleTemporaries(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + TEMP_SUFFIX)) {
      for (Path f : files) {
        if (!ofLiveProcess(f) && Files.deleteIfExists(f)) {
          removed++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + dir + ": " + e.getMessage(), e);
    }
    return removed;
  }

  /**
   * {@return whether temporary {@code f} was made by another process that is still running}: its
   * name ends in {@code .<pid>.wlat-tmp}; such a file is being written, not left behind.
   */
  private static boolean ofLiveProcess(Path f) {
    String name = f.getFileName().toString();
    String stem = name.substring(0, name.length() - TEMP_SUFFIX.length());
    int dot = stem.lastIndexOf('.');
    long pid;
    try {
      pid = Long.parseLong(stem.substring(dot + 1));
    } catch (NumberFormatException e) {
      return false;
    }
    return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
