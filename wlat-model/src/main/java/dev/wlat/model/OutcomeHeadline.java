package dev.wlat.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures a user asks for first: what the window's tokens produced.
 *
 * @param totalTokens every thread's in-window {@code cumulative_delta_tokens}
 * @param githubRepoTokens of those, tokens of threads attributed to a GitHub repo
 * @param exactOrStrongTokens tokens of threads attributed {@code manual}, {@code exact} or {@code strong}
 * @param mergedPullRequests distinct merged pull requests linked to any thread
 * @param mergedPullRequestTokens tokens carried by links to them
 * @param closedIssues distinct closed issues linked to any thread
 * @param closedIssueTokens tokens carried by links to them
 * @param releases distinct releases and tags linked to any thread
 * @param releaseTokens tokens carried by links to them
 * @param tokensByRepo in-window tokens per GitHub repo ({@code owner/name}), sorted by name
 */
public record OutcomeHeadline(
    long totalTokens,
    long githubRepoTokens,
    long exactOrStrongTokens,
    long mergedPullRequests,
    long mergedPullRequestTokens,
    long closedIssues,
    long closedIssueTokens,
    long releases,
    long releaseTokens,
    Map<String, Long> tokensByRepo) {

  public OutcomeHeadline {
    tokensByRepo = Collections.unmodifiableMap(new TreeMap<>(tokensByRepo));
  }

  /** {@return tokens per merged PR, or {@code null} when none}. */
  public Double tokensPerMergedPullRequest() {
    return mergedPullRequests == 0 ? null : (double) mergedPullRequestTokens / mergedPullRequests;
  }

  /** {@return tokens per closed issue, or {@code null} when none}. */
  public Double tokensPerClosedIssue() {
    return closedIssues == 0 ? null : (double) closedIssueTokens / closedIssues;
  }

  /** {@return tokens per release, or {@code null} when none}. */
  public Double tokensPerRelease() {
    return releases == 0 ? null : (double) releaseTokens / releases;
  }

  /** {@return the share of tokens attributed manual, exact or strong (0 when there are none)}. */
  public double exactOrStrongShare() {
    return totalTokens == 0 ? 0 : (double) exactOrStrongTokens / totalTokens;
  }
}
