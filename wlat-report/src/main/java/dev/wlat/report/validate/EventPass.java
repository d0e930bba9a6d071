package dev.wlat.report.validate;

import dev.wlat.model.DeltaSource;
import dev.wlat.model.Grain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/*
 * One streaming pass over raw_token_events.tsv and token_event_accounting.tsv together.
 *
 * The two files are written in the same order, so they are read in lockstep and each accounting
 * row meets its raw row at once; memory stays flat. Where they part (a row deleted, rows reordered)
 * the rows that did not meet wait in two maps keyed by event id until their partner turns up, and
 * whatever still waits at the end is a missing or extra row: the pass never assumes the order, it is
 * only fast when the order holds. Repeated event ids are caught by IdSet.
 *
 * Checks made per pair (event_deltas):
 *   - the row agrees with its raw row on thread, session and timestamp;
 *   - observed_event_sum_tokens is the raw row's total_tokens (its last usage);
 *   - a cumulative_delta row's cumulative_delta_tokens is the raw cumulative_total_tokens less
 *     previous_cumulative_total_tokens, or the whole cumulative total after a reset or without a
 *     previous total (TokenUsage.deltaSince); a usage_record row's is the raw total_tokens;
 *   - every other delta source, and every row not accounting_included, carries zero in every delta
 *     column; no delta is negative.
 *
 * Sums per session, thread, reconciliation period and in all (the DataFiles.SUMMED columns) are
 * taken from every accounting row, for the reconciliation and link checks.
 */
final class EventPass {

  static final String IDS = "event_ids";
  static final String DELTAS = "event_deltas";

  private static final String[] DELTA_COLUMNS = {"cumulative_delta_tokens", "delta_input_tokens",
      "delta_cached_input_tokens", "delta_output_tokens", "delta_reasoning_output_tokens",
      "delta_cache_write_input_tokens"};
  private static final List<Grain> PERIOD_GRAINS = List.of(Grain.DAY, Grain.WEEK, Grain.MONTH);

  /** Sums of one group of accounting rows, and its first line. */
  static final class Group {
    final long firstLine;
    final long[] values = new long[DataFiles.SUMMED.length];

    Group(long firstLine) {
      this.firstLine = firstLine;
    }
  }

  /** A raw row; {@code bad} when a cell of it did not parse (its checks are then skipped). */
  private record RawRow(String id, long line, String thread, String session, String timestamp, Long total,
      Long cumulativeTotal, boolean bad) {}

  /** An accounting row; {@code bad} when a cell of it did not parse (it is then neither checked nor summed). */
  private record AccRow(String id, long line, String thread, String session, String timestamp, long observed,
      long[] deltas, Long previous, String source, boolean included, boolean reset, boolean bad) {}

  // ---- results ----
  final Findings ids = new Findings(IDS);
  final Findings deltas = new Findings(DELTAS);
  final long[] total = new long[DataFiles.SUMMED.length];
  final Map<String, Group> bySession = new LinkedHashMap<>();
  final Map<String, Group> byThread = new LinkedHashMap<>();
  final Map<Grain, long[][]> byPeriod = new EnumMap<>(Grain.class);
  final Map<Grain, Long> firstOutsidePeriods = new EnumMap<>(Grain.class);
  long rawRows;
  long accountingRows;
  long pairs;
  boolean accountingRead;
  boolean rawRead;
  /** True when a header or cell could not be read, so the sums miss rows. */
  boolean incomplete;

  private final ReconciliationFile reconciliation;
  private final Map<String, RawRow> waitingRaw = new LinkedHashMap<>();
  private final Map<String, AccRow> waitingAcc = new LinkedHashMap<>();

  private EventPass(ReconciliationFile reconciliation) {
    this.reconciliation = reconciliation;
    if (reconciliation != null) {
      for (Grain g : PERIOD_GRAINS) {
        byPeriod.put(g, new long[reconciliation.periods(g).length][DataFiles.SUMMED.length]);
      }
    }
  }

