package dev.wlat.model;

import java.util.Objects;

/**
 * Where one thread's tokens went: its repository, workstream and outcome, and how sure wlat is.
 *
 * @param threadId the thread
 * @param repoRoot the local repository (worktree) root the thread worked in, or {@code null}
 * @param githubRepo the GitHub repository, or {@code null} (no GitHub remote, or unknown)
 * @param branch the branch the thread worked on, or {@code null}
 * @param sha the commit the thread started from, or {@code null}
 * @param workstreamLabel the workstream: {@code owner/name:branch-topic}, or for work outside
 *     GitHub a key derived from the cwd; never {@code null}; already redacted (see {@link Redaction})
 * @param outcome the outcome type
 * @param confidence how sure the link between thread and repository is
 * @param method the signals used, {@code +}-joined (e.g. {@code cwd+recorded_origin+branch})
 * @param evidence a short, secret-free account of the evidence, saying for each fact whether it is
 *     as recorded by Codex at the session ({@code as-of-session}) or as the repository is now
 *     ({@code current}); already redacted
 */
public record Attribution(
    String threadId,
    String repoRoot,
    GitHubRepo githubRepo,
    String branch,
    String sha,
    String workstreamLabel,
    OutcomeType outcome,
    Confidence confidence,
    String method,
    String evidence) {

  public Attribution {
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(workstreamLabel, "workstreamLabel");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(evidence, "evidence");
  }

  /** {@return an attribution for a thread with nothing to go on}. */
  public static Attribution none(String threadId, String workstreamLabel) {
    return new Attribution(threadId, null, null, null, null, workstreamLabel, OutcomeType.UNKNOWN,
        Confidence.NONE, "none", "no cwd, git facts or mapping");
  }

  /** {@return {@code owner/name}, or {@code null}}. */
  public String githubSlug() {
    return githubRepo == null ? null : githubRepo.slug();
  }
}
