package dev.wlat.accounting;

import dev.wlat.accounting.internal.Aggregate;
import dev.wlat.model.AccountingWarning;
import dev.wlat.model.EventAccounting;
import dev.wlat.model.Grain;
import dev.wlat.model.ReconciliationRow;
import dev.wlat.model.ThreadAccounting;
import dev.wlat.model.TimeWindow;
import dev.wlat.model.TokenUsage;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/*
 * Allocation. Deltas are computed over each thread's full history first (ThreadAccountant); only
 * then are rows allocated to the window and its periods, so a row just inside the window is
 * measured from a baseline set before it. A row is inside when since <= timestamp < until.
 *
 * Boundary. When a segment has rows before the window start, its first in-window row with a
 * positive delta may include usage accrued before the start: it is flagged boundary_uncertain, and
 * counted whole in the window rather than split by a guess.
 *
 * Additivity. Every per-row quantity lands in exactly one session, thread, day, week and month, so
 * those grains sum to the total exactly. The final cumulative totals (a maximum per segment or per
 * thread over its in-window rows) are allocated to the segment and period of the first row that
 * reached the maximum, which keeps them additive too.
 */

/**
 * Reconciles the views of many threads per session, thread, day, week, month and in total, within
 * a time window; rows are allocated to days in a given time zone.
 *
 * <p>The builder is streaming: {@link Builder#add} folds a thread's rows into aggregates and keeps
 * no rows.
 */
public final class Reconciliation {

  private Reconciliation() {}

  /**
   * {@return a builder for the rows inside {@code window}, with day, week and month boundaries in
   * {@code zone}}.
   */
  public static Builder builder(TimeWindow window, ZoneId zone) {
    return new Builder(window, zone);
  }

  /**
   * {@return the rows of {@code thread} inside {@code window}, in thread order}, each segment's first
   * row with a positive delta flagged {@link AccountingWarning#BOUNDARY_UNCERTAIN} when the segment
   * also has rows before the window start.
   *
   * <p>This is the filter the builder applies; writers of per-row outputs use it too.
   */
  public static List<EventAccounting> eventsInWindow(ThreadAccounting thread, TimeWindow window) {
    List<EventAccounting> all = thread.events();
    if (window.isAll()) {
      return all;
    }
    Set<String> startedBefore = new HashSet<>();
    if (window.since() != null) {
      for (EventAccounting e : all) {
        if (window.isBefore(e.timestamp())) {
          startedBefore.add(e.event().sessionSegmentId());
        }
      }
    }
    Set<String> flagged = new HashSet<>();
    List<EventAccounting> inside = new ArrayList<>();
    for (EventAccounting e : all) {
      if (!window.contains(e.timestamp())) {
        continue;
      }
      String segment = e.event().sessionSegmentId();
      if (!e.delta().isZero() && startedBefore.contains(segment) && flagged.add(segment)) {
        e = e.withWarning(AccountingWarning.BOUNDARY_UNCERTAIN);
      }
      inside.add(e);
    }
    return inside;
  }

  /** {@return the ISO week label of {@code date}, like {@code 2026-W09}}. */
  public static String weekLabel(LocalDate date) {
    int week = date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    return date.get(IsoFields.WEEK_BASED_YEAR) + (week < 10 ? "-W0" : "-W") + week;
  }

