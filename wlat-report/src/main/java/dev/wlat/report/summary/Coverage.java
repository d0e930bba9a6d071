package dev.wlat.report.summary;

import java.time.Instant;
import java.util.List;

/**
 * How much of a report's window the data covers: what the backfill that wrote it read, and the
 * events present.
 *
 * @param backfillRunId the run that wrote the data (from its rows), or {@code null}
 * @param backfillRanAt when it ran, or {@code null}
 * @param backfillSince the start of the backfill's window, or {@code null} (all history, or unknown
 *     when {@code backfillSinceText} is {@code null})
 * @param backfillSinceText the backfill's {@code --since} as its ledger records it, or {@code null}
 *     without a ledger
 * @param backfillUntil the end of the backfill's window, or {@code null} (open, or unknown)
 * @param earliestEvent the earliest token row in the data, or {@code null} when there is none
 * @param latestEvent the latest token row in the data, or {@code null}
 * @param gaps one plain sentence per way the data covers less than the window (empty when it covers it)
 */
public record Coverage(String backfillRunId, Instant backfillRanAt, Instant backfillSince, String backfillSinceText,
    Instant backfillUntil, Instant earliestEvent, Instant latestEvent, List<String> gaps) {

  public Coverage {
    gaps = List.copyOf(gaps);
  }

  /** {@return whether the data covers the whole window, as far as wlat can tell}. */
  public boolean complete() {
    return gaps.isEmpty();
  }
}
