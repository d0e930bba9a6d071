package dev.wlat.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One GitHub artifact: a commit, pull request, pull request file, issue, release or tag.
 *
 * <p>Free text (commit messages, PR and issue bodies) is never kept: at collection time it is
 * reduced to {@link #mentions()}, the references {@link Mentions} finds in it. {@code title} is the
 * raw title (or a commit's subject line); outputs pass it through the redactor.
 *
 * @param repo the repository
 * @param kind what it is
 * @param id the artifact's id within the repo: a commit or tag's SHA-less name ({@code v1.2.0}),
 *     a PR or issue number, a release tag, {@code <pr>:<path>} for a PR file, a commit's full SHA
 * @param timestamp when it came to be: a commit's committer date, a PR's or issue's creation, a
 *     release's publication, a tag's commit date; {@code null} when unknown
 * @param closedAt when a PR was merged (or closed unmerged) or an issue closed, else {@code null}
 * @param actor the author's login (or a commit author's name), or {@code null}
 * @param sha a commit's SHA, a PR's head SHA, a tag's or release's target SHA, or {@code null}
 * @param branch a PR's head branch, or {@code null}
 * @param title the title or subject line, raw, or {@code null}
 * @param state {@code open}, {@code closed}, {@code merged}, or {@code null}
 * @param merged whether a PR was merged; {@code null} for other kinds
 * @param url the web URL, or {@code null}
 * @param labels label names, sorted
 * @param filePath a PR file's path, or {@code null}
 * @param additions lines added (PR, PR file, commit when known), or {@code null}
 * @param deletions lines deleted, or {@code null}
 * @param outcome the outcome type
 * @param mentions references found in its text: thread ids, {@code #N} numbers, plan file paths
 * @param commitShas the commits of a PR (or a merge commit's SHA), for joining commits to PRs
 * @param closesIssues issue numbers a PR or commit closes ({@code fixes #12}), sorted
 */
public record GitHubArtifact(
    GitHubRepo repo,
    ArtifactKind kind,
    String id,
    Instant timestamp,
    Instant closedAt,
    String actor,
    String sha,
    String branch,
    String title,
    String state,
    Boolean merged,
    String url,
    List<String> labels,
    String filePath,
    Long additions,
    Long deletions,
    OutcomeType outcome,
    Set<String> mentions,
    List<String> commitShas,
    List<Integer> closesIssues) {

  public GitHubArtifact {
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("artifact id must not be empty (" + repo + " " + kind.label() + ")");
    }
    labels = labels == null ? List.of() : List.copyOf(labels.stream().sorted().toList());
    outcome = outcome == null ? OutcomeType.UNKNOWN : outcome;
    mentions = mentions == null ? Set.of() : Set.copyOf(mentions);
    commitShas = commitShas == null ? List.of() : List.copyOf(commitShas);
    closesIssues = closesIssues == null ? List.of() : List.copyOf(closesIssues.stream().sorted().toList());
  }

  /** {@return {@code <repo>#<kind>:<id>}, unique over everything wlat collects}. */
  public String key() {
    return repo.slug() + "#" + kind.label() + ":" + id;
  }

  /** {@return true for a merged pull request}. */
  public boolean isMergedPullRequest() {
    return kind == ArtifactKind.PULL_REQUEST && Boolean.TRUE.equals(merged);
  }
}
