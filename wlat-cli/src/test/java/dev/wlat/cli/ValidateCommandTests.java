package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.report.TsvReader;
import dev.wlat.testkit.CodexHomeGenerator;
import dev.wlat.testkit.ExampleRepos;
import dev.wlat.testkit.HomeSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/*
 * wlat validate on a real backfill of the bundled example home (data, reports, plots and ledger),
 * with its repositories and overrides so that outcome links exist: it passes; then each test damages a copy of that output
 * (a planted token, a CSV file, a tampered delta, a deleted raw row, an e-mail address, a broken
 * link share) and the right check fails, naming file:line, without ever printing the secret.
 *
 * validate is not registered in WlatCommand yet: wlat(...) runs the real root command line of
 * Main, with its exception handlers, and adds the new subcommands to it when they are missing.
 */

/** {@code wlat validate}: passes on a real backfill, fails the right check on damaged outputs. */
class ValidateCommandTests {

  static final Path HOME = Path.of("..", "examples", "codex-home");
  static final Path OVERRIDES = Path.of("..", "examples", "attribution_overrides.tsv");
  private static final String TOKEN = "ghp_" + "Zq7".repeat(12);

  @TempDir static Path shared;
  static Path out;
  private static Cli.Result backfill;

  @TempDir Path temp;

  @BeforeAll
  static void backfillTheExampleWithItsRepos() throws IOException {
    Path repos = shared.resolve("repos");
    ExampleRepos.write(repos, CodexHomeGenerator.generate(HomeSpec.defaults(), shared.resolve("home")));
    out = shared.resolve("out");
    // the whole job, reports and plots included, so that every kind of output is scanned
    backfill = Cli.run("backfill", "--since", "all", "--codex-home", HOME.toString(), "--output-root", out.toString(),
        "--skip-github", "--repo-root", repos.toString(), "--attribution-overrides", OVERRIDES.toString(), "-q");
  }

  // ---- the command line ----

