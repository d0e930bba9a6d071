package dev.wlat.report.summary.internal;

import dev.wlat.model.AccountingWarning;
import dev.wlat.model.ConfidenceSummary;
import dev.wlat.model.DeltaSource;
import dev.wlat.model.Grain;
import dev.wlat.model.OutcomeHeadline;
import dev.wlat.model.OutcomeRollup;
import dev.wlat.model.Redaction;
import dev.wlat.model.TimeWindow;
import dev.wlat.accounting.insights.Call;
import dev.wlat.accounting.insights.Insight;
import dev.wlat.accounting.insights.Insights;
import dev.wlat.accounting.insights.Thresholds;
import dev.wlat.model.Charge;
import dev.wlat.model.PriceBasis;
import dev.wlat.model.TokenUsage;
import java.math.BigDecimal;
import dev.wlat.report.summary.Coverage;
import dev.wlat.report.summary.InflationCause;
import dev.wlat.report.summary.ModelUsage;
import dev.wlat.report.summary.ParserWarning;
import dev.wlat.report.summary.PeriodUsage;
import dev.wlat.report.summary.Ranked;
import dev.wlat.report.summary.ThreadUsage;
import dev.wlat.report.summary.UsageSums;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/*
 * The report's views, recomputed from the token rows inside the window, never read from the
 * backfill's pre-aggregated tables: the backfill's window may differ from the report's.
 *
 * 1. Window: a row is inside when since <= timestamp < until. A thread is in the report when it has a
 *    row inside (even one of zero tokens).
 * 2. Boundary: deltas were computed over each thread's full history; a row's delta may include usage
 *    of a turn that began before the window start. As in Reconciliation.eventsInWindow, each
 *    segment's first inside row with a positive delta is flagged boundary_uncertain when the segment
 *    has rows before the start; rows the backfill flagged for its own window start stay flagged.
 * 3. Periods: inside rows grouped by their day, ISO week (Monday) and month in the report's zone. A
 *    period the window cuts keeps its calendar bounds, is marked partial and holds only inside rows,
 *    which is exact: days, weeks and months each partition the inside rows.
 * 4. Outcomes: every inside thread lands in one (repo, workstream, outcome, confidence) rollup and one
 *    confidence level, so both sum to the total. Its links keep their artifacts and confidence; its
 *    in-window tokens are shared over them again the way attribution shares them (equal parts, the
 *    remainder one token each to the strongest links first, then file order), so for the backfill's
 *    own window the rollups equal data/repo_workstream_outcome_rollups.tsv. Artifacts are counted once
 *    per view however many threads link to them. (The rules mirror wlat-accounting's
 *    OutcomeAccounting, which wlat-report cannot depend on.)
 * 5. Inflation: each inside row's observed − delta is put down to the first InflationCause its
 *    delta_source and warning_flags show, so the causes add up to the whole difference.
 */

/** Computes a report's views from the data facts. */
public final class Engine {

  /** Everything a report shows, computed once. */
  public record Result(UsageSums total, long threadCount, long finalSessionTotalTokens, long finalThreadTotalTokens,
      List<ThreadUsage> threads, List<PeriodUsage> days, List<PeriodUsage> weeks, List<PeriodUsage> months,
      List<OutcomeRollup> rollups, List<ConfidenceSummary> confidence, OutcomeHeadline headline,
      List<InflationCause.Share> inflation, Map<AccountingWarning, Long> warningCounts,
      Map<String, Long> deltaSourceCounts, List<Ranked> repos, List<Ranked> workstreams, List<Ranked> outcomes,
      List<ParserWarning> parserWarnings, Coverage coverage, List<String> suggestions, List<String> inconsistencies,
      List<ModelUsage> models, boolean priced, List<Insight> insights) {}

  private static final AccountingWarning[] WARNINGS = AccountingWarning.values();

  private final Facts facts;
  private final TimeWindow window;
  private final String label;
  private final ZoneId zone;
  private final Thresholds thresholds;

  private Engine(Facts facts, TimeWindow window, String label, ZoneId zone, Thresholds thresholds) {
    this.facts = facts;
    this.window = window;
    this.label = label;
    this.zone = zone;
    this.thresholds = thresholds;
  }

