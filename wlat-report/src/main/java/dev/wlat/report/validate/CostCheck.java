package dev.wlat.report.validate;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/*
 * cost: the cost columns agree across the data tables, exactly (they are decimals that never round).
 *
 *   per thread   cost_usd, credits and unpriced_tokens of token_thread_rollups.tsv = Σ of its rows
 *                in token_session_rollups.tsv (both cover the thread's full history);
 *   per thread   when token_event_accounting.tsv holds all of a thread's rows (as many as the
 *                rollup's token_event_count: always so for --since all), Σ cost_usd and Σ credits of
 *                its rows = the rollup's, and Σ cumulative_delta_tokens of its rows whose cost_basis
 *                is unpriced = its unpriced_tokens;
 *   per row      a priced token row (cost_basis listed, user or estimated) has a cost_usd, an
 *                unpriced one none; a rollup priced (even in part) has one.
 *
 * Skipped when no table has cost columns (tables of a wlat before pricing).
 */
final class CostCheck {

  static final String CHECK = "cost";
  private static final String THREADS = "data/token_thread_rollups.tsv";

  private static final class Sums {
    BigDecimal usd = BigDecimal.ZERO;
    BigDecimal credits = BigDecimal.ZERO;
    long unpriced;
    long rows;
    long line;

    void add(BigDecimal u, BigDecimal c, long tokens) {
      usd = usd.add(u);
      credits = credits.add(c);
      unpriced = Math.addExact(unpriced, tokens);
    }

