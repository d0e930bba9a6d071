package dev.wlat.ingest;

import dev.wlat.model.SegmentLocation;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Codex home directory ({@code $CODEX_HOME}, else {@code ~/.codex}) and the rollout files in it.
 *
 * <p>Rollouts live under {@code sessions/YYYY/MM/DD/} and {@code archived_sessions/}, as
 * {@code rollout-*.jsonl} or zstd-compressed {@code rollout-*.jsonl.zst}; when both {@code x.jsonl}
 * and {@code x.jsonl.zst} exist, the plain file wins. Instances are immutable.
 */
public final class CodexHome {

  static final String SESSIONS = "sessions";
  static final String ARCHIVED_SESSIONS = "archived_sessions";
  static final String SESSION_INDEX = "session_index.jsonl";
  static final String CHAT_PROCESSES = "process_manager/chat_processes.json";

  private final Path root;

  private CodexHome(Path root) {
    this.root = root;
  }

  /** {@return {@code $CODEX_HOME} when set, else {@code ~/.codex}}. */
  public static Path defaultLocation() {
    return defaultLocation(System.getenv(), System.getProperty("user.home"));
  }

  static Path defaultLocation(Map<String, String> env, String userHome) {
    String home = env.get("CODEX_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home);
    }
    return Path.of(userHome, ".codex");
  }

  /**
   * {@return the Codex home at {@code dir}}.
   *
   * @throws IngestException when {@code dir} is not a readable directory
   */
  public static CodexHome open(Path dir) {
    Objects.requireNonNull(dir, "dir");
    if (!Files.isDirectory(dir)) {
      throw IngestException.of("Codex home not found: " + dir);
    }
    if (!Files.isReadable(dir)) {
      throw IngestException.of("Codex home not readable: " + dir);
    }
    return new CodexHome(dir);
  }

  /** {@return the home directory}. */
  public Path path() {
    return root;
  }

  /** {@return which of the places wlat reads exist in this home}. */
  public HomeInventory inventory() {
    return new HomeInventory(root,
        Files.isDirectory(root.resolve(SESSIONS)),
        Files.isDirectory(root.resolve(ARCHIVED_SESSIONS)),
        StateDb.findNewest(root).orElse(null),
        Files.isRegularFile(root.resolve(SESSION_INDEX)),
        Files.isRegularFile(root.resolve(CHAT_PROCESSES)));
  }

  /**
   * {@return the rollout files of this home, sorted by relative path}.
   *
   * <p>Directories that cannot be read are skipped. A {@code .jsonl.zst} file is left out when its
   * plain {@code .jsonl} sibling exists.
   *
   * @param modifiedSinceOrNull when not {@code null}, files last modified before it are left out:
   *     they cannot hold newer events
   */
  public List<RolloutFile> rollouts(Instant modifiedSinceOrNull) {
    List<Found> found = new ArrayList<>();
    walk(root.resolve(SESSIONS), SegmentLocation.LIVE, found);
    walk(root.resolve(ARCHIVED_SESSIONS), SegmentLocation.ARCHIVED, found);
    Set<Path> plain = new HashSet<>();
    for (Found f : found) {
      if (!f.compressed()) {
        plain.add(f.path());
      }
    }
    List<RolloutFile> files = new ArrayList<>(found.size());
    for (Found f : found) {
      if (f.compressed() && plain.contains(stripZst(f.path()))) {
        continue;
      }
      Instant modified = f.attributes().lastModifiedTime().toInstant();
      if (modifiedSinceOrNull != null && modified.isBefore(modifiedSinceOrNull)) {
        continue;
      }
      String name = f.path().getFileName().toString();
      files.add(new RolloutFile(f.path(), relative(f.path()), f.location(), f.compressed(),
          f.attributes().size(), modified, RolloutFile.threadIdFromName(name)));
    }
    files.sort(Comparator.comparing(RolloutFile::relativePath));
    return List.copyOf(files);
  }

  private record Found(Path path, SegmentLocation location, boolean compressed,
      BasicFileAttributes attributes) {}

  private static void walk(Path dir, SegmentLocation location, List<Found> found) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile()) {
            String name = file.getFileName().toString();
            if (name.startsWith("rollout-")) {
              if (name.endsWith(".jsonl")) {
                found.add(new Found(file, location, false, attrs));
              } else if (name.endsWith(".jsonl.zst")) {
                found.add(new Found(file, location, true, attrs));
              }
            }
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // walkFileTree reports per-file failures to visitFileFailed; nothing else is thrown here.
    }
  }

  private static Path stripZst(Path compressed) {
    String name = compressed.getFileName().toString();
    return compressed.resolveSibling(name.substring(0, name.length() - ".zst".length()));
  }

  private String relative(Path file) {
    Path rel = root.relativize(file);
    StringBuilder sb = new StringBuilder();
    for (Path part : rel) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(part);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "CodexHome[" + root + "]";
  }
}
