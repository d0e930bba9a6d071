package dev.wlat.cli;

import dev.wlat.accounting.ThreadAccountant;
import dev.wlat.accounting.ThreadGrouping;
import dev.wlat.model.EventAccounting;
import dev.wlat.model.EventFlag;
import dev.wlat.model.RateLimitSnapshot;
import dev.wlat.model.RateLimitWindow;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.TokenEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/*
 * What `wlat status` shows, computed from parsed rollouts as of one instant `now`.
 *
 * Rows stamped after `now` are left out, so a past `now` shows the state as it was then; rate-limit
 * snapshots older than LOOKBACK are left out too (a resumed file can hold old rows).
 *
 * Latest snapshot: the row with the newest timestamp whose snapshot is not empty; on a tie the row
 * read later wins. Rows a fork or subagent replayed from its parent are left out: they repeat the
 * parent's old rate limits under timestamps rewritten to the child's creation.
 *
 * Burn: the sum of the accounted deltas (EventAccounting.delta().totalTokens()) of rows stamped in
 * (now - 1 h, now] and (now - 24 h, now]. Never raw last_token_usage: Codex re-emits rows.
 *
 * Pace, per window (picked by window_minutes, never by slot) and per period (1 h and 24 h): the
 * snapshots of that window stamped in (now - period, now] with the latest snapshot's limit_id, in
 * time order. From the earliest to the latest of them, the change in used percent per hour of
 * elapsed time between the two. Both periods measure alike; the day's pace starts from an earlier
 * snapshot, so one busy hour weighs less, and a window that reset during the day has no day pace
 * (WINDOW_RESET) while the hour after the reset may still give one. The two snapshots belong
 * to the same window when their resets_at agree within RESETS_AT_SLACK (older files give
 * resets_in_seconds, which resolved against the row's timestamp jitters by a second or so); when
 * either resets_at is unknown, when the used percent did not drop. At a positive pace the window is
 * full at latest + (100 - used) / pace; when resets_at comes at or before that, it resets first.
 */

/**
 * The rate-limit state, token burn and window pace of a Codex home as of one instant.
 *
 * <p>{@code fiveHour} and {@code weekly} are each window's pace over the last hour;
 * {@code fiveHourDay} and {@code weeklyDay} over the last 24 hours.
 */
