package dev.wlat.attribution.internal;

import dev.wlat.attribution.LocalRepo;
import dev.wlat.model.GitHubRepo;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Finds the git working trees under explicit roots and reads each one's remotes, branches and HEAD.
 *
 * <p>A root may itself be a working tree or a directory holding them. Directories are walked at
 * most {@link #MAX_DEPTH} levels below each root, in name order, without following symbolic links
 * (no cycles, no leaving the roots), and at most {@link #MAX_DIRECTORIES} in all. Working trees are
 * descended into too, since repositories nest (a checkout inside another checkout's directory), but
 * hidden directories ({@code .git}, {@code .venv}, ...) and build or dependency output
 * ({@link #SKIPPED}) are not. {@code .gitignore} is deliberately not honoured: a workspace or
 * dot-file repository that ignores its children would hide every repository under it.
 *
 * <p>A directory is a working tree when it holds {@code .git}: a directory, or a file
 * {@code gitdir: <path>} (a linked worktree, {@code <main>/.git/worktrees/<name>}, or a submodule).
 * JGit's {@link FileRepositoryBuilder} follows the file and its {@code commondir}. The repository is
 * opened by its working tree only: the environment ({@code GIT_DIR}) and parent directories are never
 * consulted. A working tree that cannot be read is skipped and reported as a problem.
 */
public final class RepoScanner {

  /** How many directory levels below a root are looked at. */
  public static final int MAX_DEPTH = 4;
  /** How many directories one discovery looks at, at most. */
  public static final int MAX_DIRECTORIES = 50_000;
  /** Directory names never descended into (besides hidden ones). */
  public static final Set<String> SKIPPED = Set.of("node_modules", "target", "build", "dist", "vendor",
      "venv", "__pycache__", "bower_components");

  private final Map<Path, LocalRepo> repos = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();
  private int directories;
  private boolean capped;

  private RepoScanner() {}

  /** What one discovery found. */
  public record Scan(List<LocalRepo> repos, List<String> problems) {
    public Scan {
      repos = List.copyOf(repos);
      problems = List.copyOf(problems);
    }
  }

  /** {@return the working trees under {@code roots}, sorted by root, and the problems met}. */
  public static Scan scan(List<Path> roots) {
    RepoScanner s = new RepoScanner();
    for (Path root : roots) {
      s.scanRoot(root);
    }
    List<LocalRepo> sorted = new ArrayList<>(s.repos.values());
    sorted.sort((a, b) -> a.root().compareTo(b.root()));
    return new Scan(sorted, s.problems);
  }

  /** {@return the working tree at {@code dir}, or empty with a problem recorded in {@code problems}}. */
  public static Optional<LocalRepo> read(Path dir, List<String> problems) {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().setWorkTree(dir.toFile()).setMustExist(true);
    try (Repository r = builder.build()) {
      if (!r.getObjectDatabase().exists()) {
        problems.add(dir + ": not a git repository (no object database); skipped");
        return Optional.empty();
      }
      Path gitDir = real(r.getDirectory());
      Path commonDir = real(r.getCommonDirectory());
      Map<String, String> remotes = remotes(r.getConfig());
      List<String> branches = new ArrayList<>();
      for (Ref ref : r.getRefDatabase().getRefsByPrefix(Constants.R_HEADS, Constants.R_REMOTES)) {
        if (!ref.isSymbolic()) {
          branches.add(Repository.shortenRefName(ref.getName()));
        }
      }
      Ref head = r.exactRef(Constants.HEAD);
      String headBranch = head != null && head.isSymbolic()
          ? Repository.shortenRefName(head.getTarget().getName()) : null;
      ObjectId headId = head == null ? null : head.getObjectId();
      return Optional.of(new LocalRepo(dir, gitDir, commonDir, githubOf(remotes), remotes, branches,
          headBranch, headId == null ? null : headId.name()));
    } catch (IOException | RuntimeException e) {
      problems.add(dir + ": cannot read git repository (" + oneLine(e) + "); skipped");
      return Optional.empty();
    }
  }

  private void scanRoot(Path given) {
    Path root;
    try {
      root = given.toRealPath();
    } catch (IOException | SecurityException e) {
      problems.add("repo root " + given + ": does not exist or cannot be read; skipped");
      return;
    }
    if (!Files.isDirectory(root)) {
      problems.add("repo root " + given + ": not a directory; skipped");
      return;
    }
    visit(root, 0);
  }

  private void visit(Path dir, int depth) {
    if (++directories > MAX_DIRECTORIES) {
      if (!capped) {
        capped = true;
        problems.add("repository discovery stopped after " + MAX_DIRECTORIES + " directories; narrow the roots");
      }
      return;
    }
    if (!repos.containsKey(dir) && Files.exists(dir.resolve(Constants.DOT_GIT), LinkOption.NOFOLLOW_LINKS)) {
      read(dir, problems).ifPresent(r -> repos.put(dir, r));
    }
    if (depth >= MAX_DEPTH) {
      return;
    }
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> in = Files.newDirectoryStream(dir)) {
      for (Path child : in) {
        String name = child.getFileName().toString();
        if (!name.startsWith(".") && !SKIPPED.contains(name) && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
          children.add(child);
        }
      }
    } catch (IOException | SecurityException e) {
      problems.add(dir + ": cannot list directory (" + oneLine(e) + ")");
      return;
    }
    children.sort(null);
    for (Path child : children) {
      visit(child, depth + 1);
    }
  }

  private static Map<String, String> remotes(Config config) {
    Map<String, String> out = new TreeMap<>();
    for (String name : new TreeSet<>(config.getSubsections("remote"))) {
      String url = config.getString("remote", name, "url");
      if (url != null) {
        out.put(name, RemoteUrls.withoutCredentials(url));
      }
    }
    return out;
  }

  private static GitHubRepo githubOf(Map<String, String> remotes) {
    for (String preferred : List.of("origin", "upstream")) {
      Optional<GitHubRepo> g = RemoteUrls.parseGitHub(remotes.get(preferred));
      if (g.isPresent()) {
        return g.get();
      }
    }
    for (String url : remotes.values()) {
      Optional<GitHubRepo> g = RemoteUrls.parseGitHub(url);
      if (g.isPresent()) {
        return g.get();
      }
    }
    return null;
  }

  private static Path real(File f) throws IOException {
    return f.toPath().toRealPath();
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage();
    String s = e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    return s.replaceAll("[\\t\\r\\n]+", " ");
  }
}
