package dev.wlat.report.summary;

import dev.wlat.model.AccountingWarning;
import dev.wlat.model.Confidence;
import dev.wlat.model.OutcomeType;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One thread with token rows inside a report's window: its in-window figures beside its full
 * history (as {@code token_thread_rollups.tsv} has it).
 *
 * @param threadId the thread
 * @param parentThreadId its parent (fork or subagent), or {@code null}
 * @param title its redacted name, or {@code null}
 * @param githubRepo {@code owner/name}, or {@code null}
 * @param workstreamLabel its workstream
 * @param outcome its outcome type
 * @param confidence its attribution confidence
 * @param attributionMethod the signals its attribution used, or {@code null}
 * @param firstEventAt its first row inside the window
 * @param lastEventAt its last row inside the window
 * @param usage the figures of its rows inside the window
 * @param warnings the union of those rows' warnings
 * @param linkCount its outcome links
 * @param history its full-history figures, or {@code null} when the thread rollups lack it
 */
public record ThreadUsage(String threadId, String parentThreadId, String title, String githubRepo,
    String workstreamLabel, OutcomeType outcome, Confidence confidence, String attributionMethod,
    Instant firstEventAt, Instant lastEventAt, UsageSums usage, Set<AccountingWarning> warnings, long linkCount,
    History history) {

  public ThreadUsage {
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(workstreamLabel, "workstreamLabel");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(usage, "usage");
    warnings = AccountingWarning.setOf(warnings);
  }

  /** {@return the in-window {@code cumulative_delta_tokens}}. */
  public long tokens() {
    return usage.cumulativeDeltaTokens();
  }

  /**
   * A thread's figures over its full history, window or not.
   *
   * @param firstEventAt its first token row
   * @param lastEventAt its last token row
   * @param tokenEventCount its token rows
   * @param observedEventSumTokens Σ last usage over them
   * @param cumulativeDeltaTokens its usage
   * @param finalSessionTotalTokens Σ of its sessions' final cumulative totals
   * @param finalThreadTotalTokens its largest cumulative total
   */
  public record History(Instant firstEventAt, Instant lastEventAt, long tokenEventCount, long observedEventSumTokens,
      long cumulativeDeltaTokens, long finalSessionTotalTokens, long finalThreadTotalTokens) {}
}
