package dev.wlat.model;

import java.util.Objects;

/**
 * How much of the window's usage is attributed at one confidence level.
 *
 * @param confidence the level
 * @param threadCount threads attributed at that level
 * @param tokens their in-window {@code cumulative_delta_tokens}
 * @param tokenShare {@code tokens} over all threads' tokens (0 when there are none)
 * @param githubRepoTokens of {@code tokens}, those of threads with a GitHub repo
 * @param linkCount outcome links at that level (a link's own confidence)
 * @param linkAllocatedTokens tokens those links carry
 */
public record ConfidenceSummary(
    Confidence confidence,
    long threadCount,
    long tokens,
    double tokenShare,
    long githubRepoTokens,
    long linkCount,
    long linkAllocatedTokens) {

  public ConfidenceSummary {
    Objects.requireNonNull(confidence, "confidence");
  }
}
