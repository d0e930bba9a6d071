package dev.wlat.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Looks at a directory tree the way a user would after a run: its files and their bytes. */
final class OutputTree {

  private OutputTree() {}

  /** {@return every regular file under {@code root}, sorted; empty when {@code root} is missing}. */
  static List<Path> files(Path root) {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return every path (files and directories) under {@code root}, relative to it, sorted}. */
  static List<String> listing(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.map(p -> root.relativize(p).toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return a snapshot of every file under {@code root}: relative path → content}. */
  static Map<String, Bytes> snapshot(Path root) {
    Map<String, Bytes> m = new TreeMap<>();
    for (Path f : files(root)) {
      m.put(root.relativize(f).toString(), new Bytes(read(f)));
    }
    return m;
  }

  static byte[] read(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String readString(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** File content with value equality, so snapshots compare with {@code isEqualTo}. */
  record Bytes(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return bytes.length + " bytes";
    }
  }
}
