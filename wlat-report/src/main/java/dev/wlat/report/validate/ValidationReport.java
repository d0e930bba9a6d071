package dev.wlat.report.validate;

import dev.wlat.report.RunLedger;
import dev.wlat.report.TsvTable;
import dev.wlat.report.TsvWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@link Validator#validate} found: one {@link CheckResult} per check, in
 * {@link Validator#CHECKS} order, and how much it scanned.
 *
 * @param outputRoot the output root validated
 * @param privacyMode the privacy mode of the secrets scan
 * @param dataFound false when the root holds no data at all; there are no checks then
 * @param checks the results, in order
 * @param textFilesScanned text files the secrets scan read
 * @param linesScanned lines it read
 * @param unscannable files it could not read as text (binary, unreadable), relative to the root
 * @param nanos how long validation took
 */
public record ValidationReport(Path outputRoot, PrivacyMode privacyMode, boolean dataFound, List<CheckResult> checks,
    long textFilesScanned, long linesScanned, List<String> unscannable, long nanos) {

  /** The summary's file name under {@code reports/}. */
  public static final String SUMMARY_FILE = "validation_summary.tsv";

  /** How many findings per check the ledger lists. */
  private static final int LEDGER_FINDINGS = 50;

  public ValidationReport {
    Objects.requireNonNull(outputRoot, "outputRoot");
    Objects.requireNonNull(privacyMode, "privacyMode");
    checks = List.copyOf(checks);
    unscannable = List.copyOf(unscannable);
  }

  /** {@return true when there was data and no check failed}. */
  public boolean passed() {
    return dataFound && count(CheckStatus.FAIL) == 0;
  }

  /** {@return how many checks ended with {@code status}}. */
  public long count(CheckStatus status) {
    return checks.stream().filter(c -> c.status() == status).count();
  }

  /** {@return the result of the check named {@code check}}; throws when there is none. */
  public CheckResult check(String check) {
    return checks.stream().filter(c -> c.check().equals(check)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no check [" + check + "]; checks are " + Validator.CHECKS));
  }

  /** {@return the schema of {@code reports/validation_summary.tsv}: check, status, detail}. */
  public static TsvTable<CheckResult> summaryTable() {
    return TsvTable.<CheckResult>builder(SUMMARY_FILE)
        .column("check", CheckResult::check)
        .column("status", c -> c.status().label())
        .column("detail", CheckResult::detail)
        .build();
  }

  /** Writes {@code reports/validation_summary.tsv} under the output root atomically; {@return its path}. */
  public Path writeSummary() {
    Path reports = outputRoot.resolve("reports");
    List<CheckResult> shown = checks;
    if (privacyMode != PrivacyMode.NORMAL) { // the root is a local path: named by a placeholder outside normal mode
      shown = new java.util.ArrayList<>();
      for (CheckResult c : checks) {
        shown.add(new CheckResult(c.check(), c.status(), shown(c.detail()), c.findings(), c.findingCount()));
      }
    }
    TsvWriter.writeAll(reports, summaryTable(), shown);
    return reports.resolve(SUMMARY_FILE);
  }

  /** {@return {@code text} with the output root named {@code <output-root>} outside normal privacy mode}. */
  public String shown(String text) {
    if (privacyMode == PrivacyMode.NORMAL || text == null) {
      return text;
    }
    String abs = outputRoot.toAbsolutePath().normalize().toString();
    return text.replace(abs, "<output-root>").replace(outputRoot.toString(), "<output-root>");
  }

  /** {@return one line of counts: {@code 9 ok, 1 failed, 0 skipped}}. */
  public String counts() {
    return String.format(Locale.ROOT, "%d ok, %d failed, %d skipped", count(CheckStatus.OK), count(CheckStatus.FAIL),
        count(CheckStatus.SKIPPED));
  }

  /** {@return the run's ledger: the command, the checks, their findings and what was scanned}. */
  public RunLedger ledger(String runId, String commandLine) {
    RunLedger l = RunLedger.create(runId, "wlat validate run " + runId);
    l.section("Command").code(commandLine);
    List<String[]> params = RunLedger.rows();
    params.add(new String[] {"output root", outputRoot.toString()});
    params.add(new String[] {"privacy mode", privacyMode.label()});
    params.add(new String[] {"text files scanned", String.format(Locale.ROOT, "%,d", textFilesScanned)});
    params.add(new String[] {"lines scanned", String.format(Locale.ROOT, "%,d", linesScanned)});
    params.add(new String[] {"files not text (not scanned)", String.format(Locale.ROOT, "%,d", unscannable.size())});
    params.add(new String[] {"result", passed() ? "passed" : "failed"});
    params.add(new String[] {"time", String.format(Locale.ROOT, "%.3f s", nanos / 1e9)});
    l.keyValues(params);
    l.section("Checks");
    List<String[]> rows = RunLedger.rows();
    for (CheckResult c : checks) {
      rows.add(new String[] {c.check(), c.status().label(), c.detail()});
    }
    l.table(List.of("check", "status", "detail"), rows);
    if (checks.stream().anyMatch(c -> c.status() == CheckStatus.FAIL)) {
      l.section("Findings");
      l.paragraph("Places are file:line under the output root. The secrets scan names the kind of secret found,"
          + " never its text.");
      List<String[]> found = RunLedger.rows();
      for (CheckResult c : checks) {
        c.findings().stream().limit(LEDGER_FINDINGS)
            .forEach(f -> found.add(new String[] {c.check(), f.place(), f.what()}));
        if (c.findingCount() > Math.min(LEDGER_FINDINGS, c.findings().size())) {
          found.add(new String[] {c.check(), "…", String.format(Locale.ROOT, "%,d more",
              c.findingCount() - Math.min(LEDGER_FINDINGS, c.findings().size()))});
        }
      }
      l.table(List.of("check", "place", "what"), found);
    }
    if (!unscannable.isEmpty()) {
      l.section("Files not scanned as text");
      l.bullets(unscannable.stream().limit(LEDGER_FINDINGS).toList());
    }
    l.section("Outputs");
    l.bullets(List.of("reports/" + SUMMARY_FILE));
    return l;
  }
}
