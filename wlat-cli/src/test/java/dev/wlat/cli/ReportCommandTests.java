package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.report.AtomicFiles;
import dev.wlat.report.TsvReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/*
 * End-to-end: the committed example home (2026-09-01..2026-10-12, with its truth per UTC day) is
 * backfilled through the real command line, once over all history and once from 2026-10-01 only,
 * and `wlat report` runs over the data facts. The report command runs through Main's command line
 * (its exception and exit-code handling) with `report` added as a subcommand when WlatCommand does not
 * list it yet, so these tests pass before and after it is registered.
 */

/** {@code wlat report} over a real backfill: files, totals against the truth, views that agree, exit codes. */
class ReportCommandTests {

  private static final Path HOME = Path.of("..", "examples", "codex-home");
  private static final Path TRUTH = Path.of("..", "examples", "codex-home.truth.json");
  private static final List<String> NAMES = List.of("summary.md", "thread_rollups.tsv",
      "repo_workstream_outcome_rollups.tsv", "daily_token_accounting.tsv", "weekly_token_accounting.tsv",
      "monthly_token_accounting.tsv", "attribution_confidence_summary.tsv");

  @TempDir static Path shared;

  private static Path out;
  private static Path lateOut;
  private static TruthJson truth;
  private static Cli.Result all;

  @TempDir Path temp;

  @BeforeAll
  static void backfillTheExampleAndReportAllOfIt() throws IOException {
    out = shared.resolve("out");
    truth = TruthJson.read(TRUTH);
    Cli.Result b = BackfillCommandTests.backfill(HOME, out);
    assertThat(b.exitCode()).as(b.describe()).isZero();
    lateOut = shared.resolve("out-late");
    Cli.Result late = BackfillCommandTests.backfillWindow(HOME, lateOut, "--since", "2026-10-01");
    assertThat(late.exitCode()).as(late.describe()).isZero();
    all = report("--window", "all", "--output-root", out.toString());
  }

