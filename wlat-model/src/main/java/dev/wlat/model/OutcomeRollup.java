package dev.wlat.model;

import java.util.Objects;

/**
 * The in-window usage of the threads sharing one (GitHub repo, workstream, outcome, confidence), with
 * the GitHub work linked to them.
 *
 * @param githubRepo {@code owner/name}, or {@code null} for work outside GitHub
 * @param workstreamLabel the workstream
 * @param outcome the threads' outcome type
 * @param confidence the threads' attribution confidence
 * @param threadCount threads in the group
 * @param delta their in-window cumulative deltas, per field
 * @param linkedCommits distinct commits linked to them
 * @param linkedPullRequests distinct pull requests linked to them
 * @param linkedMergedPullRequests of those, the merged ones
 * @param linkedClosedIssues distinct closed issues linked to them
 * @param linkedReleases distinct releases and tags linked to them
 * @param linkAllocatedTokens tokens their links carry (at most {@code delta.totalTokens()})
 * @param mergedPullRequestTokens tokens carried by links to merged pull requests
 */
public record OutcomeRollup(
    String githubRepo,
    String workstreamLabel,
    OutcomeType outcome,
    Confidence confidence,
    long threadCount,
    TokenUsage delta,
    long linkedCommits,
    long linkedPullRequests,
    long linkedMergedPullRequests,
    long linkedClosedIssues,
    long linkedReleases,
    long linkAllocatedTokens,
    long mergedPullRequestTokens) {

  public OutcomeRollup {
    Objects.requireNonNull(workstreamLabel, "workstreamLabel");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(delta, "delta");
  }

  /** {@return tokens per merged pull request, or {@code null} when none is linked}. */
  public Double tokensPerMergedPullRequest() {
    return linkedMergedPullRequests == 0 ? null : (double) mergedPullRequestTokens / linkedMergedPullRequests;
  }
}