  /**
   * A snapshot of one aggregate: what one thread adds to a session, thread, period or the total.
   * Parts of the same grain and key merge by adding their sums, widening their times and uniting
   * their warnings, so a thread's contribution can be kept and folded in later (an incremental run
   * keeps the contributions of threads whose files did not change).
   *
   * @param grain the level
   * @param key the aggregate's key (see {@link ReconciliationRow#key()})
   * @param threadId the thread of a session or thread part, else {@code null}
   * @param periodStart the fixed start of a period, or {@code null} for sessions, threads and an open total
   * @param periodEnd the fixed end of a period, or {@code null}
   * @param firstAt the first row's time, or {@code null} when empty
   * @param lastAt the last row's time, or {@code null} when empty
   * @param tokenEventCount rows
   * @param observedEventSumTokens sum of last usage totals
   * @param finalSessionTotalTokens per-segment maxima allocated here
   * @param finalThreadTotalTokens per-thread maxima allocated here
   * @param uniqueLastPerSessionTurnTokens per-turn estimate (session)
   * @param uniqueLastPerThreadTurnTokens per-turn estimate (thread)
   * @param dedupedTurnTokens deduplicated per-turn tokens
   * @param cumulativeResetCount rows whose cumulative total dropped
   * @param delta positive deltas
   * @param warnings the rows' warnings
   */
  public record Part(Grain grain, String key, String threadId, Instant periodStart, Instant periodEnd,
      Instant firstAt, Instant lastAt, long tokenEventCount, long observedEventSumTokens,
      long finalSessionTotalTokens, long finalThreadTotalTokens, long uniqueLastPerSessionTurnTokens,
      long uniqueLastPerThreadTurnTokens, long dedupedTurnTokens, long cumulativeResetCount,
      TokenUsage delta, Set<AccountingWarning> warnings) {

    public Part {
      Objects.requireNonNull(grain, "grain");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(delta, "delta");
      warnings = warnings.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(warnings));
    }
  }

  /**
   * What one thread adds to the reconciliation of a window: one part per aggregate its in-window
   * rows touch (its sessions, itself, its days, weeks, months and the total); no parts when it has
   * no rows in the window.
   *
   * @param threadId the thread
   * @param parts its parts, in a fixed order
   */
  public record Contribution(String threadId, List<Part> parts) {

    public Contribution {
      Objects.requireNonNull(threadId, "threadId");
      parts = List.copyOf(parts);
    }
  }

  /** {@return what {@code thread} adds to the reconciliation of {@code window}, days in {@code zone}}. */
  public static Contribution contribution(ThreadAccounting thread, TimeWindow window, ZoneId zone) {
    Builder local = new Builder(window, zone);
    local.add(thread);
    List<Part> parts = new ArrayList<>();
    for (Aggregate a : local.sessions.values()) {
      parts.add(a.part());
    }
    for (Aggregate a : local.threads.values()) {
      parts.add(a.part());
    }
    for (Aggregate a : local.days.values()) {
      parts.add(a.part());
    }
    for (Aggregate a : local.weeks.values()) {
      parts.add(a.part());
    }
    for (Aggregate a : local.months.values()) {
      parts.add(a.part());
    }
    if (!local.threads.isEmpty()) {
      parts.add(local.total.part());
    }
    return new Contribution(thread.threadId(), parts);
  }

  /** Accumulates per-period aggregates of accounted threads; single-threaded. */
  public static final class Builder {
    private final TimeWindow window;
    private final ZoneId zone;
    private final Map<String, Aggregate> sessions = new LinkedHashMap<>();
    private final Map<String, Aggregate> threads = new LinkedHashMap<>();
    private final TreeMap<Instant, Aggregate> days = new TreeMap<>();
    private final TreeMap<Instant, Aggregate> weeks = new TreeMap<>();
    private final TreeMap<Instant, Aggregate> months = new TreeMap<>();
    private final Set<String> added = new HashSet<>();
    private final Aggregate total;

    private Builder(TimeWindow window, ZoneId zone) {
      this.window = Objects.requireNonNull(window, "window");
      this.zone = Objects.requireNonNull(zone, "zone");
      this.total = new Aggregate(Grain.TOTAL, "total", null, window.since(), window.until());
    }

    /**
     * Folds in the rows of one thread that lie inside the window.
     *
     * @throws IllegalArgumentException if the thread was added before
     */
    public Builder add(ThreadAccounting thread) {
      String threadId = thread.threadId();
      if (!added.add(threadId)) {
        throw new IllegalArgumentException("thread [" + threadId + "] added twice");
      }
      List<EventAccounting> rows = eventsInWindow(thread, window);
      if (rows.isEmpty()) {
        return this;
      }
      Aggregate threadAgg = new Aggregate(Grain.THREAD, threadId, threadId, null, null);
      threads.put(threadId, threadAgg);
      Map<String, EventAccounting> segmentMax = new HashMap<>();
      EventAccounting threadMax = null;
      for (EventAccounting row : rows) {
        String segment = row.event().sessionSegmentId();
        for (Aggregate a : targets(row, threadAgg)) {
          a.add(row);
        }
        if (row.accountingIncluded() && row.event().total() != null) {
          long t = row.event().total().totalTokens();
          EventAccounting best = segmentMax.get(segment);
          if (best == null || t > best.event().total().totalTokens()) {
            segmentMax.put(segment, row);
          }
          if (threadMax == null || t > threadMax.event().total().totalTokens()) {
            threadMax = row;
          }
        }
      }
      for (EventAccounting row : segmentMax.values()) {
        long t = row.event().total().totalTokens();
        for (Aggregate a : targets(row, threadAgg)) {
          a.addFinalSession(t);
        }
      }
      if (threadMax != null) {
        long t = threadMax.event().total().totalTokens();
        for (Aggregate a : targets(threadMax, threadAgg)) {
          a.addFinalThread(t);
        }
      }
      return this;
    }

    /**
     * Folds in a contribution made by {@link Reconciliation#contribution} for the same window and
     * zone; the result is the same as adding the thread itself.
     *
     * @throws IllegalArgumentException if the thread was added before
     */
    public Builder add(Contribution c) {
      if (!added.add(c.threadId())) {
        throw new IllegalArgumentException("thread [" + c.threadId() + "] added twice");
      }
      for (Part p : c.parts()) {
        aggregateOf(p).merge(p);
      }
      return this;
    }

    private Aggregate aggregateOf(Part p) {
      return switch (p.grain()) {
        case SESSION -> sessions.computeIfAbsent(p.key(), k -> new Aggregate(Grain.SESSION, k, p.threadId(), null, null));
        case THREAD -> threads.computeIfAbsent(p.key(), k -> new Aggregate(Grain.THREAD, k, p.threadId(), null, null));
        case DAY -> days.computeIfAbsent(p.periodStart(), s -> new Aggregate(Grain.DAY, p.key(), null, s, p.periodEnd()));
        case WEEK -> weeks.computeIfAbsent(p.periodStart(), s -> new Aggregate(Grain.WEEK, p.key(), null, s, p.periodEnd()));
        case MONTH -> months.computeIfAbsent(p.periodStart(), s -> new Aggregate(Grain.MONTH, p.key(), null, s, p.periodEnd()));
        case TOTAL -> total;
      };
    }

    /** {@return the rows: sessions, threads, days, weeks, months (each in time order), then the total}. */
    public List<ReconciliationRow> build() {
      List<ReconciliationRow> rows = new ArrayList<>();
      Comparator<ReconciliationRow> byTime = Comparator
          .comparing(ReconciliationRow::periodStart, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
          .thenComparing(ReconciliationRow::key);
      rows.addAll(sessions.values().stream().map(Aggregate::toRow).sorted(byTime).toList());
      rows.addAll(threads.values().stream().map(Aggregate::toRow).sorted(byTime).toList());
      days.values().forEach(a -> rows.add(a.toRow()));
      weeks.values().forEach(a -> rows.add(a.toRow()));
      months.values().forEach(a -> rows.add(a.toRow()));
      rows.add(total.toRow());
      return List.copyOf(rows);
    }

    private List<Aggregate> targets(EventAccounting row, Aggregate threadAgg) {
      String segment = row.event().sessionSegmentId();
      Aggregate session = sessions.computeIfAbsent(segment,
          k -> new Aggregate(Grain.SESSION, k, row.event().threadId(), null, null));
      LocalDate day = LocalDate.ofInstant(row.timestamp(), zone);
      if (!day.equals(lastDay)) {
        // a thread's rows come in time order, mostly many to a day: find its periods once per day
        lastDay = day;
        lastDayAgg = days.computeIfAbsent(start(day), s -> new Aggregate(Grain.DAY, day.toString(), null,
            s, start(day.plusDays(1))));
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        lastWeekAgg = weeks.computeIfAbsent(start(monday), s -> new Aggregate(Grain.WEEK, weekLabel(monday),
            null, s, start(monday.plusWeeks(1))));
        YearMonth month = YearMonth.from(day);
        lastMonthAgg = months.computeIfAbsent(start(month.atDay(1)), s -> new Aggregate(Grain.MONTH,
            month.toString(), null, s, start(month.plusMonths(1).atDay(1))));
      }
      return List.of(session, threadAgg, lastDayAgg, lastWeekAgg, lastMonthAgg, total);
    }

    private LocalDate lastDay;
    private Aggregate lastDayAgg;
    private Aggregate lastWeekAgg;
    private Aggregate lastMonthAgg;

    private Instant start(LocalDate d) {
      return d.atStartOfDay(zone).toInstant();
    }
  }
}
