package dev.wlat.attribution;

import dev.wlat.model.GitHubRepo;
import dev.wlat.model.Redaction;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One working tree of a local git repository, as it is now: the main working tree, or a linked
 * worktree ({@code git worktree add}) which shares its main tree's refs, objects and config.
 *
 * @param root the working tree's root, a real path
 * @param gitDir its git directory ({@code .git}, or {@code .git/worktrees/<name>} for a linked
 *     worktree)
 * @param commonDir the git directory it shares refs and objects with ({@code gitDir} itself for a
 *     main working tree); working trees of one repository have the same {@code commonDir}
 * @param githubRepo the GitHub repository of its remotes ({@code origin} first, then
 *     {@code upstream}, then any other in name order), or {@code null}
 * @param remoteUrls remote name to URL, without credentials, sorted by name
 * @param branches local branches ({@code feat/x}) and remote-tracking branches
 *     ({@code origin/feat/x}), short names, sorted
 * @param headBranch the branch checked out, or {@code null} (detached HEAD)
 * @param headSha the commit checked out, or {@code null} (no commit yet)
 */
public record LocalRepo(
    Path root,
    Path gitDir,
    Path commonDir,
    GitHubRepo githubRepo,
    Map<String, String> remoteUrls,
    List<String> branches,
    String headBranch,
    String headSha) {

  public LocalRepo {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(gitDir, "gitDir");
    Objects.requireNonNull(commonDir, "commonDir");
    remoteUrls = Collections.unmodifiableMap(new TreeMap<>(remoteUrls == null ? Map.of() : remoteUrls));
    branches = branches == null ? List.of() : branches.stream().sorted().distinct().toList();
  }

  /** {@return true for a linked worktree, false for a main working tree}. */
  public boolean isLinkedWorktree() {
    return !gitDir.equals(commonDir);
  }

  /**
   * {@return the main working tree's root}: this root, or for a linked worktree the directory holding
   * the shared {@code .git}.
   */
  public Path mainRoot() {
    Path name = commonDir.getFileName();
    if (isLinkedWorktree() && name != null && name.toString().equals(".git") && commonDir.getParent() != null) {
      return commonDir.getParent();
    }
    return root;
  }

  /** {@return the root's directory name}. */
  public String directoryName() {
    Path name = root.getFileName();
    return name == null ? root.toString() : name.toString();
  }

  /**
   * {@return true when {@code branch} exists here, as a local branch or as a remote-tracking branch of
   * one of the remotes ({@code origin/<branch>})}.
   */
  public boolean hasBranch(String branch) {
    if (branch == null || branch.isEmpty()) {
      return false;
    }
    for (String b : branches) {
      if (isBranch(b, branch)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@return true when the short ref name {@code shortName} (as in {@link #branches}) is
   * {@code branch}, locally or as a remote-tracking branch of one of the remotes}.
   */
  public boolean isBranch(String shortName, String branch) {
    // a recorded branch is redacted as read (dev.wlat.model.Redaction): compare a local one that way too
    return named(shortName, branch) || named(Redaction.redact(shortName), branch);
  }

  private boolean named(String shortName, String branch) {
    if (shortName.equals(branch)) {
      return true;
    }
    for (String remote : remoteUrls.keySet()) {
      if (shortName.length() == remote.length() + 1 + branch.length()
          && shortName.startsWith(remote + "/") && shortName.endsWith(branch)) {
        return true;
      }
    }
    return false;
  }
}