  /**
   * {@return the pass over whichever of the two files exist under {@code root}}; {@code reconciliation}
   * (or {@code null}) supplies the periods to sum by.
   */
  static EventPass run(Path root, ReconciliationFile reconciliation) {
    EventPass p = new EventPass(reconciliation);
    boolean hasRaw = Files.isRegularFile(root.resolve(DataFiles.RAW));
    boolean hasAcc = Files.isRegularFile(root.resolve(DataFiles.ACCOUNTING));
    p.rawRead = hasRaw;
    p.accountingRead = hasAcc;
    TsvFile raw = null;
    TsvFile acc = null;
    try {
      raw = hasRaw ? TsvFile.open(root, DataFiles.RAW) : null;
      acc = hasAcc ? TsvFile.open(root, DataFiles.ACCOUNTING) : null;
      p.lockstep(raw, acc);
    } catch (TsvFile.Bad e) {
      p.ids.add(e.finding);
      p.deltas.add(e.finding);
      p.incomplete = true;
    } finally {
      if (raw != null) {
        raw.close();
      }
      if (acc != null) {
        acc.close();
      }
    }
    return p;
  }

  private void lockstep(TsvFile raw, TsvFile acc) {
    RawColumns rc = raw == null ? null : new RawColumns(raw);
    AccColumns ac = acc == null ? null : new AccColumns(acc);
    IdSet rawIds = new IdSet();
    IdSet accIds = new IdSet();
    boolean moreRaw = raw != null;
    boolean moreAcc = acc != null;
    while (moreRaw || moreAcc) {
      RawRow r = null;
      AccRow a = null;
      if (moreRaw && (moreRaw = raw.next())) {
        r = rc.row(raw, this);
        rawRows++;
        if (!rawIds.add(r.id())) {
          ids.add(raw.name(), r.line(), "event_id [" + TsvFile.shown(r.id()) + "] appears more than once");
          r = null;
        }
      }
      if (moreAcc && (moreAcc = acc.next())) {
        a = ac.row(acc, this);
        accountingRows++;
        if (!a.bad()) {
          sum(a);
        }
        if (!accIds.add(a.id())) {
          ids.add(acc.name(), a.line(), "event_id [" + TsvFile.shown(a.id()) + "] appears more than once");
          a = null;
        }
      }
      if (raw == null || acc == null) {
        continue;
      }
      if (r != null && a != null && waitingRaw.isEmpty() && waitingAcc.isEmpty() && r.id().equals(a.id())) {
        pair(r, a);
        continue;
      }
      if (r != null) {
        AccRow m = waitingAcc.remove(r.id());
        if (m != null) {
          pair(r, m);
        } else {
          waitingRaw.put(r.id(), r);
        }
      }
      if (a != null) {
        RawRow m = waitingRaw.remove(a.id());
        if (m != null) {
          pair(m, a);
        } else {
          waitingAcc.put(a.id(), a);
        }
      }
    }
    if (raw != null && acc != null) {
      for (RawRow r : waitingRaw.values()) {
        ids.add(DataFiles.RAW, r.line(), "event_id [" + TsvFile.shown(r.id()) + "] has no row in " + DataFiles.ACCOUNTING);
      }
      for (AccRow a : waitingAcc.values()) {
        ids.add(DataFiles.ACCOUNTING, a.line(), "event_id [" + TsvFile.shown(a.id()) + "] is not in " + DataFiles.RAW);
      }
      if (rawRows != accountingRows) {
        ids.add(DataFiles.ACCOUNTING, 0, String.format(Locale.ROOT, "%,d rows, but %s has %,d", accountingRows,
            DataFiles.RAW, rawRows));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Per-row checks
  // ---------------------------------------------------------------------------------------------

  private void pair(RawRow r, AccRow a) {
    pairs++;
    if (r.bad() || a.bad()) {
      return;
    }
    String where = DataFiles.RAW + ":" + r.line();
    if (!r.thread().equals(a.thread()) || !r.session().equals(a.session()) || !r.timestamp().equals(a.timestamp())) {
      deltas.add(DataFiles.ACCOUNTING, a.line(), "thread, session or timestamp differ from " + where);
    }
    long lastTotal = r.total() == null ? 0 : r.total();
    if (a.observed() != lastTotal) {
      deltas.add(DataFiles.ACCOUNTING, a.line(), String.format(Locale.ROOT,
          "observed_event_sum_tokens %,d but %s has total_tokens %,d", a.observed(), where, lastTotal));
    }
    for (int i = 0; i < a.deltas().length; i++) {
      if (a.deltas()[i] < 0) {
        deltas.add(DataFiles.ACCOUNTING, a.line(), DELTA_COLUMNS[i] + " is negative");
        return;
      }
    }
    DeltaSource source = source(a.source());
    if (source == null) {
      deltas.add(DataFiles.ACCOUNTING, a.line(), "delta_source [" + TsvFile.shown(a.source()) + "] is not a delta source");
      return;
    }
    boolean counted = source == DeltaSource.CUMULATIVE_DELTA || source == DeltaSource.USAGE_RECORD;
    if (!counted || !a.included()) {
      for (int i = 0; i < a.deltas().length; i++) {
        if (a.deltas()[i] != 0) {
          deltas.add(DataFiles.ACCOUNTING, a.line(), String.format(Locale.ROOT, "%s %,d on a row that %s; it must be 0",
              DELTA_COLUMNS[i], a.deltas()[i], a.included() ? "is " + source.label() : "is not accounting_included"));
          return;
        }
      }
      return;
    }
    long delta = a.deltas()[0];
    if (source == DeltaSource.USAGE_RECORD) {
      if (delta != lastTotal) {
        deltas.add(DataFiles.ACCOUNTING, a.line(), String.format(Locale.ROOT,
            "cumulative_delta_tokens %,d but the usage record %s has total_tokens %,d", delta, where, lastTotal));
      }
      return;
    }
    if (r.cumulativeTotal() == null) {
      deltas.add(DataFiles.ACCOUNTING, a.line(), "a cumulative_delta row, but " + where + " has no cumulative_total_tokens");
      return;
    }
    long cumulative = r.cumulativeTotal();
    if (a.previous() == null || a.reset()) {
      if (delta != cumulative) {
        deltas.add(DataFiles.ACCOUNTING, a.line(), String.format(Locale.ROOT,
            "cumulative_delta_tokens %,d but %s gives %,d (its whole cumulative_total_tokens, %s)", delta, where,
            cumulative, a.reset() ? "after a reset" : "with no previous total"));
      }
    } else if (delta != cumulative - a.previous()) {
      deltas.add(DataFiles.ACCOUNTING, a.line(), String.format(Locale.ROOT,
          "cumulative_delta_tokens %,d but %s gives %,d (cumulative_total_tokens %,d − previous_cumulative_total_tokens %,d)",
          delta, where, cumulative - a.previous(), cumulative, a.previous()));
    }
  }

  private static DeltaSource source(String label) {
    for (DeltaSource s : DeltaSource.values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // Sums
  // ---------------------------------------------------------------------------------------------

  private void sum(AccRow a) {
    long[] v = {1, a.observed(), a.deltas()[0], a.deltas()[1], a.deltas()[2], a.deltas()[3], a.deltas()[4]};
    add(total, v);
    add(bySession.computeIfAbsent(a.session(), k -> new Group(a.line())).values, v);
    add(byThread.computeIfAbsent(a.thread(), k -> new Group(a.line())).values, v);
    if (reconciliation == null) {
      return;
    }
    Instant t;
    try {
      t = Instant.parse(a.timestamp());
    } catch (java.time.format.DateTimeParseException e) {
      deltas.add(DataFiles.ACCOUNTING, a.line(), "column timestamp: [" + TsvFile.shown(a.timestamp())
          + "] is not an ISO-8601 instant");
      incomplete = true;
      return;
    }
    for (Grain g : PERIOD_GRAINS) {
      int i = reconciliation.periodOf(g, t);
      if (i < 0) {
        firstOutsidePeriods.putIfAbsent(g, a.line());
      } else {
        add(byPeriod.get(g)[i], v);
      }
    }
  }

  private static void add(long[] into, long[] v) {
    for (int i = 0; i < v.length; i++) {
      into[i] = Math.addExact(into[i], v[i]);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Columns
  // ---------------------------------------------------------------------------------------------

  private static final class RawColumns {
    final int id;
    final int thread;
    final int session;
    final int timestamp;
    final int total;
    final int cumulativeTotal;

    RawColumns(TsvFile t) {
      id = t.column("event_id");
      thread = t.column("thread_id");
      session = t.column("session_segment_id");
      timestamp = t.column("timestamp");
      total = t.column("total_tokens");
      cumulativeTotal = t.column("cumulative_total_tokens");
    }

    RawRow row(TsvFile t, EventPass pass) {
      try {
        return new RawRow(t.cell(id), t.line(), t.cell(thread), t.cell(session), t.cell(timestamp),
            t.cell(total).isEmpty() ? null : t.number(total, "total_tokens"),
            t.cell(cumulativeTotal).isEmpty() ? null : t.number(cumulativeTotal, "cumulative_total_tokens"), false);
      } catch (TsvFile.Bad e) {
        pass.deltas.add(e.finding);
        return new RawRow(t.cell(id), t.line(), "", "", "", null, null, true);
      }
    }
  }

  private static final class AccColumns {
    final int id;
    final int thread;
    final int session;
    final int timestamp;
    final int observed;
    final int[] deltas = new int[DELTA_COLUMNS.length];
    final int previous;
    final int source;
    final int included;
    final int reset;

    AccColumns(TsvFile t) {
      id = t.column("event_id");
      thread = t.column("thread_id");
      session = t.column("session_segment_id");
      timestamp = t.column("timestamp");
      observed = t.column("observed_event_sum_tokens");
      for (int i = 0; i < deltas.length; i++) {
        deltas[i] = i == DELTA_COLUMNS.length - 1 ? t.optionalColumn(DELTA_COLUMNS[i]) : t.column(DELTA_COLUMNS[i]);
      }
      previous = t.column("previous_cumulative_total_tokens");
      source = t.column("delta_source");
      included = t.column("accounting_included");
      reset = t.column("cumulative_reset");
    }

    AccRow row(TsvFile t, EventPass pass) {
      try {
        long[] d = new long[deltas.length];
        for (int i = 0; i < d.length; i++) {
          d[i] = deltas[i] < 0 ? 0 : t.number(deltas[i], DELTA_COLUMNS[i]);
        }
        return new AccRow(t.cell(id), t.line(), t.cell(thread), t.cell(session), t.cell(timestamp),
            t.number(observed, "observed_event_sum_tokens"), d,
            t.cell(previous).isEmpty() ? null : t.number(previous, "previous_cumulative_total_tokens"),
            t.cell(source), flag(t, included, "accounting_included"), flag(t, reset, "cumulative_reset"), false);
      } catch (TsvFile.Bad e) {
        pass.deltas.add(e.finding);
        pass.incomplete = true;
        return new AccRow(t.cell(id), t.line(), "", "", "", 0, new long[deltas.length], null, "", false, false, true);
      }
    }

    private static boolean flag(TsvFile t, int i, String column) {
      String s = t.cell(i);
      if (s.equals("1")) {
        return true;
      }
      if (s.equals("0")) {
        return false;
      }
      throw t.bad(column, s, "is not 1 or 0");
    }
  }
}
