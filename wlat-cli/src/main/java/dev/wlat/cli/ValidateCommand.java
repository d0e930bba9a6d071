package dev.wlat.cli;

import dev.wlat.cli.job.BackfillJob;
import dev.wlat.cli.job.RunIds;
import dev.wlat.ingest.CodexHome;
import dev.wlat.report.RunLog;
import dev.wlat.report.validate.CheckResult;
import dev.wlat.report.validate.CheckStatus;
import dev.wlat.report.validate.PrivacyMode;
import dev.wlat.report.validate.ValidationReport;
import dev.wlat.report.validate.Validator;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code wlat validate}: checks an output root for CSV files, secrets and broken accounting
 * invariants, and writes {@code reports/validation_summary.tsv}, a ledger and a run-log row.
 */
@Command(name = "validate", sortOptions = false,
    description = {"Check an output root: no CSV files, no secrets in any output, and the accounting invariants",
        "of the data TSVs (raw rows = accounting rows, deltas, Σ session = thread = day = week = month = total,",
        "session totals, link allocation, rollups). One line per check; writes reports/validation_summary.tsv.",
        "Exit 0 when every check passed, 1 when one failed, 2 when the output root holds no data."})
final class ValidateCommand implements Callable<Integer> {

  @Mixin HelpOption help;

  @Spec CommandSpec spec;

  @Option(names = "--output-root", paramLabel = "DIR",
      description = "The output root to check (default: $CODEX_HOME/docs/codex-github-outcomes, else ~/.codex/…).")
  Path outputRoot;

  @Option(names = "--privacy-mode", paramLabel = "MODE", defaultValue = "normal", converter = PrivacyModes.class,
      description = "normal: secrets and e-mail addresses; redacted: also absolute local paths; strict: also fail"
          + " files that cannot be read as text (default: ${DEFAULT-VALUE}).")
  PrivacyMode privacyMode;

  @Option(names = {"-q", "--quiet"}, description = "Print only the checks that failed.")
  boolean quiet;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Instant now = Instant.now();
    Path root = outputRoot != null ? outputRoot
        : CodexHome.defaultLocation().resolve("docs").resolve("codex-github-outcomes");
    if (!Files.isDirectory(root)) {
      throw WlatException.invalidInput("validate: no output root at " + root
          + "; run wlat backfill first, or pass --output-root DIR");
    }
    long t0 = System.nanoTime();
    ValidationReport report;
    try {
      report = Validator.create(privacyMode).validate(root);
    } catch (UncheckedIOException e) {
      throw new WlatException(ExitCodes.UNEXPECTED_STATE, e.getMessage(), e);
    }
    if (!report.dataFound()) {
      throw WlatException.invalidInput("validate: no data under " + root.resolve("data")
          + " (no .tsv files); run wlat backfill first");
    }
    int exit = report.passed() ? ExitCodes.OK : ExitCodes.GENERIC;
    String runId = RunIds.free(root, now);
    Path ledger;
    try {
      report.writeSummary();
      ledger = report.ledger(runId, commandLine()).writeTo(root, report::shown);
      RunLog.append(root, new RunLog.Entry(runId, "validate", now, (System.nanoTime() - t0) / 1e9, exit,
          "runs/" + ledger.getFileName(), report.counts() + ", privacy mode " + privacyMode.label()));
    } catch (UncheckedIOException e) {
      throw new WlatException(ExitCodes.UNEXPECTED_STATE, e.getMessage(), e);
    }
    for (CheckResult c : report.checks()) {
      if (!quiet || c.status() == CheckStatus.FAIL) {
        out.println(line(c));
      }
    }
    if (!quiet) {
      out.printf(Locale.ROOT, "wlat validate: %s in %.1fs; summary %s, ledger %s%n", report.counts(),
          (System.nanoTime() - t0) / 1e9, root.resolve("reports").resolve(ValidationReport.SUMMARY_FILE), ledger);
    }
    out.flush();
    return exit;
  }

  /** {@return the printed line of one check}: {@code ok   <detail>}, {@code FAIL <check>: <detail>}, {@code skip <check>: <reason>}. */
  static String line(CheckResult c) {
    return switch (c.status()) {
      case OK -> "ok   " + c.detail();
      case FAIL -> "FAIL " + c.check() + ": " + c.detail();
      case SKIPPED -> "skip " + c.check() + ": " + c.detail();
    };
  }

  /**
   * {@return a run id for a run starting at {@code now}: its UTC second, moved on a second at a time
   * while a ledger of that id already exists}, so a command run in the same second as a backfill
   * never overwrites the backfill's ledger.
   */

  private String commandLine() {
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    return "wlat " + String.join(" ", args);
  }

  /** Reads {@code --privacy-mode} by its label, in any case. */
  static final class PrivacyModes implements CommandLine.ITypeConverter<PrivacyMode> {
    @Override
    public PrivacyMode convert(String value) {
      for (PrivacyMode m : PrivacyMode.values()) {
        if (m.label().equalsIgnoreCase(value)) {
          return m;
        }
      }
      throw new CommandLine.TypeConversionException("[" + value + "] is not a privacy mode; expected normal,"
          + " redacted or strict");
    }
  }
}
