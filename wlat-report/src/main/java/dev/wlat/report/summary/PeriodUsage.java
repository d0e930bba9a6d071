package dev.wlat.report.summary;

import dev.wlat.model.AccountingWarning;
import dev.wlat.model.Grain;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One day, ISO week or month of a report, recomputed from the token rows inside the window.
 *
 * <p>{@code periodStart} and {@code periodEnd} are the calendar period's bounds in the report's zone,
 * even where the window cuts it: such a first or last period is {@code partial} and holds only the
 * rows inside the window, so periods never count a row outside it and always add up to the window.
 *
 * @param grain {@link Grain#DAY}, {@link Grain#WEEK} or {@link Grain#MONTH}
 * @param key {@code 2026-09-14}, {@code 2026-W38} or {@code 2026-09}
 * @param periodStart the period's start (inclusive)
 * @param periodEnd the period's end (exclusive)
 * @param partial whether the window starts after {@code periodStart} or ends before {@code periodEnd}
 * @param threadCount threads with rows in the period
 * @param usage the figures of the period's rows
 * @param warnings the union of the rows' warnings, in label order
 */
public record PeriodUsage(Grain grain, String key, Instant periodStart, Instant periodEnd, boolean partial,
    long threadCount, UsageSums usage, Set<AccountingWarning> warnings) {

  public PeriodUsage {
    Objects.requireNonNull(grain, "grain");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(periodStart, "periodStart");
    Objects.requireNonNull(periodEnd, "periodEnd");
    Objects.requireNonNull(usage, "usage");
    if (grain != Grain.DAY && grain != Grain.WEEK && grain != Grain.MONTH) {
      throw new IllegalArgumentException("period grain must be day, week or month, was [" + grain.label() + "]");
    }
    warnings = AccountingWarning.setOf(warnings);
  }
}
