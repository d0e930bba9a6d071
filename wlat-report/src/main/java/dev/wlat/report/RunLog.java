package dev.wlat.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code runs/run_log.tsv}: one row per run of any command that writes under an output root, so a
 * scheduled job's history can be read at a glance. A run appends its row by rewriting the file
 * atomically (temporary sibling + rename): a crash leaves the previous log intact.
 */
public final class RunLog {

  /** The file name under {@code runs/}. */
  public static final String FILE = "run_log.tsv";

  /**
   * One run.
   *
   * @param runId the run id (its UTC start time)
   * @param command the command, e.g. {@code backfill}
   * @param startedAt when it started
   * @param seconds how long it took
   * @param exitCode what it exited with
   * @param ledger the path of its ledger, or {@code null}
   * @param summary one line of what it did (counts, totals; no free text from inputs)
   */
  public record Entry(String runId, String command, Instant startedAt, double seconds, int exitCode, String ledger,
      String summary) {
    public Entry {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(startedAt, "startedAt");
    }
  }

  private RunLog() {}

  /** {@return the schema of the run log}. */
  public static TsvTable<Entry> table() {
    return TsvTable.<Entry>builder(FILE)
        .column("run_id", Entry::runId)
        .column("command", Entry::command)
        .column("started_at", e -> Cells.instant(e.startedAt()))
        .column("seconds", e -> String.format(java.util.Locale.ROOT, "%.3f", e.seconds()))
        .column("exit_code", Entry::exitCode)
        .column("ledger", Entry::ledger)
        .column("summary", Entry::summary)
        .build();
  }

  /** Appends {@code entry} to {@code <outputRoot>/runs/run_log.tsv}, creating it when missing. */
  public static void append(Path outputRoot, Entry entry) {
    Path runs = outputRoot.resolve("runs");
    Path file = runs.resolve(FILE);
    List<Entry> rows = new ArrayList<>();
    if (Files.isRegularFile(file)) {
      for (Map<String, String> r : TsvReader.readAll(file)) {
        rows.add(new Entry(r.get("run_id"), r.get("command"), Instant.parse(r.get("started_at")),
            Double.parseDouble(r.get("seconds")), Integer.parseInt(r.get("exit_code")), blank(r.get("ledger")),
            blank(r.get("summary"))));
      }
    }
    rows.add(entry);
    TsvWriter.writeAll(runs, table(), rows);
  }

  /** {@return the log's rows, oldest first; empty when there is none}. */
  public static List<Map<String, String>> read(Path outputRoot) {
    Path file = outputRoot.resolve("runs").resolve(FILE);
    return Files.isRegularFile(file) ? TsvReader.readAll(file) : List.of();
  }

  private static String blank(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
