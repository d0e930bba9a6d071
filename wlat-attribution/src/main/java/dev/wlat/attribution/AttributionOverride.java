package dev.wlat.attribution;

import dev.wlat.model.GitHubRepo;
import dev.wlat.model.OutcomeType;
import java.util.Objects;

/**
 * One row of an overrides file: a hand-made mapping of threads to a repository, workstream or outcome.
 *
 * @param matchKind what the row matches
 * @param matchValue a thread id (lower-case), or an absolute, normalized path prefix
 * @param githubRepo the repository the matched threads belong to, or {@code null} (keep the one the
 *     evidence finds)
 * @param workstreamLabel the workstream, or {@code null} (derive it)
 * @param outcome the outcome, or {@code null} (derive it)
 * @param note the row's note, or {@code null}
 * @param line the row's line in its file (1-based)
 */
public record AttributionOverride(
    MatchKind matchKind,
    String matchValue,
    GitHubRepo githubRepo,
    String workstreamLabel,
    OutcomeType outcome,
    String note,
    int line) {

  /** What an override row matches. */
  public enum MatchKind {
    /** A thread by its id. */
    THREAD_ID("thread_id"),
    /** Threads whose cwd lies under a path (component-wise). */
    PATH_PREFIX("path_prefix");

    private final String label;

    MatchKind(String label) {
      this.label = label;
    }

    /** {@return the name used in the file}. */
    public String label() {
      return label;
    }
  }

  public AttributionOverride {
    Objects.requireNonNull(matchKind, "matchKind");
    Objects.requireNonNull(matchValue, "matchValue");
    if (githubRepo == null && workstreamLabel == null && outcome == null) {
      throw new IllegalArgumentException("override [" + matchValue + "] maps nothing");
    }
  }
}