  /** {@return the result of {@code wlat args…}, with validate and allocate-value registered if they are not yet}. */
  static Cli.Result wlat(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
      CommandLine cli = Main.commandLine(o, e);
      register(cli, "validate", ValidateCommand::new);
      register(cli, "allocate-value", AllocateValueCommand::new);
      code = cli.execute(args);
    }
    return new Cli.Result(code, normalize(out.toString()), normalize(err.toString()));
  }

  private static void register(CommandLine cli, String name, Supplier<Object> command) {
    if (!cli.getSubcommands().containsKey(name)) {
      CommandLine sub = new CommandLine(command.get());
      sub.setCaseInsensitiveEnumValuesAllowed(true);
      sub.setOut(cli.getOut());
      sub.setErr(cli.getErr());
      cli.addSubcommand(name, sub);
    }
  }

  private static String normalize(String s) {
    return s.replace("\r\n", "\n").replace('\r', '\n');
  }

  private static Cli.Result validate(Path root, String... extra) {
    List<String> args = new ArrayList<>(List.of("validate", "--output-root", root.toString()));
    args.addAll(List.of(extra));
    return wlat(args.toArray(String[]::new));
  }

  /** {@return a copy of the shared output, to damage}. */
  private Path copyOfOutput() {
    Path copy = temp.resolve("out");
    try (Stream<Path> s = Files.walk(out)) {
      for (Path p : s.toList()) {
        Path target = copy.resolve(out.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return copy;
  }

  /** Replaces line {@code number} (1-based) of {@code file} by what {@code edit} makes of it; {@code null} deletes it. */
  private static void editLine(Path file, int number, java.util.function.UnaryOperator<String> edit) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    String changed = edit.apply(lines.get(number - 1));
    if (changed == null) {
      lines.remove(number - 1);
    } else {
      lines.set(number - 1, changed);
    }
    Files.writeString(file, String.join("\n", lines) + "\n");
  }

  private static String cell(Path file, int line, String column, String value) throws IOException {
    List<String> header = TsvReader.header(file);
    int i = header.indexOf(column);
    String[] cells = Files.readAllLines(file).get(line - 1).split("\t", -1);
    String old = cells[i];
    cells[i] = value;
    editLine(file, line, l -> String.join("\t", cells));
    return old;
  }

  private static List<String> lines(Cli.Result r) {
    return r.out().lines().toList();
  }

  private static Map<String, String> summaryRow(Path root, String check) {
    return TsvReader.readAll(root.resolve("reports").resolve("validation_summary.tsv")).stream()
        .filter(r -> r.get("check").equals(check)).findFirst().orElseThrow();
  }

  // ---- a clean output ----

  @Test
  void aRealBackfillPassesEveryCheckPrintingOneLinePerCheck() {
    assertThat(backfill.exitCode()).as(backfill.describe()).isZero();
    Path root = copyOfOutput();

    Cli.Result r = validate(root);

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.err()).isEmpty();
    List<String> lines = lines(r);
    assertThat(lines).hasSize(13);
    assertThat(lines.subList(0, 11)).allSatisfy(l -> assertThat(l).startsWith("ok   "));
    assertThat(lines.get(0)).isEqualTo("ok   no CSV files under " + root);
    assertThat(lines).anySatisfy(l -> assertThat(l)
        .contains("= Σ token_event_accounting = 12,183,734 cumulative_delta_tokens"));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("Σ allocated_tokens = in-window cumulative_delta_tokens"
        + " for each of").contains(" linked threads"));
    assertThat(lines.get(11)).startsWith("skip raw_paths: normal privacy mode shows local paths");
    assertThat(lines.get(12)).startsWith("wlat validate: 11 ok, 0 failed, 1 skipped in ");
  }

  @Test
  void anOutputWrittenInNormalModeFailsOnlyRawPathsInRedactedAndStrictMode() {
    Path root = copyOfOutput(); // its tables show the example's working directories

    for (String mode : List.of("redacted", "strict", "STRICT")) {
      Cli.Result r = validate(root, "--privacy-mode", mode, "-q");

      assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
      assertThat(r.out().lines()).singleElement().asString().startsWith("FAIL raw_paths: data/");
    }
  }

  @Test
  void eachRunWritesTheSummaryALedgerAndARunLogRow() {
    Path root = copyOfOutput();

    Cli.Result r = validate(root, "-q");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    List<Map<String, String>> summary = TsvReader.readAll(root.resolve("reports").resolve("validation_summary.tsv"));
    assertThat(summary).hasSize(12);
    assertThat(summary.subList(0, 11)).allSatisfy(row -> assertThat(row.get("status")).isEqualTo("ok"));
    assertThat(summary.get(11)).containsEntry("check", "raw_paths").containsEntry("status", "skipped");
    List<Map<String, String>> log = TsvReader.readAll(root.resolve("runs").resolve("run_log.tsv"));
    assertThat(log).map(m -> m.get("command")).containsExactly("backfill", "validate");
    Map<String, String> row = log.get(1);
    assertThat(row.get("exit_code")).isEqualTo("0");
    assertThat(row.get("summary")).isEqualTo("11 ok, 0 failed, 1 skipped, privacy mode normal");
    assertThat(row.get("run_id")).isNotEqualTo(log.get(0).get("run_id"));
    assertThat(OutputTree.readString(root.resolve(row.get("ledger"))))
        .startsWith("# wlat validate run " + row.get("run_id")).contains("| reconciliation | ok |");
  }

  // ---- damaged outputs ----

  @Test
  void aPlantedGitHubTokenFailsSecretsWithItsFileLineAndKindAndIsNeverEchoed() throws IOException {
    Path root = copyOfOutput();
    editLine(root.resolve("data/codex_threads.tsv"), 7, l -> l + " " + TOKEN);

    Cli.Result r = validate(root);

    assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
    assertThat(lines(r)).contains("FAIL secrets: data/codex_threads.tsv:7: github_token");
    assertThat(lines(r)).filteredOn(l -> l.startsWith("FAIL")).hasSize(1);
    assertThat(lines(r).get(lines(r).size() - 1)).startsWith("wlat validate: 10 ok, 1 failed, 1 skipped");
    assertThat(summaryRow(root, "secrets")).containsEntry("status", "fail")
        .containsEntry("detail", "data/codex_threads.tsv:7: github_token");
    assertThat(r.out() + r.err()).doesNotContain(TOKEN);
    for (String f : List.of("reports/validation_summary.tsv", "runs/run_log.tsv")) {
      assertThat(OutputTree.readString(root.resolve(f))).doesNotContain(TOKEN);
    }
    assertThat(OutputTree.files(root.resolve("runs"))).allSatisfy(f -> assertThat(OutputTree.readString(f))
        .doesNotContain(TOKEN));
  }

  @Test
  void aSecretAnywhereUnderTheRootIsFoundNotOnlyInData() throws IOException {
    Path root = copyOfOutput();
    Path cache = Files.createDirectories(root.resolve("cache/github/acme/api"));
    Files.writeString(cache.resolve("collection.json"), "{\"title\": \"x\",\n \"note\": \"Bearer " + "q".repeat(24) + "\"}\n");
    Files.createDirectories(root.resolve("plots"));
    Files.writeString(root.resolve("plots/x.html"), "<p>key AKIAABCDEFGHIJKLMNOP</p>\n");

    Cli.Result r = validate(root, "-q");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("FAIL secrets: cache/github/acme/api/collection.json:2: bearer_token (and 1 more)\n");
    assertThat(OutputTree.files(root.resolve("runs")).stream().map(OutputTree::readString)
        .filter(s -> s.contains("| secrets | plots/x.html:1 | aws_access_key |"))).hasSize(1);
  }

  @Test
  void aCsvFileAnywhereFailsNoCsv() throws IOException {
    Path root = copyOfOutput();
    Files.createDirectories(root.resolve("reports/old"));
    Files.writeString(root.resolve("reports/old/summary.CSV"), "a,b\n");

    Cli.Result r = validate(root);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(lines(r)).contains("FAIL no_csv: reports/old/summary.CSV: a CSV file; wlat writes TSV only");
    assertThat(summaryRow(root, "no_csv")).containsEntry("status", "fail");
  }

  @Test
  void aTamperedDeltaFailsEventDeltasOnItsLineAndTheReconciliation() throws IOException {
    Path root = copyOfOutput();
    Path accounting = root.resolve("data/token_event_accounting.tsv");
    List<Map<String, String>> rows = TsvReader.readAll(accounting);
    int index = 0;
    while (rows.get(index).get("cumulative_delta_tokens").equals("0")) {
      index++;
    }
    int line = index + 2;
    long old = Long.parseLong(cell(accounting, line, "cumulative_delta_tokens",
        String.valueOf(Long.parseLong(rows.get(index).get("cumulative_delta_tokens")) + 1000)));

    Cli.Result r = validate(root);

    assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
    assertThat(lines(r)).anySatisfy(l -> assertThat(l).startsWith(
        "FAIL event_deltas: data/token_event_accounting.tsv:" + line + ": cumulative_delta_tokens "
            + String.format(java.util.Locale.ROOT, "%,d", old + 1000) + " but data/raw_token_events.tsv:" + line
            + " gives " + String.format(java.util.Locale.ROOT, "%,d", old)));
    assertThat(lines(r)).anySatisfy(l -> assertThat(l).startsWith("FAIL reconciliation: "
        + "data/token_accounting_reconciliation.tsv:"));
    assertThat(lines(r)).filteredOn(l -> l.startsWith("FAIL")).map(l -> l.split(":")[0])
        .containsExactly("FAIL event_deltas", "FAIL reconciliation");
    String ledger = OutputTree.files(root.resolve("runs")).stream().map(OutputTree::readString)
        .filter(s -> s.startsWith("# wlat validate")).findFirst().orElseThrow();
    assertThat(ledger).contains("| reconciliation | data/token_event_accounting.tsv | Σ cumulative_delta_tokens 12,184,734"
        + " ≠ total 12,183,734");
  }

  @Test
  void aDeletedRawRowFailsEventIdsAndTheCopyNamingTheLines() throws IOException {
    Path root = copyOfOutput();
    Path raw = root.resolve("data/raw_token_events.tsv");
    String eventId = TsvReader.readAll(raw).get(40).get("event_id");
    editLine(raw, 42, l -> null);

    Cli.Result r = validate(root);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(lines(r)).contains(
        "FAIL compatibility_copy: data/codex_token_events.tsv:42: differs from data/raw_token_events.tsv:42",
        "FAIL event_ids: data/token_event_accounting.tsv:42: event_id [" + eventId
            + "] is not in data/raw_token_events.tsv (and 1 more)");
    assertThat(lines(r)).filteredOn(l -> l.startsWith("FAIL")).hasSize(2);
  }

  @Test
  void anEmailAddressFailsInEveryMode() throws IOException {
    Path root = copyOfOutput();
    Files.createDirectories(root.resolve("reports"));
    Files.writeString(root.resolve("reports/notes.md"), "# notes\n\nask alice.dev@example.com about it\n");

    Cli.Result normal = validate(root, "-q");
    Cli.Result redacted = validate(root, "--privacy-mode", "redacted", "-q");
    Cli.Result strict = validate(root, "--privacy-mode", "strict", "-q");

    assertThat(normal.exitCode()).as(normal.describe()).isEqualTo(1);
    assertThat(normal.out()).isEqualTo("FAIL secrets: reports/notes.md:3: email\n");
    assertThat(redacted.exitCode()).isEqualTo(1);
    assertThat(redacted.out()).startsWith("FAIL secrets: reports/notes.md:3: email\n"); // then raw_paths
    assertThat(strict.out()).startsWith("FAIL secrets: reports/notes.md:3: email\n");
    assertThat(normal.out() + redacted.out() + strict.out()).doesNotContain("alice");
  }

  @Test
  void aLinkCarryingMoreThanItsThreadFailsLinkAllocation() throws IOException {
    Path root = copyOfOutput();
    Path links = root.resolve("data/token_outcome_links.tsv");
    long allocated = Long.parseLong(cell(links, 2, "allocated_tokens", "0"));
    String thread = TsvReader.readAll(links).get(0).get("thread_id");

    Cli.Result r = validate(root, "-q");

    assertThat(allocated).isPositive();
    assertThat(r.out()).contains("FAIL link_allocation: data/token_outcome_links.tsv:2: thread " + thread
        + ": Σ allocated_tokens");
    assertThat(r.out()).contains("FAIL outcome_rollups: data/repo_workstream_outcome_rollups.tsv: Σ link_allocated_tokens");
    assertThat(r.out()).contains("FAIL confidence_summary: data/attribution_confidence_summary.tsv: Σ link_count");
  }

  @Test
  void aSessionRollupThatMissesItsFinalFailsSessionTotals() throws IOException {
    Path root = copyOfOutput();
    Path sessions = root.resolve("data/token_session_rollups.tsv");
    List<Map<String, String>> rows = TsvReader.readAll(sessions);
    int index = 0;
    while (!rows.get(index).get("warning_flags").equals("info_missing;repeated_last_usage;repeated_total")) {
      index++;
    }
    cell(sessions, index + 2, "final_session_total_tokens", "1");

    Cli.Result r = validate(root, "-q");

    assertThat(r.out()).startsWith("FAIL session_totals: data/token_session_rollups.tsv:" + (index + 2) + ": session "
        + rows.get(index).get("session_segment_id") + ": cumulative_delta_tokens");
  }

  // ---- no data ----

  @Test
  void anOutputRootWithoutDataExitsTwoOnOneLine() throws IOException {
    Path empty = Files.createDirectories(temp.resolve("empty"));
    Files.createDirectories(empty.resolve("data"));

    Cli.Result r = validate(empty);
    Cli.Result missing = validate(temp.resolve("nowhere"));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("wlat: validate: no data under " + empty.resolve("data")
        + " (no .tsv files); run wlat backfill first\n");
    assertThat(OutputTree.listing(empty)).containsExactly("", "data");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err().lines()).hasSize(1).first().asString().contains(temp.resolve("nowhere").toString());
  }

  @Test
  void helpPrintsTheUsageAndExitsZero() {
    for (String command : List.of("validate", "allocate-value")) {
      Cli.Result r = wlat(command, "--help");

      assertThat(r.exitCode()).as(r.describe()).isZero();
      assertThat(r.out()).as(command).startsWith("Usage: wlat " + command);
    }
  }

  @Test
  void anUnknownPrivacyModeIsAUsageError() {
    Cli.Result r = validate(temp, "--privacy-mode", "paranoid");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("[paranoid] is not a privacy mode; expected normal, redacted or strict");
  }
}
