package dev.wlat.attribution.internal;

import dev.wlat.attribution.LocalRepo;
import dev.wlat.model.GitHubRepo;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Workstream labels: {@code owner/name:<topic>} for a GitHub repository,
 * {@code local:<main tree directory>:<topic>} for a local repository without one,
 * {@code cwd:<last two cwd components>} without a repository, {@code unknown} without a cwd.
 *
 * <p>The topic is the branch without its kind prefixes ({@code feat/login-retry} and
 * {@code codex/fix/login-retry} are {@code login-retry}); a default branch
 * ({@link #DEFAULT_BRANCHES}) or no branch is {@code main}. Linked worktrees of one repository share
 * their main tree's directory name, so their work lands in one workstream per branch.
 */
public final class Workstreams {

  /** Branch names that mean the trunk of a repository. */
  public static final Set<String> DEFAULT_BRANCHES = Set.of("main", "master", "trunk", "develop");

  /** Leading branch-name parts that say what kind of work a branch is, not what it is about. */
  static final Set<String> KIND_PREFIXES = Set.of("feat", "feature", "features", "fix", "fixes", "bugfix",
      "bug", "hotfix", "chore", "docs", "doc", "refactor", "perf", "test", "tests", "ci", "build", "style",
      "release", "deps", "dependabot", "renovate", "codex", "wip", "exp", "experiment", "spike");

  private Workstreams() {}

  /** {@return true for a default branch name ({@code main}, {@code master}, ...)}. */
  public static boolean isDefaultBranch(String branch) {
    return branch != null && DEFAULT_BRANCHES.contains(branch);
  }

  /** {@return the workstream label for the given repository, branch and cwd (each may be absent)}. */
  public static String label(GitHubRepo github, LocalRepo local, String branch, Optional<Path> cwd) {
    if (github != null) {
      return github.slug() + ":" + topic(branch);
    }
    if (local != null) {
      return "local:" + PathMatch.lastName(local.mainRoot()).orElse("/") + ":" + topic(branch);
    }
    return cwd.map(p -> "cwd:" + PathMatch.lastTwo(p)).orElse("unknown");
  }

  /** {@return the topic of a branch: kind prefixes stripped, {@code main} for none or a default}. */
  public static String topic(String branch) {
    if (branch == null) {
      return "main";
    }
    String b = branch.trim();
    if (b.startsWith("refs/heads/")) {
      b = b.substring("refs/heads/".length());
    }
    int slash = b.indexOf('/');
    while (slash > 0 && slash < b.length() - 1
        && KIND_PREFIXES.contains(b.substring(0, slash).toLowerCase(Locale.ROOT))) {
      b = b.substring(slash + 1);
      slash = b.indexOf('/');
    }
    return b.isEmpty() || isDefaultBranch(b) ? "main" : b.replaceAll("[\\t\\r\\n]", " ");
  }
}