    boolean sameAs(Sums o) {
      return usd.compareTo(o.usd) == 0 && credits.compareTo(o.credits) == 0 && unpriced == o.unpriced;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "cost_usd %s, credits %s, unpriced_tokens %,d", usd.toPlainString(),
          credits.toPlainString(), unpriced);
    }
  }

  private CostCheck() {}

  static CheckResult run(Path root) {
    for (String f : new String[] {DataFiles.ACCOUNTING, DataFiles.SESSIONS, THREADS}) {
      if (!Files.isRegularFile(root.resolve(f))) {
        return CheckResult.skipped(CHECK, "no " + f);
      }
    }
    Findings f = new Findings(CHECK);
    Map<String, Sums> threads;
    Map<String, Sums> sessions;
    Map<String, Sums> events;
    Map<String, Long> rollupEventCounts = new HashMap<>();
    try {
      threads = rollups(root, THREADS, f, rollupEventCounts);
      if (threads == null) {
        return CheckResult.skipped(CHECK, "the tables have no cost columns (written by a wlat before pricing)");
      }
      sessions = rollups(root, DataFiles.SESSIONS, f, null);
      events = events(root, f);
    } catch (TsvFile.Bad e) {
      f.add(e.finding);
      return f.result("");
    }
    if (sessions == null || events == null) {
      f.add(sessions == null ? DataFiles.SESSIONS : DataFiles.ACCOUNTING, 1,
          "no cost columns, while " + THREADS + " has them");
      return f.result("");
    }
    Sums total = new Sums();
    long whole = 0;
    for (Map.Entry<String, Sums> t : threads.entrySet()) {
      Sums rollup = t.getValue();
      total.add(rollup.usd, rollup.credits, rollup.unpriced);
      Sums s = sessions.getOrDefault(t.getKey(), new Sums());
      if (!rollup.sameAs(s)) {
        f.add(THREADS, rollup.line, "thread " + TsvFile.shown(t.getKey()) + ": " + rollup + " ≠ Σ of its sessions' "
            + s);
      }
      Sums e = events.get(t.getKey());
      long rows = e == null ? 0 : e.rows;
      if (rows == rollupEventCounts.getOrDefault(t.getKey(), -1L)) {
        whole++;
        Sums got = e == null ? new Sums() : e;
        if (!rollup.sameAs(got)) {
          f.add(THREADS, rollup.line, "thread " + TsvFile.shown(t.getKey()) + ": " + rollup + " ≠ Σ of its "
              + rows + " rows in " + DataFiles.ACCOUNTING + ": " + got);
        }
      }
    }
    return f.result(String.format(Locale.ROOT, "thread = Σ its sessions for %,d threads; = Σ its token rows for %,d"
        + " of them (all their rows in the window); total %s", threads.size(), whole, total));
  }

  /** {@return cost sums per thread of a rollup table, or {@code null} when it has no cost columns}. */
  private static Map<String, Sums> rollups(Path root, String file, Findings f, Map<String, Long> eventCounts) {
    try (TsvFile t = TsvFile.open(root, file)) {
      int usd = t.optionalColumn("cost_usd");
      if (usd < 0) {
        return null;
      }
      int basis = t.column("cost_basis");
      int credits = t.column("credits");
      int unpriced = t.column("unpriced_tokens");
      int thread = t.column("thread_id");
      int count = eventCounts == null ? -1 : t.column("token_event_count");
      Map<String, Sums> out = new HashMap<>();
      while (t.next()) {
        try {
          Sums s = out.computeIfAbsent(t.cell(thread), k -> new Sums());
          if (s.line == 0) {
            s.line = t.line();
          }
          String b = t.cell(basis);
          if ((b.equals("listed") || b.equals("user") || b.equals("estimated")) && t.cell(usd).isEmpty()) {
            throw t.bad("cost_usd", "", "is empty on a row priced " + b);
          }
          s.add(decimal(t, usd, "cost_usd"), decimal(t, credits, "credits"), t.number(unpriced, "unpriced_tokens"));
          if (eventCounts != null) {
            eventCounts.merge(t.cell(thread), t.number(count, "token_event_count"), Long::sum);
          }
        } catch (TsvFile.Bad e) {
          f.add(e.finding);
        }
      }
      return out;
    }
  }

  /** {@return cost sums per thread of the accounting rows, or {@code null} when it has no cost columns}. */
  private static Map<String, Sums> events(Path root, Findings f) {
    try (TsvFile t = TsvFile.open(root, DataFiles.ACCOUNTING)) {
      int usd = t.optionalColumn("cost_usd");
      if (usd < 0) {
        return null;
      }
      int basis = t.column("cost_basis");
      int credits = t.column("credits");
      int thread = t.column("thread_id");
      int delta = t.column("cumulative_delta_tokens");
      Map<String, Sums> out = new HashMap<>();
      while (t.next()) {
        try {
          Sums s = out.computeIfAbsent(t.cell(thread), k -> new Sums());
          s.rows++;
          priced(t, usd, basis);
          long unpriced = t.cell(basis).equals("unpriced") ? t.number(delta, "cumulative_delta_tokens") : 0;
          s.add(decimal(t, usd, "cost_usd"), decimal(t, credits, "credits"), unpriced);
        } catch (TsvFile.Bad e) {
          f.add(e.finding);
        }
      }
      return out;
    }
  }

  /** A priced row has an amount; an unpriced one has none. */
  private static void priced(TsvFile t, int usd, int basis) {
    String b = t.cell(basis);
    boolean hasAmount = !t.cell(usd).isEmpty();
    switch (b) {
      case "listed", "user", "estimated" -> {
        if (!hasAmount) {
          throw t.bad("cost_usd", "", "is empty on a row priced " + b);
        }
      }
      case "unpriced", "" -> {
        if (hasAmount) {
          throw t.bad("cost_usd", t.cell(usd), "is set on a row without a price (cost_basis [" + b + "])");
        }
      }
      default -> throw t.bad("cost_basis", b, "is not listed, user, estimated or unpriced");
    }
  }

  private static BigDecimal decimal(TsvFile t, int i, String column) {
    String s = t.cell(i);
    if (s.isEmpty()) {
      return BigDecimal.ZERO;
    }
    try {
      BigDecimal d = new BigDecimal(s);
      if (d.signum() < 0) {
        throw t.bad(column, s, "is negative");
      }
      return d;
    } catch (NumberFormatException e) {
      throw t.bad(column, s, "is not a decimal number");
    }
  }
}