  /**
   * {@return the views of {@code facts} inside {@code window} (labelled {@code label}), periods in
   * {@code zone}, insights at {@code thresholds}}.
   */
  public static Result compute(Facts facts, TimeWindow window, String label, ZoneId zone, Thresholds thresholds) {
    return new Engine(facts, window, label, zone, thresholds).run();
  }

  // ---------------------------------------------------------------------------------------------
  // accumulation
  // ---------------------------------------------------------------------------------------------

  /** A mutable {@link Charge} sum (no object per row); single-threaded. */
  static final class Cost {
    private BigDecimal amount;
    private int basis = -1;
    private long unpriced;

    void add(BigDecimal rowAmount, byte rowBasis, long rowTokens) {
      if (rowBasis < 0) {
        return;
      }
      basis = Math.max(basis, rowBasis);
      if (rowBasis == PriceBasis.UNPRICED.ordinal()) {
        unpriced = Math.addExact(unpriced, rowTokens);
      } else if (rowAmount != null) {
        amount = amount == null ? rowAmount : amount.add(rowAmount);
      } else if (amount == null) {
        amount = BigDecimal.ZERO;
      }
    }

    Charge charge() {
      return basis < 0 ? Charge.NONE : new Charge(amount, PriceBasis.values()[basis], unpriced);
    }
  }

  /** Mutable sums of rows; single-threaded. */
  static final class Acc {
    long events;
    long observed;
    long total;
    long input;
    long cached;
    long output;
    long reasoning;
    long cacheWrite;
    long deduped;
    long perSession;
    long perThread;
    long resets;
    long boundaryRows;
    long boundaryTokens;
    int warnings;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    final BitSet threads = new BitSet();
    final Cost usd = new Cost();
    final Cost credits = new Cost();

    void add(Facts.Event e, boolean boundary) {
      events++;
      observed = Math.addExact(observed, e.observed());
      total = Math.addExact(total, e.total());
      input = Math.addExact(input, e.input());
      cached = Math.addExact(cached, e.cached());
      output = Math.addExact(output, e.output());
      reasoning = Math.addExact(reasoning, e.reasoning());
      cacheWrite = Math.addExact(cacheWrite, e.cacheWrite());
      deduped = Math.addExact(deduped, e.deduped());
      perSession = Math.addExact(perSession, e.perSessionTurn());
      perThread = Math.addExact(perThread, e.perThreadTurn());
      if (e.reset()) {
        resets++;
      }
      int w = e.warnings();
      if (boundary) {
        boundaryRows++;
        boundaryTokens = Math.addExact(boundaryTokens, e.total());
        w |= 1 << AccountingWarning.BOUNDARY_UNCERTAIN.ordinal();
      }
      warnings |= w;
      first = Math.min(first, e.at());
      last = Math.max(last, e.at());
      threads.set(e.thread());
      usd.add(e.usd(), e.usdBasis(), e.total());
      credits.add(e.credits(), e.creditsBasis(), e.total());
    }

    UsageSums sums() {
      return new UsageSums(events, observed, new TokenUsage(input, cached, output, reasoning, total, cacheWrite),
          deduped, perSession, perThread, resets, boundaryRows, boundaryTokens, usd.charge(), credits.charge());
    }

    Set<AccountingWarning> warningSet() {
      EnumSet<AccountingWarning> s = EnumSet.noneOf(AccountingWarning.class);
      for (AccountingWarning w : WARNINGS) {
        if ((warnings & (1 << w.ordinal())) != 0) {
          s.add(w);
        }
      }
      return s;
    }
  }

