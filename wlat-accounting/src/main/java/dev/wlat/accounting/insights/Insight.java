package dev.wlat.accounting.insights;

import java.util.Objects;

/**
 * One finding about a thread: what kind, where, how many tokens it concerns and how far past its
 * threshold it went.
 *
 * <p>The {@code why} sentence holds aggregate numbers only (counts, tokens, percentages, dollars),
 * never prompt text, paths or model output.
 *
 * @param kind the kind of finding
 * @param threadId the thread
 * @param eventId the call it points at (the worst one), or {@code null} for a thread-wide finding
 * @param tokensAtStake the tokens the finding concerns
 * @param severity how far past the threshold: the measure divided by the threshold, at least 1
 * @param score the attention score, {@code tokensAtStake × severity}, used for ranking
 * @param why one sentence of aggregate numbers
 * @param action the kind's suggested action
 */
public record Insight(InsightKind kind, String threadId, String eventId, long tokensAtStake, double severity,
    double score, String why, String action) {

  public Insight {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(why, "why");
    Objects.requireNonNull(action, "action");
    if (tokensAtStake < 0) {
      throw new IllegalArgumentException("tokens at stake must not be negative, was [" + tokensAtStake + "]");
    }
    if (!(severity >= 1) || Double.isInfinite(severity)) {
      throw new IllegalArgumentException("severity must be finite and at least 1, was [" + severity + "]");
    }
    if (!(score >= 0) || Double.isInfinite(score)) {
      throw new IllegalArgumentException("score must be finite and not negative, was [" + score + "]");
    }
  }

  /** {@return an insight of {@code kind} scored {@code tokensAtStake × severity}, with the kind's action}. */
  public static Insight of(InsightKind kind, String threadId, String eventId, long tokensAtStake, double severity,
      String why) {
    return new Insight(kind, threadId, eventId, tokensAtStake, severity, tokensAtStake * severity, why,
        kind.action());
  }
}
