package dev.wlat.report.validate;

import dev.wlat.model.Confidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/*
 * The attribution outputs against the accounting:
 *
 * link_allocation     token_outcome_links.tsv shares each thread's in-window cumulative_delta_tokens
 *                     over its links: per linked thread, Σ allocated_tokens = the thread's tokens (so
 *                     Σ over all links ≤ the total, never counting a token twice), each link carries
 *                     0..thread_tokens, and thread_tokens is the thread's tokens. A thread's tokens are
 *                     summed from token_event_accounting.tsv, else read from the reconciliation.
 * outcome_rollups     Σ repo_workstream_outcome_rollups.tsv = the total, for cumulative_delta_tokens
 *                     and its four fields; Σ link_allocated_tokens = Σ allocated_tokens of the links.
 * confidence_summary  attribution_confidence_summary.tsv has one row per confidence level; Σ
 *                     cumulative_delta_tokens = the total; Σ link_count and Σ link_allocated_tokens =
 *                     the links' count and allocated tokens.
 *
 * The total is the reconciliation's total row, else the sum of the accounting rows.
 */
final class AttributionChecks {

  static final String LINKS = "link_allocation";
  static final String ROLLUPS = "outcome_rollups";
  static final String CONFIDENCE = "confidence_summary";

  private static final String[] DELTA_FIELDS = {"cumulative_delta_tokens", "delta_input_tokens",
      "delta_cached_input_tokens", "delta_output_tokens", "delta_reasoning_output_tokens"};

  /** What the links carry, for the rollup checks; {@code null} when there is no links file. */
  record LinkTotals(long links, long allocated) {}

  private final Path root;
  private final ReconciliationFile reconciliation;
  private final EventPass events;
  private LinkTotals linkTotals;

  AttributionChecks(Path root, ReconciliationFile reconciliation, EventPass events) {
    this.root = root;
    this.reconciliation = reconciliation;
    this.events = events;
  }

  /** {@return the total's delta figures (DELTA_FIELDS order) and where they come from, or null}. */
  private long[] total() {
    if (reconciliation != null && reconciliation.total != null) {
      long[] v = reconciliation.total.values();
      return new long[] {v[2], v[3], v[4], v[5], v[6]};
    }
    if (events.accountingRead && !events.incomplete) {
      long[] v = events.total;
      return new long[] {v[2], v[3], v[4], v[5], v[6]};
    }
    return null;
  }

  private String totalSource() {
    return reconciliation != null && reconciliation.total != null
        ? DataFiles.RECONCILIATION + ":" + reconciliation.total.line() : "Σ " + DataFiles.ACCOUNTING;
  }

  // ---------------------------------------------------------------------------------------------

  CheckResult links() {
    if (!Files.isRegularFile(root.resolve(DataFiles.LINKS))) {
      return CheckResult.skipped(LINKS, "no " + DataFiles.LINKS);
    }
    Findings f = new Findings(LINKS);
    Map<String, Long> threadTokens = threadTokens();
    if (threadTokens == null) {
      f.add(DataFiles.LINKS, 0, "no in-window thread totals to compare with: " + DataFiles.ACCOUNTING
          + " and " + DataFiles.RECONCILIATION + " are absent or unreadable");
      return f.result("");
    }
    record Linked(long firstLine, long[] sums) {}
    Map<String, Linked> threads = new LinkedHashMap<>();
    long links = 0;
    long allocated = 0;
    try (TsvFile t = TsvFile.open(root, DataFiles.LINKS)) {
      int thread = t.column("thread_id");
      int whole = t.column("thread_tokens");
      int share = t.column("allocated_tokens");
      while (t.next()) {
        try {
          long w = t.number(whole, "thread_tokens");
          long a = t.number(share, "allocated_tokens");
          String id = t.cell(thread);
          links++;
          allocated = Math.addExact(allocated, a);
          Linked th = threads.computeIfAbsent(id, k -> new Linked(t.line(), new long[1]));
          th.sums()[0] = Math.addExact(th.sums()[0], a);
          long expected = threadTokens.getOrDefault(id, 0L);
          if (a < 0 || a > w) {
            f.add(t.name(), t.line(), String.format(Locale.ROOT, "allocated_tokens %,d is not within 0..thread_tokens %,d",
                a, w));
          }
          if (w != expected) {
            f.add(t.name(), t.line(), String.format(Locale.ROOT,
                "thread %s: thread_tokens %,d ≠ its in-window cumulative_delta_tokens %,d", TsvFile.shown(id), w, expected));
          }
        } catch (TsvFile.Bad e) {
          f.add(e.finding);
        }
      }
    } catch (TsvFile.Bad e) {
      f.add(e.finding);
      return f.result("");
    }
    threads.forEach((id, th) -> {
      long expected = threadTokens.getOrDefault(id, 0L);
      if (th.sums()[0] != expected) {
        f.add(DataFiles.LINKS, th.firstLine(), String.format(Locale.ROOT,
            "thread %s: Σ allocated_tokens %,d ≠ its in-window cumulative_delta_tokens %,d", TsvFile.shown(id),
            th.sums()[0], expected));
      }
    });
    linkTotals = new LinkTotals(links, allocated);
    return f.result(links == 0 ? "no outcome links, so no tokens allocated to any"
        : String.format(Locale.ROOT, "Σ allocated_tokens = in-window cumulative_delta_tokens for each of %,d linked"
            + " threads (%,d links, %,d tokens)", threads.size(), links, allocated));
  }