  private Result run() {
    List<Facts.Event> events = facts.events();
    BitSet boundary = boundaryRows(events);
    Acc total = new Acc();
    Map<Integer, Acc> threads = new LinkedHashMap<>();
    TreeMap<LocalDate, Acc> days = new TreeMap<>();
    TreeMap<LocalDate, Acc> weeks = new TreeMap<>();
    TreeMap<LocalDate, Acc> months = new TreeMap<>();
    Map<Integer, Acc> models = new HashMap<>();
    List<Call> calls = new ArrayList<>();
    EnumMap<InflationCause, long[]> inflation = new EnumMap<>(InflationCause.class);
    for (InflationCause c : InflationCause.values()) {
      inflation.put(c, new long[2]);
    }
    long[] warningCounts = new long[WARNINGS.length];
    Map<String, Long> sourceCounts = new TreeMap<>();
    Instant earliest = null;
    Instant latest = null;
    for (int i = 0; i < events.size(); i++) {
      Facts.Event e = events.get(i);
      Instant at = Instant.ofEpochMilli(e.at());
      earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
      latest = latest == null || at.isAfter(latest) ? at : latest;
      if (!window.contains(at)) {
        continue;
      }
      boolean b = boundary.get(i) || e.has(AccountingWarning.BOUNDARY_UNCERTAIN);
      total.add(e, b);
      threads.computeIfAbsent(e.thread(), k -> new Acc()).add(e, b);
      LocalDate day = at.atZone(zone).toLocalDate();
      days.computeIfAbsent(day, k -> new Acc()).add(e, b);
      weeks.computeIfAbsent(day.with(DayOfWeek.MONDAY), k -> new Acc()).add(e, b);
      months.computeIfAbsent(day.withDayOfMonth(1), k -> new Acc()).add(e, b);
      models.computeIfAbsent(e.model(), k -> new Acc()).add(e, b);
      if (e.included() && e.total() > 0) {
        calls.add(call(e, at));
      }
      InflationCause c = cause(e);
      long[] cause = inflation.get(c);
      long gap = e.observed() - e.total();
      if (c != InflationCause.OTHER || gap != 0) {
        cause[0]++;
        cause[1] = Math.addExact(cause[1], gap);
      }
      int w = e.warnings() | (b ? 1 << AccountingWarning.BOUNDARY_UNCERTAIN.ordinal() : 0);
      for (AccountingWarning warning : WARNINGS) {
        if ((w & (1 << warning.ordinal())) != 0) {
          warningCounts[warning.ordinal()]++;
        }
      }
      DeltaSource source = e.deltaSource();
      sourceCounts.merge(source == null ? "unknown" : source.label(), 1L, Long::sum);
    }

    List<ThreadUsage> threadRows = threadRows(threads);
    Outcomes outcomes = Outcomes.of(facts, threadRows);
    long finalSession = 0;
    long finalThread = 0;
    for (ThreadUsage t : threadRows) {
      if (t.history() != null) {
        finalSession = Math.addExact(finalSession, t.history().finalSessionTotalTokens());
        finalThread = Math.addExact(finalThread, t.history().finalThreadTotalTokens());
      }
    }
    List<InflationCause.Share> shares = new ArrayList<>();
    inflation.forEach((c, v) -> shares.add(new InflationCause.Share(c, v[0], v[1])));
    Map<AccountingWarning, Long> warnings = new EnumMap<>(AccountingWarning.class);
    for (AccountingWarning w : WARNINGS) {
      warnings.put(w, warningCounts[w.ordinal()]);
    }
    List<ParserWarning> parser = new ArrayList<>();
    for (Facts.Issue issue : facts.issues()) {
      parser.add(new ParserWarning(issue.kind(), issue.lines(), issue.files(), issue.firstPlaces()));
    }
    UsageSums sums = total.sums();
    return new Result(sums, threadRows.size(), finalSession, finalThread, threadRows,
        periods(Grain.DAY, days), periods(Grain.WEEK, weeks), periods(Grain.MONTH, months),
        outcomes.rollups(), outcomes.confidence(), outcomes.headline(), shares, warnings, sourceCounts,
        ranked(threadRows, ThreadUsage::githubRepo), ranked(threadRows, ThreadUsage::workstreamLabel),
        ranked(threadRows, t -> t.outcome().label()), parser, coverage(earliest, latest),
        Suggestions.of(facts, sums.cumulativeDeltaTokens(), threadRows, outcomes.confidence()),
        facts.inconsistencies(), modelRows(models), facts.hasCosts(), Insights.of(calls, thresholds));
  }

  /** {@return the row as a model call for the insights}: its event id is {@code <segment>:<line>}, as the data writes it. */
  private Call call(Facts.Event e, Instant at) {
    return new Call(facts.threadIds().get(e.thread()), facts.segmentIds().get(e.segment()) + ":" + e.line(), at,
        e.model() < 0 ? null : facts.models().get(e.model()),
        new TokenUsage(e.input(), e.cached(), e.output(), e.reasoning(), e.total(), e.cacheWrite()),
        e.contextWindow() < 0 ? null : e.contextWindow(), e.usdCharge());
  }