record RateLimitStatus(
    Instant now,
    RateLimitStatus.Snapshot latest,
    long lastHourTokens,
    long lastDayTokens,
    RateLimitStatus.Pace fiveHour,
    RateLimitStatus.Pace weekly,
    RateLimitStatus.Pace fiveHourDay,
    RateLimitStatus.Pace weeklyDay) {

  /** How far back snapshots are looked for, and rollouts read. */
  static final Duration LOOKBACK = Duration.ofDays(8);
  static final Duration HOUR = Duration.ofHours(1);
  static final Duration DAY = Duration.ofHours(24);
  static final Duration RESETS_AT_SLACK = Duration.ofSeconds(60);

  RateLimitStatus {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(fiveHour, "fiveHour");
    Objects.requireNonNull(weekly, "weekly");
    Objects.requireNonNull(fiveHourDay, "fiveHourDay");
    Objects.requireNonNull(weeklyDay, "weeklyDay");
  }

  /**
   * A rate-limit snapshot and when it was seen.
   *
   * @param seenAt the timestamp of the row that carried it
   * @param limits the snapshot, never empty
   */
  record Snapshot(Instant seenAt, RateLimitSnapshot limits) {}

  /**
   * One window's state at one instant.
   *
   * @param at the timestamp of the row that carried it
   * @param window the window
   */
  record Sample(Instant at, RateLimitWindow window) {}

  /** What the pace of a window came to. */
  enum PaceKind {
    /** Fewer than two snapshots of the window, at distinct times, in the period. */
    NO_DATA("no_data"),
    /** The earliest and latest snapshots of the period belong to different windows. */
    WINDOW_RESET("window_reset"),
    /** The used percent stayed or fell. */
    NOT_RISING("not_rising"),
    /** The window is at 100% already. */
    ALREADY_FULL("already_full"),
    /** At this pace the window reaches 100% before it resets (or its reset is unknown). */
    FULL_AT("full_at"),
    /** The window resets before this pace would fill it. */
    RESETS_FIRST("resets_first");

    private final String label;

    PaceKind(String label) {
      this.label = label;
    }

    /** {@return the name used in JSON}. */
    String label() {
      return label;
    }
  }

  /**
   * The pace of one window over one period: the last hour or the last 24 hours.
   *
   * @param kind what it came to
   * @param from the earliest sample of the period, or {@code null} for {@link PaceKind#NO_DATA}
   * @param to the latest sample of the period, or {@code null} for {@link PaceKind#NO_DATA}
   * @param percentPerHour the change in used percent per hour, or {@code null} when not measured
   *     ({@link PaceKind#NO_DATA}, {@link PaceKind#WINDOW_RESET})
   * @param fullAt when the window reaches 100% at this pace, or {@code null} when it does not rise
   */
  record Pace(PaceKind kind, Sample from, Sample to, Double percentPerHour, Instant fullAt) {

    static final Pace NO_DATA = new Pace(PaceKind.NO_DATA, null, null, null, null);

    Pace {
      Objects.requireNonNull(kind, "kind");
    }

    /** {@return the reset time of the latest sample's window, or {@code null}}. */
    Instant resetsAt() {
      return to == null ? null : to.window().resetsAt();
    }
  }

  /** {@return the status of {@code segments} as of {@code now}}. */
  static RateLimitStatus of(List<RolloutSegment> segments, Instant now) {
    Instant hourAgo = now.minus(HOUR);
    Instant dayAgo = now.minus(DAY);
    long hour = 0;
    long day = 0;
    for (List<RolloutSegment> thread : ThreadGrouping.byThread(segments)) {
      for (EventAccounting e : ThreadAccountant.create().account(thread).events()) {
        Instant t = e.timestamp();
        if (t.isAfter(now) || !t.isAfter(dayAgo)) {
          continue;
        }
        day = Math.addExact(day, e.delta().totalTokens());
        if (t.isAfter(hourAgo)) {
          hour = Math.addExact(hour, e.delta().totalTokens());
        }
      }
    }

    Instant lookback = now.minus(LOOKBACK);
    List<Snapshot> snapshots = new ArrayList<>();
    Snapshot latest = null;
    for (RolloutSegment s : segments) {
      for (TokenEvent e : s.events()) {
        RateLimitSnapshot limits = e.rateLimits();
        Instant t = e.timestamp();
        if (limits == null || limits.isEmpty() || t.isAfter(now) || !t.isAfter(lookback)
            || e.has(EventFlag.REPLAYED) || e.has(EventFlag.REPLAY_UNVERIFIED)) {
          continue;
        }
        Snapshot snapshot = new Snapshot(t, limits);
        snapshots.add(snapshot);
        if (latest == null || !t.isBefore(latest.seenAt())) {
          latest = snapshot;
        }
      }
    }
    if (latest == null) {
      return new RateLimitStatus(now, null, hour, day, Pace.NO_DATA, Pace.NO_DATA, Pace.NO_DATA, Pace.NO_DATA);
    }
    List<Snapshot> lastHour = since(snapshots, hourAgo, latest);
    List<Snapshot> lastDay = since(snapshots, dayAgo, latest);
    return new RateLimitStatus(now, latest, hour, day,
        pace(lastHour, RateLimitSnapshot::fiveHour), pace(lastHour, RateLimitSnapshot::weekly),
        pace(lastDay, RateLimitSnapshot::fiveHour), pace(lastDay, RateLimitSnapshot::weekly));
  }

  /** {@return the snapshots stamped after {@code start} with the limit id of {@code latest}, in time order}. */
  private static List<Snapshot> since(List<Snapshot> snapshots, Instant start, Snapshot latest) {
    List<Snapshot> kept = new ArrayList<>();
    for (Snapshot s : snapshots) {
      if (s.seenAt().isAfter(start) && Objects.equals(s.limits().limitId(), latest.limits().limitId())) {
        kept.add(s);
      }
    }
    kept.sort(Comparator.comparing(Snapshot::seenAt)); // stable: rows of one instant keep read order
    return kept;
  }

  private static Pace pace(List<Snapshot> inTimeOrder, Function<RateLimitSnapshot, Optional<RateLimitWindow>> window) {
    List<Sample> samples = new ArrayList<>();
    for (Snapshot s : inTimeOrder) {
      window.apply(s.limits()).ifPresent(w -> samples.add(new Sample(s.seenAt(), w)));
    }
    if (samples.size() < 2) {
      return Pace.NO_DATA;
    }
    Sample from = samples.get(0);
    Sample to = samples.get(samples.size() - 1);
    long elapsedMillis = Duration.between(from.at(), to.at()).toMillis();
    if (elapsedMillis <= 0) {
      return Pace.NO_DATA;
    }
    if (!sameWindow(from.window(), to.window())) {
      return new Pace(PaceKind.WINDOW_RESET, from, to, null, null);
    }
    double rise = to.window().usedPercent() - from.window().usedPercent();
    double perHour = rise * HOUR.toMillis() / elapsedMillis;
    if (to.window().usedPercent() >= 100) {
      return new Pace(PaceKind.ALREADY_FULL, from, to, perHour, null);
    }
    if (rise <= 0) {
      return new Pace(PaceKind.NOT_RISING, from, to, perHour, null);
    }
    double remainingMillis = (100 - to.window().usedPercent()) / rise * elapsedMillis;
    Instant fullAt = to.at().plusMillis(Math.round(Math.min(remainingMillis, (double) Long.MAX_VALUE / 4)));
    Instant resetsAt = to.window().resetsAt();
    PaceKind kind = resetsAt != null && !resetsAt.isAfter(fullAt) ? PaceKind.RESETS_FIRST : PaceKind.FULL_AT;
    return new Pace(kind, from, to, perHour, fullAt);
  }

  private static boolean sameWindow(RateLimitWindow earlier, RateLimitWindow later) {
    if (earlier.resetsAt() != null && later.resetsAt() != null) {
      return Duration.between(earlier.resetsAt(), later.resetsAt()).abs().compareTo(RESETS_AT_SLACK) <= 0;
    }
    return later.usedPercent() >= earlier.usedPercent();
  }
}