  private Map<String, Long> threadTokens() {
    Map<String, Long> m = new LinkedHashMap<>();
    if (events.accountingRead && !events.incomplete) {
      events.byThread.forEach((id, g) -> m.put(id, g.values[DataFiles.DELTA]));
      return m;
    }
    if (reconciliation != null && reconciliation.total != null) {
      reconciliation.threads.forEach((id, r) -> m.put(id, r.values()[DataFiles.DELTA]));
      return m;
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------

  CheckResult rollups() {
    String file = DataFiles.OUTCOME_ROLLUPS;
    if (!Files.isRegularFile(root.resolve(file))) {
      return CheckResult.skipped(ROLLUPS, "no " + file);
    }
    Findings f = new Findings(ROLLUPS);
    long[] total = total();
    if (total == null) {
      f.add(file, 0, "no total to compare with: " + DataFiles.RECONCILIATION + " and " + DataFiles.ACCOUNTING
          + " are absent or unreadable");
      return f.result("");
    }
    long[] sums = new long[DELTA_FIELDS.length];
    long linkAllocated = 0;
    long rows = 0;
    try (TsvFile t = TsvFile.open(root, file)) {
      int[] cols = new int[DELTA_FIELDS.length];
      for (int i = 0; i < cols.length; i++) {
        cols[i] = t.column(DELTA_FIELDS[i]);
      }
      int links = t.column("link_allocated_tokens");
      while (t.next()) {
        rows++;
        for (int i = 0; i < cols.length; i++) {
          sums[i] = Math.addExact(sums[i], t.number(cols[i], DELTA_FIELDS[i]));
        }
        linkAllocated = Math.addExact(linkAllocated, t.number(links, "link_allocated_tokens"));
      }
    } catch (TsvFile.Bad e) {
      f.add(e.finding);
      return f.result("");
    }
    for (int i = 0; i < sums.length; i++) {
      if (sums[i] != total[i]) {
        f.add(file, 0, String.format(Locale.ROOT, "Σ %s %,d ≠ total %,d (%s)", DELTA_FIELDS[i], sums[i], total[i],
            totalSource()));
      }
    }
    if (linkTotals != null && linkAllocated != linkTotals.allocated()) {
      f.add(file, 0, String.format(Locale.ROOT, "Σ link_allocated_tokens %,d ≠ Σ allocated_tokens %,d of %s",
          linkAllocated, linkTotals.allocated(), DataFiles.LINKS));
    }
    return f.result(String.format(Locale.ROOT, "Σ %s cumulative_delta_tokens over %,d rows = total %,d", file, rows,
        total[0]));
  }

  // ---------------------------------------------------------------------------------------------

  CheckResult confidence() {
    String file = DataFiles.CONFIDENCE_SUMMARY;
    if (!Files.isRegularFile(root.resolve(file))) {
      return CheckResult.skipped(CONFIDENCE, "no " + file);
    }
    Findings f = new Findings(CONFIDENCE);
    long[] total = total();
    if (total == null) {
      f.add(file, 0, "no total to compare with: " + DataFiles.RECONCILIATION + " and " + DataFiles.ACCOUNTING
          + " are absent or unreadable");
      return f.result("");
    }
    long tokens = 0;
    long links = 0;
    long linkAllocated = 0;
    List<String> levels = new ArrayList<>();
    try (TsvFile t = TsvFile.open(root, file)) {
      int level = t.column("attribution_confidence");
      int delta = t.column("cumulative_delta_tokens");
      int count = t.column("link_count");
      int allocated = t.column("link_allocated_tokens");
      while (t.next()) {
        if (levels.contains(t.cell(level))) {
          f.add(t.name(), t.line(), "confidence level [" + TsvFile.shown(t.cell(level)) + "] appears twice");
        }
        levels.add(t.cell(level));
        tokens = Math.addExact(tokens, t.number(delta, "cumulative_delta_tokens"));
        links = Math.addExact(links, t.number(count, "link_count"));
        linkAllocated = Math.addExact(linkAllocated, t.number(allocated, "link_allocated_tokens"));
      }
    } catch (TsvFile.Bad e) {
      f.add(e.finding);
      return f.result("");
    }
    for (Confidence c : Confidence.values()) {
      if (!levels.contains(c.label())) {
        f.add(file, 0, "no row for confidence level " + c.label());
      }
    }
    if (tokens != total[0]) {
      f.add(file, 0, String.format(Locale.ROOT, "Σ cumulative_delta_tokens %,d ≠ total %,d (%s)", tokens, total[0],
          totalSource()));
    }
    if (linkTotals != null && (links != linkTotals.links() || linkAllocated != linkTotals.allocated())) {
      f.add(file, 0, String.format(Locale.ROOT, "Σ link_count %,d and Σ link_allocated_tokens %,d ≠ the %,d links"
          + " carrying %,d tokens in %s", links, linkAllocated, linkTotals.links(), linkTotals.allocated(),
          DataFiles.LINKS));
    }
    return f.result(String.format(Locale.ROOT, "Σ %s cumulative_delta_tokens over the %d confidence levels = total %,d",
        file, levels.size(), total[0]));
  }
}
