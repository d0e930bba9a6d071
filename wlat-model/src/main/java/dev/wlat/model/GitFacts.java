package dev.wlat.model;

/**
 * Git facts Codex recorded for a session ({@code session_meta.git}) or a thread (state DB), as of
 * that session. Each part may be {@code null}.
 *
 * @param commitHash {@code commit_hash}
 * @param branch {@code branch}
 * @param repositoryUrl {@code repository_url} (the origin remote)
 */
public record GitFacts(String commitHash, String branch, String repositoryUrl) {

  /** Nothing recorded. */
  public static final GitFacts NONE = new GitFacts(null, null, null);

  /** {@return true when nothing was recorded}. */
  public boolean isEmpty() {
    return commitHash == null && branch == null && repositoryUrl == null;
  }
}
