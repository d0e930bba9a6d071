package dev.wlat.ingest.claude;

import dev.wlat.ingest.IngestException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Claude Code {@code projects} directory and the session logs in it.
 *
 * <p>Claude Code writes one JSONL file per session, {@code projects/<encoded-cwd>/<sessionId>.jsonl}
 * (subagents' files below it too), under {@code ~/.config/claude} or {@code ~/.claude}, or under
 * each directory of {@code $CLAUDE_CONFIG_DIR} (a comma-separated list). wlat reads those files and
 * never changes them. Instances are immutable.
 */
public final class ClaudeHome {

  /** The directory under a Claude config directory that holds the session logs. */
  public static final String PROJECTS = "projects";

  private final Path projects;

  private ClaudeHome(Path projects) {
    this.projects = projects;
  }

  /**
   * {@return the Claude Code logs at {@code dir}}: its {@code projects/} directory when it has one
   * (a config directory such as {@code ~/.claude}), else {@code dir} itself, taken as the projects
   * directory.
   *
   * @throws IngestException when neither is a readable directory, naming {@code dir}
   */
  public static ClaudeHome open(Path dir) {
    Objects.requireNonNull(dir, "dir");
    Path inner = dir.resolve(PROJECTS);
    Path projects = Files.isDirectory(inner) ? inner : dir;
    if (!Files.isDirectory(projects)) {
      throw IngestException.of("Claude Code projects not found: neither " + inner + " nor " + dir
          + " is a directory");
    }
    if (!Files.isReadable(projects)) {
      throw IngestException.of("Claude Code projects not readable: " + projects);
    }
    return new ClaudeHome(projects);
  }

  /**
   * {@return where Claude Code keeps its logs, in the order to look}: the {@code projects}
   * directory of each entry of {@code CLAUDE_CONFIG_DIR} (comma-separated, blanks left out) when it
   * is set, whether they exist or not; else those of {@code ~/.config/claude/projects} and
   * {@code ~/.claude/projects} that exist.
   *
   * @param env the environment ({@link System#getenv()})
   * @param userHome the user's home directory
   */
  public static List<Path> defaultLocations(Map<String, String> env, Path userHome) {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(userHome, "userHome");
    String configured = env.get("CLAUDE_CONFIG_DIR");
    List<Path> found = new ArrayList<>();
    if (configured != null && !configured.isBlank()) {
      for (String entry : configured.split(",")) {
        if (!entry.isBlank()) {
          Path p = Path.of(entry.strip()).resolve(PROJECTS);
          if (!found.contains(p)) {
            found.add(p);
          }
        }
      }
      return List.copyOf(found);
    }
    for (Path p : List.of(userHome.resolve(".config").resolve("claude").resolve(PROJECTS),
        userHome.resolve(".claude").resolve(PROJECTS))) {
      if (Files.isDirectory(p)) {
        found.add(p);
      }
    }
    return List.copyOf(found);
  }

  /**
   * {@return the first of {@link #defaultLocations} (from {@link System#getenv()} and the
   * {@code user.home} property) that is a readable directory}, or empty when there is none.
   */
  public static Optional<ClaudeHome> findDefault() {
    for (Path p : defaultLocations(System.getenv(), Path.of(System.getProperty("user.home")))) {
      if (Files.isDirectory(p) && Files.isReadable(p)) {
        return Optional.of(new ClaudeHome(p));
      }
    }
    return Optional.empty();
  }

  /** {@return the projects directory}. */
  public Path path() {
    return projects;
  }

  /**
   * {@return every {@code *.jsonl} file under the projects directory, at any depth, sorted by
   * path}. Directories that cannot be read are skipped.
   */
  public List<Path> files() {
    List<Path> files = new ArrayList<>();
    try {
      Files.walkFileTree(projects, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".jsonl")) {
            files.add(file);
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
    files.sort(null);
    return List.copyOf(files);
  }

  @Override
  public String toString() {
    return "ClaudeHome[" + projects + "]";
  }
}
