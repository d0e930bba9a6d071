package dev.wlat.report.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a small {@code data/} directory of the four fact files a plot reads, in the dialect
 * {@code wlat backfill} writes (tab-separated, header first), with only the columns plots read.
 */
final class DataDir {

  private final List<String> events = new ArrayList<>();
  private final Map<String, String[]> threads = new LinkedHashMap<>();
  private final List<String> outcomes = new ArrayList<>();

  static DataDir create() {
    return new DataDir();
  }

  /** Adds a token row whose fields nest as Codex's do (total = input + output). */
  DataDir row(String at, String thread, long input, long cached, long output, long reasoning, String repo,
      String workstream, String outcome) {
    return rawRow(at, thread, input + output, input, cached, output, reasoning, repo, workstream, outcome);
  }

  /** Adds a token row with {@code total} given independently of the fields. */
  DataDir rawRow(String at, String thread, long total, long input, long cached, long output, long reasoning,
      String repo, String workstream, String outcome) {
    events.add(String.join("\t", thread + ":" + events.size(), thread, Instant.parse(at).toString(),
        Long.toString(total), Long.toString(input), Long.toString(cached), Long.toString(output),
        Long.toString(reasoning), repo, workstream, outcome, "derived", "0", ""));
    threads.putIfAbsent(thread, new String[] {thread, "", "gpt-5.2", repo, workstream, ""});
    return this;
  }

  /** Sets a thread's title. */
  DataDir title(String thread, String title) {
    String[] t = threads.get(thread);
    t[1] = title;
    return this;
  }

  /** Adds an outcome rollup row with link counts. */
  DataDir links(String repo, String workstream, String outcome, int commits, int prs, int merged) {
    outcomes.add(String.join("\t", repo, workstream, outcome, "strong", "1", "0", Integer.toString(commits),
        Integer.toString(prs), Integer.toString(merged), "0", "0"));
    return this;
  }

  /** Writes the files into {@code dir} (created); {@return dir}. */
  Path writeTo(Path dir) {
    write(dir.resolve("token_event_accounting.tsv"), "event_id\tthread_id\ttimestamp\tcumulative_delta_tokens"
        + "\tdelta_input_tokens\tdelta_cached_input_tokens\tdelta_output_tokens\tdelta_reasoning_output_tokens"
        + "\tgithub_repo\tworkstream_label\toutcome_type\tattribution_confidence\tobserved_event_sum_tokens"
        + "\twarning_flags", events);
    List<String> t = new ArrayList<>();
    List<String> r = new ArrayList<>();
    for (String[] th : threads.values()) {
      t.add(String.join("\t", th[0], th[1], th[2], th[3], th[4], "", "", ""));
      r.add(String.join("\t", th[0], th[3], th[4], "unknown", "derived"));
    }
    write(dir.resolve("codex_threads.tsv"), "thread_id\ttitle\tmodel\tgithub_repo\tworkstream_label"
        + "\tforked_from_id\tagent_nickname\tagent_role", t);
    write(dir.resolve("token_thread_rollups.tsv"), "thread_id\tgithub_repo\tworkstream_label\toutcome_type"
        + "\tattribution_confidence", r);
    write(dir.resolve("repo_workstream_outcome_rollups.tsv"), "github_repo\tworkstream_label\toutcome_type"
        + "\tattribution_confidence\tthread_count\tcumulative_delta_tokens\tlinked_commit_count"
        + "\tlinked_pull_request_count\tlinked_merged_pull_request_count\tlinked_closed_issue_count"
        + "\tlinked_release_count", outcomes);
    return dir;
  }

  private static void write(Path file, String header, List<String> rows) {
    try {
      Files.createDirectories(file.getParent());
      StringBuilder b = new StringBuilder(header).append('\n');
      for (String row : rows) {
        b.append(row).append('\n');
      }
      Files.writeString(file, b, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
