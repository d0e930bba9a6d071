package dev.wlat.attribution.internal;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Paths as recorded by Codex (strings) compared with paths on disk, component by component:
 * {@code /a/b} contains {@code /a/b/c} but not {@code /a/bc}.
 */
public final class PathMatch {

  private PathMatch() {}

  /** {@return {@code path} as a normalized absolute path, or empty (null, blank, relative, invalid)}. */
  public static Optional<Path> parse(String path) {
    if (path == null || path.isBlank()) {
      return Optional.empty();
    }
    try {
      Path p = Path.of(path.trim());
      return p.isAbsolute() ? Optional.of(p.normalize()) : Optional.empty();
    } catch (InvalidPathException invalid) {
      return Optional.empty();
    }
  }

  /**
   * {@return the forms to compare {@code path} under}: itself and, when it differs, its real path
   * (discovered roots are real paths; a recorded cwd may go through a symbolic link). A cwd that no
   * longer exists is resolved through its longest existing ancestor.
   */
  public static List<Path> forms(Path path) {
    Path existing = path;
    while (existing != null) {
      try {
        Path real = existing.toRealPath().resolve(existing.relativize(path)).normalize();
        return real.equals(path) ? List.of(path) : List.of(path, real);
      } catch (IOException | SecurityException gone) {
        existing = existing.getParent();
      }
    }
    return List.of(path);
  }

  /** {@return true when {@code root} is {@code path} or one of its ancestors, component-wise}. */
  public static boolean contains(Path root, Path path) {
    return path.startsWith(root);
  }

  /** {@return true when one of the {@link #forms} of {@code path} lies in {@code root}}. */
  public static boolean contains(Path root, List<Path> forms) {
    for (Path p : forms) {
      if (p.startsWith(root)) {
        return true;
      }
    }
    return false;
  }

  /** {@return the last two components of {@code path} ({@code src/api}), one, or {@code /}}. */
  public static String lastTwo(Path path) {
    int n = path.getNameCount();
    if (n == 0) {
      return "/";
    }
    return n == 1 ? path.getName(0).toString() : path.getName(n - 2) + "/" + path.getName(n - 1);
  }

  /** {@return the last component of {@code path}, or empty for the file-system root}. */
  public static Optional<String> lastName(Path path) {
    Path name = path.getFileName();
    return name == null ? Optional.empty() : Optional.of(name.toString());
  }
}
