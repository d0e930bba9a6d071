package dev.wlat.report.summary;

import dev.wlat.report.FactTables;
import dev.wlat.report.OutcomeTables;
import dev.wlat.report.ThreadRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@code data/} directory as a backfill would, with the real schemas' headers, from a few
 * rows given by tests. Columns a test does not set are empty (numbers 0). The derived tables
 * (thread rollups, the reconciliation's total row, rollups, confidence summary) are made consistent
 * with the event rows, over their full history.
 */
final class DataFixture {

  /** One thread's attribution and title. */
  record Thread(String id, String repo, String workstream, String outcome, String confidence, String title,
      String repoRoot) {}

  private final Path root;
  private final Map<String, Thread> threads = new LinkedHashMap<>();
  private final List<Map<String, String>> events = new ArrayList<>();
  private final List<Map<String, String>> links = new ArrayList<>();
  private final List<Map<String, String>> github = new ArrayList<>();
  private final List<Map<String, String>> files = new ArrayList<>();
  private String runId = "20261201T100000Z";
  private int line;

  private DataFixture(Path root) {
    this.root = root;
  }

  /** {@return a fixture writing under {@code root/data}}. */
  static DataFixture at(Path root) {
    return new DataFixture(root);
  }

  Path root() {
    return root;
  }

  DataFixture runId(String id) {
    this.runId = id;
    return this;
  }

  /** Declares a thread; threads used without one are attributed {@code none}. */
  DataFixture thread(String id, String repo, String workstream, String outcome, String confidence, String title) {
    threads.put(id, new Thread(id, repo, workstream, outcome, confidence, title, null));
    return this;
  }

  /** Declares a thread found in a local repository. */
  DataFixture threadInRepo(String id, String repo, String workstream, String confidence, String root) {
    threads.put(id, new Thread(id, repo, workstream, "unknown", confidence, null, root));
    return this;
  }

  /** Adds a counted row of {@code tokens} (input = tokens, no cache), its last usage equal to it. */
  DataFixture event(String thread, String segment, Instant at, long tokens) {
    return event(thread, segment, at, tokens, tokens, "cumulative_delta", null);
  }

  /** Adds a row. */
  DataFixture event(String thread, String segment, Instant at, long delta, long observed, String source, String flags) {
    Map<String, String> e = new HashMap<>();
    e.put("event_id", segment + ":" + (++line));
    e.put("session_segment_id", segment);
    e.put("thread_id", thread);
    e.put("timestamp", at.toString());
    e.put("line_number", Integer.toString(line));
    e.put("event_kind", "token_count");
    e.put("observed_event_sum_tokens", Long.toString(observed));
    e.put("cumulative_delta_tokens", Long.toString(delta));
    e.put("delta_input_tokens", Long.toString(delta));
    e.put("delta_cached_input_tokens", Long.toString(delta / 2));
    e.put("delta_output_tokens", "0");
    e.put("delta_reasoning_output_tokens", "0");
    e.put("delta_cache_write_input_tokens", "0");
    e.put("delta_source", source);
    e.put("accounting_included", source.equals("duplicate_segment") ? "0" : "1");
    e.put("cumulative_reset", flags != null && flags.contains("cumulative_reset") ? "1" : "0");
    e.put("deduped_turn_tokens", Long.toString(delta));
    e.put("unique_last_per_session_turn_tokens", Long.toString(delta));
    e.put("unique_last_per_thread_turn_tokens", Long.toString(delta));
    e.put("warning_flags", flags == null ? "" : flags);
    events.add(e);
    return this;
  }

  /** Adds an outcome link. */
  DataFixture link(String thread, String repo, String kind, String id, boolean merged, String confidence) {
    Map<String, String> l = new HashMap<>();
    l.put("thread_id", thread);
    l.put("github_repo", repo);
    l.put("artifact_kind", kind);
    l.put("artifact_id", id);
    l.put("merged", kind.equals("pull_request") ? (merged ? "1" : "0") : "");
    l.put("link_method", "commit_during_session");
    l.put("attribution_confidence", confidence);
    l.put("evidence", "test");
    links.add(l);
    return this;
  }

  /** Adds a collected GitHub artifact. */
  DataFixture githubEvent(String repo, String kind, String id, String state, boolean merged) {
    Map<String, String> g = new HashMap<>();
    g.put("github_repo", repo);
    g.put("artifact_kind", kind);
    g.put("artifact_id", id);
    g.put("state", state);
    g.put("merged", merged ? "1" : "0");
    github.add(g);
    return this;
  }

  /** Adds a rollout file with the parser's {@code issues} cell (or none). */
  DataFixture rolloutFile(String relativePath, long issueCount, String issues) {
    Map<String, String> f = new HashMap<>();
    f.put("relative_path", relativePath);
    f.put("issue_count", Long.toString(issueCount));
    f.put("issues", issues == null ? "" : issues);
    files.add(f);
    return this;
  }

  /** Writes the backfill's ledger with its window rows. */
  DataFixture ledger(String since, String until) {
    String md = "# wlat backfill run " + runId + "\n\n| item | value |\n|---|---|\n| since | " + since + " |\n| until | "
        + until + " |\n";
    write(root.resolve("runs").resolve(runId + "_execution_ledger.md"), md);
    return this;
  }

  /** Writes every data file; {@return the output root}. */
  Path write() {
    Path data = root.resolve("data");
    for (Map<String, String> e : events) {
      Thread t = threads.computeIfAbsent(e.get("thread_id"), id -> new Thread(id, null, "unknown", "unknown", "none",
          null, null));
      e.put("github_repo", t.repo() == null ? "" : t.repo());
      e.put("workstream_label", t.workstream());
      e.put("outcome_type", t.outcome());
      e.put("attribution_confidence", t.confidence());
      e.put("inserted_by_run", runId);
    }
    table(data.resolve("token_event_accounting.tsv"), FactTables.tokenEventAccounting().header(), events);

    Map<String, long[]> byThread = new LinkedHashMap<>();
    long total = 0;
    long observed = 0;
    for (Map<String, String> e : events) {
      long[] v = byThread.computeIfAbsent(e.get("thread_id"), k -> new long[3]);
      v[0]++;
      v[1] += Long.parseLong(e.get("observed_event_sum_tokens"));
      v[2] += Long.parseLong(e.get("cumulative_delta_tokens"));
      total += Long.parseLong(e.get("cumulative_delta_tokens"));
      observed += Long.parseLong(e.get("observed_event_sum_tokens"));
    }
    List<Map<String, String>> rollups = new ArrayList<>();
    List<Map<String, String>> codex = new ArrayList<>();
    for (Thread t : threads.values()) {
      long[] v = byThread.getOrDefault(t.id(), new long[3]);
      Map<String, String> r = new HashMap<>();
      r.put("thread_id", t.id());
      r.put("token_event_count", Long.toString(v[0]));
      r.put("observed_event_sum_tokens", Long.toString(v[1]));
      r.put("cumulative_delta_tokens", Long.toString(v[2]));
      r.put("final_session_total_tokens", Long.toString(v[2]));
      r.put("final_thread_total_tokens", Long.toString(v[2]));
      r.put("attribution_method", "test");
      rollups.add(r);
      Map<String, String> c = new HashMap<>();
      c.put("thread_id", t.id());
      c.put("title", t.title() == null ? "" : t.title());
      c.put("repo_root", t.repoRoot() == null ? "" : t.repoRoot());
      codex.add(c);
    }
    table(data.resolve("token_thread_rollups.tsv"), FactTables.tokenThreadRollups().header(), rollups);
    table(data.resolve("codex_threads.tsv"), ThreadRow.table().header(), codex);
    Map<String, String> totalRow = new HashMap<>();
    totalRow.put("grain", "total");
    totalRow.put("group_key", "total");
    totalRow.put("observed_event_sum_tokens", Long.toString(observed));
    totalRow.put("cumulative_delta_tokens", Long.toString(total));
    table(data.resolve("token_accounting_reconciliation.tsv"), FactTables.tokenAccountingReconciliation().header(),
        events.isEmpty() ? List.of() : List.of(totalRow));
    Map<String, String> sum = Map.of("cumulative_delta_tokens", Long.toString(total));
    table(data.resolve("repo_workstream_outcome_rollups.tsv"), OutcomeTables.repoWorkstreamOutcomeRollups().header(),
        List.of(sum));
    table(data.resolve("attribution_confidence_summary.tsv"), OutcomeTables.attributionConfidenceSummary().header(),
        List.of(sum));
    table(data.resolve("token_outcome_links.tsv"), OutcomeTables.tokenOutcomeLinks().header(), links);
    table(data.resolve("github_events.tsv"), OutcomeTables.githubEvents().header(), github);
    table(data.resolve("rollout_files.tsv"), FactTables.rolloutFiles().header(), files);
    return root;
  }

  private static void table(Path file, List<String> header, List<Map<String, String>> rows) {
    StringBuilder b = new StringBuilder(String.join("\t", header)).append('\n');
    for (Map<String, String> r : rows) {
      List<String> cells = new ArrayList<>(header.size());
      for (String h : header) {
        cells.add(r.getOrDefault(h, ""));
      }
      b.append(String.join("\t", cells)).append('\n');
    }
    write(file, b.toString());
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