  /** {@return the result of {@code wlat report args…}} through Main's command line. */
  static Cli.Result report(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
      CommandLine cli = Main.commandLine(o, e);
      if (!cli.getSubcommands().containsKey("report")) {
        cli.addSubcommand("report", new ReportCommand());
      }
      cli.getSubcommands().get("report").setOut(o).setErr(e);
      List<String> argv = new ArrayList<>(List.of("report"));
      argv.addAll(List.of(args));
      code = cli.execute(argv.toArray(String[]::new));
    }
    return new Cli.Result(code, out.toString().replace("\r\n", "\n"), err.toString().replace("\r\n", "\n"));
  }

  private static Path reports(Path root) {
    return root.resolve("reports");
  }

  private static List<Map<String, String>> read(Path root, String label, String name) {
    return TsvReader.readAll(reports(root).resolve("latest_" + label + "_" + name));
  }

  private static long sum(List<Map<String, String>> rows, String column) {
    return rows.stream().mapToLong(r -> Sums.num(r, column)).sum();
  }

  private static String summary(Path root, String label) {
    return OutputTree.readString(reports(root).resolve("latest_" + label + "_summary.md"));
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  // ---- the run and its files ----

  @Test
  void reportWritesEachOutputAsLatestAndAsAKeptCopyNamedForItsRun() throws IOException {
    assertThat(all.exitCode()).as(all.describe()).isZero();
    List<String> files = names(reports(out));
    String runId = files.stream().filter(n -> n.endsWith("_all_summary.md") && !n.startsWith("latest_")).findFirst()
        .orElseThrow().substring(0, 16);

    assertThat(runId).matches("\\d{8}T\\d{6}Z");
    for (String name : NAMES) {
      assertThat(files).contains("latest_all_" + name, runId + "_all_" + name);
      assertThat(OutputTree.read(reports(out).resolve("latest_all_" + name)))
          .isEqualTo(OutputTree.read(reports(out).resolve(runId + "_all_" + name)));
    }
    assertThat(files).noneMatch(n -> n.endsWith(".csv") || n.endsWith(AtomicFiles.TEMP_SUFFIX));
  }

  @Test
  void reportPrintsWhatItWroteAndTheTotal() {
    assertThat(all.out()).contains("wlat report all: cumulative_delta_tokens 12,183,734")
        .contains("1.70x inflated if summed naively").contains("summary: " + reports(out).resolve("latest_all_summary.md"))
        .contains("ledger: ");
    assertThat(all.err()).isEmpty();
  }

  @Test
  void reportWritesItsOwnLedgerAndLogRowBesideTheBackfills() {
    List<Map<String, String>> log = TsvReader.readAll(out.resolve("runs").resolve("run_log.tsv"));

    assertThat(log).extracting(r -> r.get("command")).contains("backfill", "report");
    assertThat(log).extracting(r -> r.get("ledger")).doesNotHaveDuplicates()
        .allSatisfy(l -> assertThat(out.resolve(l)).isRegularFile());
    Map<String, String> row = log.stream().filter(r -> r.get("command").equals("report")).findFirst().orElseThrow();
    assertThat(OutputTree.readString(out.resolve(row.get("ledger")))).contains("# wlat report run")
        .contains("| window | all |").contains("reports/latest_all_summary.md");
    assertThat(row.get("summary")).contains("cumulative_delta_tokens 12,183,734");
  }

  @Test
  void quietReportPrintsNothing() {
    Cli.Result r = report("--window", "all", "--output-root", out.toString(), "-q");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEmpty();
  }

  // ---- totals against the truth ----

  @Test
  void allHistoryTotalsEqualTheTruth() {
    Sums threads = Sums.sum(read(out, "all", "thread_rollups.tsv"));
    Sums days = Sums.sum(read(out, "all", "daily_token_accounting.tsv"));

    assertThat(threads).isEqualTo(truth.total());
    assertThat(days).isEqualTo(truth.total());
  }

  @Test
  void aSevenDayWindowAsOfAMidnightEqualsTheTruthsDaysInIt() {
    Cli.Result r = report("--window", "7d", "--as-of", "2026-09-15T00:00:00Z", "--output-root", out.toString(), "-q");
    Sums expected = Sums.ZERO;
    for (LocalDate d = LocalDate.of(2026, 9, 8); d.isBefore(LocalDate.of(2026, 9, 15)); d = d.plusDays(1)) {
      expected = expected.plus(truth.byUtcDay().getOrDefault(d.toString(), Sums.ZERO));
    }

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(expected.total()).isPositive();
    assertThat(Sums.sum(read(out, "7d", "daily_token_accounting.tsv"))).isEqualTo(expected);
    assertThat(Sums.sum(read(out, "7d", "thread_rollups.tsv"))).isEqualTo(expected);
    assertThat(read(out, "7d", "daily_token_accounting.tsv")).extracting(d -> d.get("group_key"))
        .allSatisfy(k -> assertThat(k).isBetween("2026-09-08", "2026-09-14"));
  }

  @Test
  void everyViewAgreesWithTheAccountingRowsInsideTheWindowForSeveralWindowsAndZones() {
    List<Map<String, String>> accounting = TsvReader.readAll(out.resolve("data").resolve("token_event_accounting.tsv"));
    String[][] cases = {{"30d", "2026-10-12T00:00:00Z", "UTC", "2026-09-12T00:00:00Z"},
        {"2w", "2026-09-20T13:30:00Z", "Europe/Berlin", "2026-09-06T13:30:00Z"},
        {"12h", "2026-09-12T20:00:00Z", "America/Los_Angeles", "2026-09-12T08:00:00Z"},
        {"30d", "2026-10-05T00:00:00Z", "Asia/Kolkata", "2026-09-05T00:00:00Z"}};
    for (String[] c : cases) {
      String label = c[0];
      Instant asOf = Instant.parse(c[1]);
      Instant since = Instant.parse(c[3]);
      Path root = temp.resolve(label + "-" + c[2].replace('/', '-'));
      copyData(root);
      Cli.Result r = report("--window", label, "--as-of", c[1], "--timezone", c[2], "--output-root", root.toString(), "-q");
      long inside = accounting.stream().filter(e -> {
        Instant t = Instant.parse(e.get("timestamp"));
        return !t.isBefore(since) && t.isBefore(asOf);
      }).mapToLong(e -> Sums.num(e, "cumulative_delta_tokens")).sum();

      assertThat(r.exitCode()).as(r.describe()).isZero();
      assertThat(inside).as(label + " " + c[2]).isPositive();
      assertThat(List.of(sum(read(root, label, "daily_token_accounting.tsv"), "cumulative_delta_tokens"),
          sum(read(root, label, "weekly_token_accounting.tsv"), "cumulative_delta_tokens"),
          sum(read(root, label, "monthly_token_accounting.tsv"), "cumulative_delta_tokens"),
          sum(read(root, label, "thread_rollups.tsv"), "cumulative_delta_tokens"),
          sum(read(root, label, "repo_workstream_outcome_rollups.tsv"), "cumulative_delta_tokens"),
          sum(read(root, label, "attribution_confidence_summary.tsv"), "cumulative_delta_tokens")))
          .as(label + " " + c[2]).containsOnly(inside);
      assertThat(read(root, label, "daily_token_accounting.tsv")).allSatisfy(d ->
          assertThat(Instant.parse(d.get("period_start")).atZone(ZoneId.of(c[2])).toLocalTime())
              .isEqualTo(java.time.LocalTime.MIDNIGHT));
    }
  }

  @Test
  void allHistoryRollupsEqualTheBackfillsForEveryGroupWithUsage() {
    List<Map<String, String>> data = TsvReader.readAll(out.resolve("data").resolve("repo_workstream_outcome_rollups.tsv"));
    List<Map<String, String>> report = read(out, "all", "repo_workstream_outcome_rollups.tsv");

    // a thread with no token rows (the example's legacy file) has no usage in any window: the report leaves it out
    assertThat(report).containsExactlyElementsOf(data.stream()
        .filter(r -> Sums.num(r, "cumulative_delta_tokens") > 0).toList());
    List<Map<String, String>> levels = read(out, "all", "attribution_confidence_summary.tsv");
    assertThat(levels).extracting(r -> r.get("cumulative_delta_tokens")).containsExactlyElementsOf(
        TsvReader.readAll(out.resolve("data").resolve("attribution_confidence_summary.tsv")).stream()
            .map(r -> r.get("cumulative_delta_tokens")).toList());
  }

  @Test
  void topThreadsAreOrderedByTheirInWindowTokens() {
    List<Long> tokens = read(out, "all", "thread_rollups.tsv").stream()
        .map(r -> Sums.num(r, "cumulative_delta_tokens")).toList();

    assertThat(tokens).hasSizeGreaterThan(10).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    String md = summary(out, "all");
    String first = read(out, "all", "thread_rollups.tsv").get(0).get("thread_id");
    assertThat(md).contains("## Top threads").contains("| 1 | `" + first + "` |");
  }

  @Test
  void theSummaryGivesTheInflationFactorAndItsReasons() {
    assertThat(summary(out, "all")).contains("**12,183,734 tokens** were used")
        .contains("an **inflation factor of 1.70x**")
        .contains("| re-emits |").contains("| replayed fork prefixes |").contains("| archived duplicates |")
        .contains("`final_session_total_tokens` (12,697,971)")
        .contains("Cache ratio (cached ÷ input)")
        .contains("| `malformed_json` | 1 | 1 |")
        .contains("the backfill ran without `--repo-root`").contains("the backfill ran with `--skip-github`");
  }

  @Test
  void theSameAsOfGivesTheSameReport() {
    Path root = temp.resolve("twice");
    copyData(root);
    report("--window", "30d", "--as-of", "2026-10-12", "--output-root", root.toString(), "-q");
    Map<String, OutputTree.Bytes> first = latest(root);
    Cli.Result again = report("--window", "30d", "--as-of", "2026-10-12", "--output-root", root.toString(), "-q");

    assertThat(again.exitCode()).as(again.describe()).isZero();
    assertThat(latest(root)).isEqualTo(first);
    assertThat(OutputTree.files(reports(root))).hasSize(3 * NAMES.size()); // two kept sets, one latest set
  }

  private static Map<String, OutputTree.Bytes> latest(Path root) {
    Map<String, OutputTree.Bytes> m = new HashMap<>(OutputTree.snapshot(reports(root)));
    m.keySet().removeIf(k -> !k.startsWith("latest_"));
    return m;
  }

  // ---- coverage ----

  @Test
  void dataThatStartsAfterTheWindowStartIsCalledOut() {
    Cli.Result r = report("--window", "30d", "--as-of", "2026-10-12", "--output-root", lateOut.toString());

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.err()).startsWith("wlat: note: The data starts at 2026-10-01T00:00:00Z")
        .contains("rerun wlat backfill --since 30d");
    assertThat(summary(lateOut, "30d")).contains("**The data covers less than the window.**");
    Cli.Result inside = report("--window", "7d", "--as-of", "2026-10-12", "--output-root", lateOut.toString(), "-q");
    assertThat(inside.exitCode()).isZero();
    assertThat(summary(lateOut, "7d")).doesNotContain("covers less than the window");
  }

  // ---- invalid input ----

  @Test
  void missingDataExitsTwoNamingTheDirectoryAndTheFixAndWritesNothing() {
    Path empty = temp.resolve("nothing-here");

    Cli.Result r = report("--output-root", empty.toString());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).isEqualTo("wlat: missing " + empty.resolve("data") + "; run wlat backfill first"
        + " (it writes the data facts under <output-root>/data/), or pass the --output-root it wrote to\n");
    assertThat(r.out()).isEmpty();
    assertThat(empty).doesNotExist();
  }

  @Test
  void aMissingDataFileExitsTwoNamingIt() throws IOException {
    Path root = temp.resolve("partial");
    copyData(root);
    Files.delete(root.resolve("data").resolve("token_outcome_links.tsv"));

    Cli.Result r = report("--output-root", root.toString());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).startsWith("wlat: missing " + root.resolve("data").resolve("token_outcome_links.tsv")
        + "; run wlat backfill first").hasLineCount(1);
    assertThat(root.resolve("reports")).doesNotExist();
    // the failed run is in the output root's run log, with its exit code and its ledger
    List<Map<String, String>> log = TsvReader.readAll(root.resolve("runs").resolve("run_log.tsv"));
    Map<String, String> last = log.get(log.size() - 1);
    assertThat(last).containsEntry("command", "report").containsEntry("exit_code", "2");
    assertThat(last.get("summary")).startsWith("failed: missing ");
    assertThat(root.resolve(last.get("ledger"))).content().contains("(failed)").contains("token_outcome_links.tsv");
  }

  @Test
  void badOptionValuesExitTwoNamingTheValue() {
    Map<String, String[]> cases = Map.of(
        "wlat: --window: [30x] must be all or a length like 30d, 12h, 90m, 2w\n", new String[] {"--window", "30x"},
        "wlat: --window: [0d] must be all or a length like 30d, 12h, 90m, 2w\n", new String[] {"--window", "0d"},
        "wlat: --as-of: cannot parse [yesterday]; expected e.g. 2026-10-12T00:00:00Z or 2026-10-12\n",
        new String[] {"--as-of", "yesterday"},
        "wlat: --timezone: unknown zone [Mars/Base]; expected an IANA name like Europe/Berlin\n",
        new String[] {"--timezone", "Mars/Base"},
        "wlat: --top must be 1 or more, was 0\n", new String[] {"--top", "0"});
    cases.forEach((message, args) -> {
      List<String> argv = new ArrayList<>(List.of(args));
      argv.addAll(List.of("--output-root", out.toString()));

      Cli.Result r = report(argv.toArray(String[]::new));

      assertThat(r.exitCode()).as(r.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
      assertThat(r.err()).isEqualTo(message);
    });
  }

  private static void copyData(Path root) {
    try {
      Files.createDirectories(root.resolve("data"));
      for (Path f : OutputTree.files(out.resolve("data"))) {
        Files.copy(f, root.resolve("data").resolve(f.getFileName()));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
