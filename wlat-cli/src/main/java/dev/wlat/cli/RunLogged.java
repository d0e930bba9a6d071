package dev.wlat.cli;

import dev.wlat.cli.job.RunIds;
import dev.wlat.report.RunLedger;
import dev.wlat.report.RunLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A command that keeps the run log of an output root. When it fails, {@link Main} logs the failed
 * run there too (a short ledger and a {@code runs/run_log.tsv} row with the exit code and the
 * one-line cause), so a scheduled job's failures are in the same place as its successes. Nothing is
 * written when the output root does not exist yet: a mistyped first call creates nothing.
 */
interface RunLogged {

  /** {@return the trace of the current run}, or {@code null} when it failed before it began. */
  Trace runTrace();

  /** What a run has told about itself so far: its name, when it started and where it writes. */
  final class Trace {
    private final String name;
    private Instant startedAt;
    private Path root;
    private dev.wlat.model.Privacy privacy = dev.wlat.model.Privacy.NORMAL;

    private Trace(String name) {
      this.name = name;
    }

    /** {@return a trace for a run of the command {@code name}}, e.g. {@code report}. */
    static Trace of(String name) {
      return new Trace(name);
    }

    void started(Instant at) {
      this.startedAt = at;
    }

    void root(Path outputRoot) {
      this.root = outputRoot;
    }

    /** Sets what the failure ledger and run-log row may show of local paths. */
    void privacy(dev.wlat.model.Privacy p) {
      this.privacy = p;
    }

    /** Logs this run as failed with {@code e}; never throws (the error itself is what the user must see). */
    void logFailure(String line, WlatException e) {
      if (root == null || !Files.isDirectory(root)) {
        return;
      }
      Instant started = startedAt != null ? startedAt : Instant.now();
      double seconds = Duration.between(started, Instant.now()).toNanos() / 1e9;
      try {
        String runId = RunIds.free(root, started); // never the id of a run that wrote in the same second
        RunLedger l = RunLedger.create(runId, "wlat " + name + " run " + runId + " (failed)");
        l.section("Command").code(line);
        l.section("Error").paragraph("Exit code " + e.exitCode() + ": " + e.getMessage());
        l.paragraph("Nothing was published: the outputs of the last good run are as they were.");
        java.util.function.UnaryOperator<String> shown = PrivacyOption.filter(privacy, root);
        Path ledger = l.writeTo(root, shown);
        RunLog.append(root, new RunLog.Entry(runId, name, started, seconds, e.exitCode(),
            "runs/" + ledger.getFileName(), shown.apply("failed: " + e.getMessage())));
      } catch (RuntimeException ignored) {
        // the output root itself may be what failed; the error is reported either way
      }
    }
  }
}
