package dev.wlat.attribution;

import dev.wlat.attribution.internal.CommitLog;
import dev.wlat.attribution.internal.PathMatch;
import dev.wlat.attribution.internal.RepoScanner;
import dev.wlat.model.GitHubRepo;
import dev.wlat.model.Redaction;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The local git working trees under explicit roots, and their recent history.
 *
 * <p>Only the given roots are searched (see {@link RepoScanner} for the walk: at most
 * {@value RepoScanner#MAX_DEPTH} levels, no hidden, dependency or build directories, no symbolic
 * links); nothing else on the machine is looked at. Linked worktrees are working trees of their own,
 * sharing the main tree's {@link LocalRepo#commonDir()}. A repository that cannot be read is left
 * out and described in {@link #problems()}; discovery never fails because of one bad repository.
 *
 * <p>The index is a snapshot: working trees, remotes and branches as they were at discovery. Commit
 * histories are walked on first use, once per repository (working trees share one walk), and cached.
 * Thread-safe.
 */
public final class RepoIndex {

  private static final RepoIndex EMPTY = new RepoIndex(List.of(), List.of());

  private final List<LocalRepo> repos;
  private final List<String> problems;
  private final Map<Path, CommitLog> logs = new LinkedHashMap<>();
  /** Each root as redacted, when that changes it (see shownRoot). */
  private final Map<Path, Optional<Path>> shownRoots = new java.util.concurrent.ConcurrentHashMap<>();
  /** Each cwd's forms (as given and its real path), resolved once per index: many threads share a cwd. */
  private final Map<String, List<Path>> formsByCwd = new java.util.concurrent.ConcurrentHashMap<>();

  private RepoIndex(List<LocalRepo> repos, List<String> problems) {
    this.repos = List.copyOf(repos);
    this.problems = Collections.synchronizedList(new ArrayList<>(problems));
  }

  /** {@return the working trees under {@code roots} (each a repository or a directory of them)}. */
  public static RepoIndex discover(List<Path> roots) {
    Objects.requireNonNull(roots, "roots");
    RepoScanner.Scan scan = RepoScanner.scan(roots);
    return new RepoIndex(scan.repos(), scan.problems());
  }

  /** {@return an index with no repositories (no roots given)}. */
  public static RepoIndex empty() {
    return EMPTY;
  }

  /** {@return every working tree, sorted by root}. */
  public List<LocalRepo> repos() {
    return repos;
  }

  /**
   * {@return one line per repository or root that could not be used, or history walk cut short}, in
   * the order met; grows as histories are walked.
   */
  public List<String> problems() {
    synchronized (problems) {
      return List.copyOf(problems);
    }
  }

  /**
   * {@return the working tree containing {@code cwd}, the one with the longest root when trees nest
   * (a nested checkout or a worktree inside the main tree wins over its parent)}. Paths compare
   * component-wise, as recorded and as their real path; empty for a relative, blank or outside path.
   */
  public Optional<LocalRepo> forCwd(String cwd) {
    if (repos.isEmpty() || cwd == null) {
      return Optional.empty();
    }
    List<Path> forms = formsByCwd.computeIfAbsent(cwd, c -> PathMatch.parse(c).map(PathMatch::forms).orElse(List.of()));
    LocalRepo best = null;
    for (LocalRepo r : repos) {
      boolean contains = PathMatch.contains(r.root(), forms)
          || shownRoot(r).map(root -> PathMatch.contains(root, forms)).orElse(false);
      if (contains
          && (best == null || r.root().getNameCount() > best.root().getNameCount())) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * {@return {@code repo}'s root with its secret-shaped components redacted, when it has any}: the
   * cwds recorded in Codex logs are redacted as they are read (dev.wlat.model.Redaction#path), so a
   * tree under {@code GoogleDrive-dev@example.com/ (as [redacted:email]/)} is matched in that form too.
   */
  private Optional<Path> shownRoot(LocalRepo repo) {
    return shownRoots.computeIfAbsent(repo.root(), root -> {
      String shown = Redaction.path(root.toString());
      return shown.equals(root.toString()) ? Optional.empty() : Optional.of(Path.of(shown));
    });
  }

  /** {@return the working trees whose remotes name {@code repo}, sorted by root}. */
  public List<LocalRepo> byGitHubRepo(GitHubRepo repo) {
    return repos.stream().filter(r -> repo != null && repo.equals(r.githubRepo())).toList();
  }

  /**
   * {@return the working trees whose directory, or whose main tree's directory, is called
   * {@code name} (ignoring case), sorted by root}.
   */
  public List<LocalRepo> byDirectoryName(String name) {
    if (name == null || name.isEmpty()) {
      return List.of();
    }
    String n = name.toLowerCase(Locale.ROOT);
    return repos.stream().filter(r -> r.directoryName().toLowerCase(Locale.ROOT).equals(n)
        || PathMatch.lastName(r.mainRoot()).map(m -> m.toLowerCase(Locale.ROOT).equals(n)).orElse(false))
        .toList();
  }

  /**
   * {@return the commits of {@code repo} reachable from any branch (or a working tree's HEAD) with
   * committer time in {@code [from, to)}, oldest first}. The history is walked once per repository
   * and cached (see {@link CommitLog} for its bounds); empty when it cannot be read (a problem is
   * recorded).
   */
  public List<LocalCommit> commits(LocalRepo repo, Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      return List.of();
    }
    return log(repo).between(from, to);
  }

  /** {@return true when {@code repo} holds the commit {@code sha} (full or abbreviated)}. */
  public boolean containsCommit(LocalRepo repo, String sha) {
    return log(repo).contains(sha);
  }

  private CommitLog log(LocalRepo repo) {
    Objects.requireNonNull(repo, "repo");
    synchronized (logs) {
      return logs.computeIfAbsent(repo.commonDir(), dir -> new CommitLog(
          treesOf(repo), problems::add));
    }
  }

  private List<LocalRepo> treesOf(LocalRepo repo) {
    List<LocalRepo> trees = new ArrayList<>();
    for (LocalRepo r : repos) {
      if (r.commonDir().equals(repo.commonDir())) {
        trees.add(r);
      }
    }
    if (!trees.contains(repo)) {
      trees.add(repo);
    }
    return trees;
  }

  @Override
  public String toString() {
    return "RepoIndex[" + repos.size() + " working trees, " + problems.size() + " problems]";
  }
}