  /** {@return one row per model, the most tokens first}. */
  private List<ModelUsage> modelRows(Map<Integer, Acc> models) {
    List<ModelUsage> out = new ArrayList<>();
    models.forEach((i, acc) -> out.add(new ModelUsage(i < 0 ? "(none)" : facts.models().get(i), acc.sums())));
    out.sort(java.util.Comparator.comparingLong((ModelUsage m) -> m.usage().cumulativeDeltaTokens()).reversed()
        .thenComparing(ModelUsage::model));
    return out;
  }

  /** {@return the indices of rows that become boundary-uncertain at this window's start}. */
  private BitSet boundaryRows(List<Facts.Event> events) {
    BitSet flagged = new BitSet();
    if (window.since() == null) {
      return flagged;
    }
    long since = window.since().toEpochMilli();
    Set<Integer> startedBefore = new HashSet<>();
    for (Facts.Event e : events) {
      if (e.at() < since) {
        startedBefore.add(e.segment());
      }
    }
    Map<Integer, Integer> firstPositive = new HashMap<>();
    for (int i = 0; i < events.size(); i++) {
      Facts.Event e = events.get(i);
      if (!e.hasDelta() || !startedBefore.contains(e.segment()) || !window.contains(Instant.ofEpochMilli(e.at()))) {
        continue;
      }
      Integer best = firstPositive.get(e.segment());
      if (best == null || earlier(e, events.get(best))) {
        firstPositive.put(e.segment(), i);
      }
    }
    firstPositive.values().forEach(flagged::set);
    return flagged;
  }

  private static boolean earlier(Facts.Event a, Facts.Event b) {
    return a.at() != b.at() ? a.at() < b.at() : a.line() < b.line();
  }

  /** {@return the cause a row's observed − delta is put down to}. */
  static InflationCause cause(Facts.Event e) {
    DeltaSource s = e.deltaSource();
    if (s == DeltaSource.DUPLICATE_SEGMENT || e.has(AccountingWarning.DUPLICATE_SEGMENT_EXCLUDED)) {
      return InflationCause.ARCHIVED_DUPLICATES;
    }
    if (s == DeltaSource.REPLAYED || s == DeltaSource.REPLAY_UNVERIFIED || e.has(AccountingWarning.REPLAYED_PREFIX)
        || e.has(AccountingWarning.REPLAY_UNVERIFIED)) {
      return InflationCause.REPLAYED_PREFIXES;
    }
    if (s == DeltaSource.SUPERSEDED_BY_USAGE_RECORDS || s == DeltaSource.DUPLICATE_RESPONSE
        || s == DeltaSource.NOT_ON_BASIS) {
      return InflationCause.USAGE_RECORDS;
    }
    if (e.reset() || e.has(AccountingWarning.CUMULATIVE_RESET)) {
      return InflationCause.RESETS;
    }
    if (e.has(AccountingWarning.REPEATED_TOTAL)) {
      return InflationCause.RE_EMITS;
    }
    return InflationCause.OTHER;
  }

  // ---------------------------------------------------------------------------------------------
  // threads, periods, rankings
  // ---------------------------------------------------------------------------------------------

  private List<ThreadUsage> threadRows(Map<Integer, Acc> threads) {
    Map<String, Long> linkCounts = new HashMap<>();
    for (Facts.Link l : facts.links()) {
      linkCounts.merge(l.threadId(), 1L, Long::sum);
    }
    List<ThreadUsage> rows = new ArrayList<>(threads.size());
    threads.forEach((index, acc) -> {
      String id = facts.threadIds().get(index);
      Facts.Attributed a = facts.attribution().get(index);
      Facts.History h = facts.histories().get(id);
      Facts.ThreadMeta m = facts.meta().get(id);
      String parent = h != null && h.parentThreadId() != null ? h.parentThreadId() : m == null ? null : m.parentThreadId();
      ThreadUsage.History history = h == null ? null : new ThreadUsage.History(h.firstEventAt(), h.lastEventAt(),
          h.tokenEventCount(), h.observed(), h.cumulativeDelta(), h.finalSession(), h.finalThread());
      rows.add(new ThreadUsage(id, parent, m == null ? null : Redaction.snippet(m.title()),
          a.githubRepo(), a.workstreamLabel(), a.outcome(), a.confidence(), h == null ? null : h.method(),
          Instant.ofEpochMilli(acc.first), Instant.ofEpochMilli(acc.last), acc.sums(), acc.warningSet(),
          linkCounts.getOrDefault(id, 0L), history));
    });
    rows.sort(Comparator.comparingLong(ThreadUsage::tokens).reversed().thenComparing(ThreadUsage::threadId));
    return List.copyOf(rows);
  }

