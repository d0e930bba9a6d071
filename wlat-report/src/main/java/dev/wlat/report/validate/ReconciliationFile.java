package dev.wlat.report.validate;

import dev.wlat.model.Grain;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code token_accounting_reconciliation.tsv} read into memory (one row per session, thread, day,
 * week and month of the window, and the total: small beside the event files), with the day, week and
 * month rows indexed by period so an accounting row's timestamp finds its period.
 */
final class ReconciliationFile {

  /** One row: its grain, key, line, period and the {@link DataFiles#SUMMED} figures. */
  record Row(Grain grain, String key, long line, Instant start, Instant end, long[] values) {}

  final List<Row> rows;
  final Row total;
  final Map<String, Row> sessions = new LinkedHashMap<>();
  final Map<String, Row> threads = new LinkedHashMap<>();
  private final Map<Grain, Row[]> periods = new EnumMap<>(Grain.class);
  private final Map<Grain, long[]> starts = new EnumMap<>(Grain.class);

  private ReconciliationFile(List<Row> rows, Row total) {
    this.rows = rows;
    this.total = total;
    Map<Grain, List<Row>> byGrain = new EnumMap<>(Grain.class);
    for (Row r : rows) {
      if (r.grain() == Grain.SESSION) {
        sessions.putIfAbsent(r.key(), r);
      } else if (r.grain() == Grain.THREAD) {
        threads.putIfAbsent(r.key(), r);
      } else if (r.grain() != Grain.TOTAL) {
        byGrain.computeIfAbsent(r.grain(), g -> new ArrayList<>()).add(r);
      }
    }
    byGrain.forEach((g, list) -> {
      Row[] sorted = list.toArray(Row[]::new);
      Arrays.sort(sorted, Comparator.comparing(Row::start));
      periods.put(g, sorted);
      starts.put(g, Arrays.stream(sorted).mapToLong(r -> r.start().toEpochMilli()).toArray());
    });
  }

  /**
   * {@return the file's rows}; structural problems (a bad cell, an unknown grain, no or several total
   * rows) go to {@code problems}, and a bad cell stops the reading.
   */
  static ReconciliationFile read(Path root, Findings problems) {
    List<Row> rows = new ArrayList<>();
    Row total = null;
    try (TsvFile t = TsvFile.open(root, DataFiles.RECONCILIATION)) {
      int grain = t.column("grain");
      int key = t.column("group_key");
      int start = t.column("period_start");
      int end = t.column("period_end");
      int[] cols = new int[DataFiles.SUMMED.length];
      for (int i = 0; i < cols.length; i++) {
        cols[i] = t.column(DataFiles.SUMMED[i]);
      }
      while (t.next()) {
        Grain g = grain(t.cell(grain));
        if (g == null) {
          problems.add(t.bad("grain", t.cell(grain), "is not session, thread, day, week, month or total").finding);
          continue;
        }
        long[] v = new long[cols.length];
        for (int i = 0; i < cols.length; i++) {
          v[i] = t.number(cols[i], DataFiles.SUMMED[i]);
        }
        boolean period = g == Grain.DAY || g == Grain.WEEK || g == Grain.MONTH;
        Row r = new Row(g, t.cell(key), t.line(), period ? t.instant(start, "period_start") : null,
            period ? t.instant(end, "period_end") : null, v);
        if (g == Grain.TOTAL) {
          if (total != null) {
            problems.add(t.name(), t.line(), "a second total row (the first is on line " + total.line() + ")");
            continue;
          }
          total = r;
        }
        rows.add(r);
      }
      if (total == null) {
        problems.add(t.name(), 0, "no total row");
      }
    } catch (TsvFile.Bad e) {
      problems.add(e.finding);
    }
    return new ReconciliationFile(List.copyOf(rows), total);
  }

  /** {@return the period row of {@code grain} holding {@code t}, or {@code -1}}. */
  int periodOf(Grain grain, Instant t) {
    long[] s = starts.get(grain);
    if (s == null) {
      return -1;
    }
    int i = Arrays.binarySearch(s, t.toEpochMilli());
    if (i < 0) {
      i = -i - 2;
    }
    if (i < 0) {
      return -1;
    }
    Row r = periods.get(grain)[i];
    return t.isBefore(r.end()) ? i : -1;
  }

  /** {@return the period rows of {@code grain}, in time order}. */
  Row[] periods(Grain grain) {
    return periods.getOrDefault(grain, new Row[0]);
  }

  private static Grain grain(String label) {
    for (Grain g : Grain.values()) {
      if (g.label().equals(label)) {
        return g;
      }
    }
    return null;
  }
}
