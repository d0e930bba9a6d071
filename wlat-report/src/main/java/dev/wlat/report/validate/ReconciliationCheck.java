package dev.wlat.report.validate;

import dev.wlat.model.Grain;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/*
 * reconciliation: the views of token_accounting_reconciliation.tsv add up, and add up to the rows.
 *
 *   1. Σ session = Σ thread = Σ day = Σ week = Σ month = total, for every DataFiles.SUMMED figure
 *      (rows, observed sum, cumulative delta and its four fields);
 *   2. Σ token_event_accounting.tsv = total, for the same figures;
 *   3. each session, thread, day, week and month row equals the sum of the accounting rows of its
 *      group (days, weeks and months by [period_start, period_end)), and every accounting row falls
 *      in a group of each grain: this names the group (and line) a bad figure sits in.
 */
final class ReconciliationCheck {

  static final String CHECK = "reconciliation";
  private static final List<Grain> GRAINS = List.of(Grain.SESSION, Grain.THREAD, Grain.DAY, Grain.WEEK, Grain.MONTH);

  private ReconciliationCheck() {}

  static CheckResult run(ReconciliationFile rec, Findings structure, EventPass events) {
    Findings f = new Findings(CHECK);
    String file = DataFiles.RECONCILIATION;
    for (Finding s : structure.kept()) {
      f.add(s);
    }
    if (rec.total == null) {
      return f.result("");
    }
    long[] total = rec.total.values();
    for (Grain g : GRAINS) {
      long[] sum = new long[total.length];
      for (ReconciliationFile.Row r : rec.rows) {
        if (r.grain() == g) {
          add(sum, r.values());
        }
      }
      for (int i = 0; i < total.length; i++) {
        if (sum[i] != total[i]) {
          f.add(file, rec.total.line(), String.format(Locale.ROOT, "Σ %s %s %,d ≠ total %,d", g.label(),
              DataFiles.SUMMED[i], sum[i], total[i]));
        }
      }
    }
    boolean rows = events.accountingRead;
    if (rows && events.incomplete) {
      f.add(DataFiles.ACCOUNTING, 0, "rows that could not be read (see event_deltas), so row sums are not compared");
    } else if (rows) {
      for (int i = 0; i < total.length; i++) {
        if (events.total[i] != total[i]) {
          f.add(DataFiles.ACCOUNTING, 0, String.format(Locale.ROOT, "Σ %s %,d ≠ total %,d (%s:%d)", DataFiles.SUMMED[i],
              events.total[i], total[i], file, rec.total.line()));
        }
      }
      groups(f, "session", rec.sessions, events.bySession);
      groups(f, "thread", rec.threads, events.byThread);
      for (Grain g : List.of(Grain.DAY, Grain.WEEK, Grain.MONTH)) {
        ReconciliationFile.Row[] periods = rec.periods(g);
        long[][] sums = events.byPeriod.get(g);
        for (int p = 0; p < periods.length; p++) {
          compare(f, g.label() + " " + periods[p].key(), periods[p], sums[p]);
        }
        Long outside = events.firstOutsidePeriods.get(g);
        if (outside != null) {
          f.add(DataFiles.ACCOUNTING, outside, "row in no " + g.label() + " period of " + file);
        }
      }
    }
    String detail = String.format(Locale.ROOT,
        "Σ session = Σ thread = Σ day = Σ week = Σ month = total%s = %,d cumulative_delta_tokens%s", rows
            ? " = Σ token_event_accounting" : "", total[DataFiles.DELTA], rows
            ? String.format(Locale.ROOT, "; each of %,d group rows equals its accounting rows", rec.rows.size() - 1)
            : "; " + DataFiles.ACCOUNTING + " absent, rows not compared");
    return f.result(detail);
  }

  private static void groups(Findings f, String grain, Map<String, ReconciliationFile.Row> rows,
      Map<String, EventPass.Group> sums) {
    for (ReconciliationFile.Row r : rows.values()) {
      EventPass.Group g = sums.get(r.key());
      compare(f, grain + " " + r.key(), r, g == null ? new long[r.values().length] : g.values);
    }
    sums.forEach((key, g) -> {
      if (!rows.containsKey(key)) {
        f.add(DataFiles.ACCOUNTING, g.firstLine, grain + " [" + TsvFile.shown(key) + "] has no row in "
            + DataFiles.RECONCILIATION);
      }
    });
  }

  private static void compare(Findings f, String what, ReconciliationFile.Row r, long[] rows) {
    for (int i = 0; i < rows.length; i++) {
      if (r.values()[i] != rows[i]) {
        f.add(DataFiles.RECONCILIATION, r.line(), String.format(Locale.ROOT, "%s: %s %,d ≠ %,d summed from %s",
            TsvFile.shown(what), DataFiles.SUMMED[i], r.values()[i], rows[i], DataFiles.ACCOUNTING));
      }
    }
  }

  private static void add(long[] into, long[] v) {
    for (int i = 0; i < v.length; i++) {
      into[i] = Math.addExact(into[i], v[i]);
    }
  }
}