  private List<PeriodUsage> periods(Grain grain, TreeMap<LocalDate, Acc> accs) {
    List<PeriodUsage> out = new ArrayList<>(accs.size());
    accs.forEach((start, acc) -> {
      LocalDate end = switch (grain) {
        case DAY -> start.plusDays(1);
        case WEEK -> start.plusWeeks(1);
        default -> start.plusMonths(1);
      };
      String key = switch (grain) {
        case DAY -> start.toString();
        case WEEK -> String.format(Locale.ROOT, "%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR),
            start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        default -> start.toString().substring(0, 7);
      };
      Instant from = start.atStartOfDay(zone).toInstant();
      Instant to = end.atStartOfDay(zone).toInstant();
      boolean partial = (window.since() != null && from.isBefore(window.since()))
          || (window.until() != null && to.isAfter(window.until()));
      out.add(new PeriodUsage(grain, key, from, to, partial, acc.threads.cardinality(), acc.sums(), acc.warningSet()));
    });
    return List.copyOf(out);
  }

  private static List<Ranked> ranked(List<ThreadUsage> threads, Function<ThreadUsage, String> key) {
    Map<String, long[]> m = new HashMap<>();
    for (ThreadUsage t : threads) {
      String k = key.apply(t);
      long[] v = m.computeIfAbsent(k == null ? "" : k, x -> new long[2]);
      v[0]++;
      v[1] = Math.addExact(v[1], t.tokens());
    }
    List<Ranked> out = new ArrayList<>();
    m.forEach((k, v) -> out.add(new Ranked(k, v[0], v[1])));
    out.sort(Comparator.comparingLong(Ranked::tokens).reversed().thenComparing(Ranked::name));
    return List.copyOf(out);
  }

  // ---------------------------------------------------------------------------------------------
  // coverage
  // ---------------------------------------------------------------------------------------------

  private Coverage coverage(Instant earliest, Instant latest) {
    Facts.Backfill b = facts.backfill();
    List<String> gaps = new ArrayList<>();
    Instant since = window.since();
    Instant until = window.until();
    String rerun = "rerun wlat backfill --since " + (since == null ? "all" : label);
    if (b.sinceText() != null) {
      boolean all = b.sinceText().equals("all");
      if (!all && b.since() != null && (since == null || b.since().isAfter(since))) {
        gaps.add("The data starts at " + b.since() + " (the backfill ran with --since " + b.sinceText().split(" ")[0]
            + ") but the window starts " + (since == null ? "at the beginning of the history" : "at " + since)
            + (since == null ? "" : ", " + days(since, b.since()) + " earlier")
            + ": usage before " + b.since() + " is missing from this report; " + rerun + ".");
      }
    } else if (since != null && earliest != null && earliest.isAfter(since)) {
      gaps.add("The earliest token row in the data is " + earliest + ", " + days(since, earliest)
          + " after the window start " + since + "; if the backfill ran with a shorter --since than the window,"
          + " usage before it is missing (no backfill ledger says which): " + rerun + " to be sure.");
    }
    if (b.until() != null && (until == null || b.until().isBefore(until))) {
      gaps.add("The data ends at " + b.until() + " (the backfill ran with --until) but the window "
          + (until == null ? "is open" : "ends at " + until) + ": later usage is missing from this report.");
    } else if (b.ranAt() != null && until != null && Duration.between(b.ranAt(), until).compareTo(Duration.ofHours(1)) > 0) {
      gaps.add("The data was written by backfill run " + b.runId() + " at " + b.ranAt() + ", " + days(b.ranAt(), until)
          + " before the window end " + until + ": usage since then is missing; " + rerun + ".");
    }
    return new Coverage(b.runId(), b.ranAt(), b.since(), b.sinceText(), b.until(), earliest, latest, gaps);
  }

  private static String days(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    if (d.toHours() < 48) {
      return d.toHours() + " h";
    }
    return String.format(Locale.ROOT, "%.1f days", d.toMinutes() / 1440.0);
  }
}
