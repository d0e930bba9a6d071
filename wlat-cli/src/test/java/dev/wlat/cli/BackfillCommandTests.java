package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.wlat.report.TsvReader;
import dev.wlat.testkit.CodexHomeGenerator;
import dev.wlat.testkit.FileTruth;
import dev.wlat.testkit.GroundTruth;
import dev.wlat.testkit.HomeSpec;
import dev.wlat.testkit.ThreadTruth;
import dev.wlat.testkit.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/*
 * End-to-end: a generated Codex home (seed 11, ten days, every feature) is backfilled through the
 * real command line three times (full history in UTC, full history in Europe/Berlin, a window), and
 * the data facts are compared with the generator's ground truth, which is computed from what the
 * generator intended, never by parsing what it wrote. Tests only read the shared outputs.
 */

/** {@code wlat backfill} against a generated home: the facts add up to the ground truth. */
class BackfillCommandTests {

  private static final LocalDate WINDOW_SINCE = LocalDate.of(2026, 9, 8);
  private static final LocalDate WINDOW_UNTIL = LocalDate.of(2026, 9, 11);

  @TempDir static Path shared;

  private static Path home;
  private static GroundTruth truth;
  private static Path out;
  private static Cli.Result run;
  private static Path berlinOut;
  private static Cli.Result berlinRun;
  private static Path windowOut;
  private static Cli.Result windowRun;
  private static List<String> homeListingBefore;
  private static Map<String, OutputTree.Bytes> homeBefore;

  @TempDir Path temp;

  @BeforeAll
  static void backfillAGeneratedHome() throws IOException {
    home = shared.resolve("codex-home");
    out = shared.resolve("out");
    truth = CodexHomeGenerator.generate(
        HomeSpec.builder().seed(11).start(LocalDate.of(2026, 9, 1)).days(10).build(), home);
    homeListingBefore = OutputTree.listing(home);
    homeBefore = OutputTree.snapshot(home);
    run = backfill(home, out);
    berlinOut = shared.resolve("out-berlin");
    berlinRun = backfill(home, berlinOut, "--timezone", "Europe/Berlin");
    windowOut = shared.resolve("out-window");
    windowRun = backfillWindow(home, windowOut, "--since", WINDOW_SINCE.toString(), "--until", WINDOW_UNTIL.toString());
  }

  // ---- the run ----

  @Test
  void quietBackfillExitsZeroAndPrintsNothing() {
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEmpty();
  }

  @Test
  void eachRunAppendsItsRowToTheRunLog() {
    Path twice = temp.resolve("out-twice");
    for (int i = 0; i < 2; i++) {
      Cli.Result r = backfill(home, twice);
      assertThat(r.exitCode()).as(r.describe()).isZero();
    }

    List<Map<String, String>> log = TsvReader.readAll(twice.resolve("runs").resolve("run_log.tsv"));

    assertThat(log).hasSize(2).allSatisfy(r -> {
      assertThat(r.get("command")).isEqualTo("backfill");
      assertThat(r.get("exit_code")).isEqualTo("0");
      assertThat(twice.resolve(r.get("ledger"))).isRegularFile();
      assertThat(r.get("summary")).contains("cumulative_delta_tokens");
    });
  }

  // ---- token_event_accounting.tsv against the truth ----

  @Test
  void cumulativeDeltaTokensSumToTheTrueTotal() {
    long sum = accounting().stream().mapToLong(r -> Sums.num(r, "cumulative_delta_tokens")).sum();

    assertThat(sum).isEqualTo(truth.total().total());
  }

  @Test
  void everyDeltaFieldSumsToTheTrueTotalsField() {
    assertThat(Sums.sum(accounting())).isEqualTo(Sums.of(truth.total()));
  }

  @Test
  void deltasPerUtcDayEqualTheTrueUsagePerUtcDay() {
    assertThat(Sums.byUtcDay(accounting())).isEqualTo(truthByDay(truth.byUtcDay()));
  }

  @Test
  void deltasPerThreadEqualEachThreadsTrueUsage() {
    assertThat(sumBy(accounting(), r -> r.get("thread_id"))).isEqualTo(truthByThread());
  }

  @Test
  void threadRollupsEqualEachThreadsTrueUsage() {
    List<Map<String, String>> threads = TsvReader.readAll(data(out).resolve("token_thread_rollups.tsv"));

    assertThat(column(threads, "thread_id")).doesNotHaveDuplicates();
    assertThat(sumBy(threads, r -> r.get("thread_id"))).isEqualTo(truthByThread());
  }

  @Test
  void turnEstimatesSumToTheTrueTotal() {
    List<Map<String, String>> turns = TsvReader.readAll(data(out).resolve("token_turn_estimates.tsv"));

    assertThat(turns.stream().mapToLong(r -> Sums.num(r, "cumulative_delta_tokens")).sum())
        .isEqualTo(truth.total().total());
  }

  @Test
  void observedEventSumIsAtLeastTheDelta() {
    long observed = accounting().stream().mapToLong(r -> Sums.num(r, "observed_event_sum_tokens")).sum();
    long delta = accounting().stream().mapToLong(r -> Sums.num(r, "cumulative_delta_tokens")).sum();

    assertThat(observed).isGreaterThanOrEqualTo(delta);
  }

  // ---- raw rows and their compatibility copy ----

  @Test
  void compatibilityCopyIsByteIdenticalToRawTokenEvents() {
    assertThat(OutputTree.read(data(out).resolve("codex_token_events.tsv")))
        .isEqualTo(OutputTree.read(data(out).resolve("raw_token_events.tsv")));
  }

  @Test
  void rawTokenEventsAndAccountingHoldTheSameEventIds() {
    List<String> raw = column(TsvReader.readAll(data(out).resolve("raw_token_events.tsv")), "event_id");
    List<String> accounted = column(accounting(), "event_id");

    assertThat(raw).doesNotHaveDuplicates();
    assertThat(accounted).doesNotHaveDuplicates();
    assertThat(new HashSet<>(raw)).isEqualTo(new HashSet<>(accounted));
  }

  // ---- session rollups ----

  @Test
  void sessionRollupsExcludeExactlyTheArchivedDuplicates() {
    List<Map<String, String>> rollups = TsvReader.readAll(data(out).resolve("token_session_rollups.tsv"));
    List<Map<String, String>> excluded = rollups.stream().filter(r -> r.get("accounting_included").equals("0")).toList();
    Set<String> duplicates = truth.files().stream()
        .filter(f -> f.role() == FileTruth.Role.ARCHIVED_DUPLICATE)
        .map(FileTruth::path)
        .collect(Collectors.toSet());

    assertThat(duplicates).isNotEmpty();
    assertThat(excluded).hasSize(duplicates.size());
    assertThat(excluded).map(r -> relativeToHome(r.get("source_path"))).containsExactlyInAnyOrderElementsOf(duplicates);
    assertThat(excluded).allSatisfy(r -> assertThat(r.get("duplicate_segment_of")).isNotEmpty());
  }

  @Test
  void includedSessionRollupsSumToTheTrueTotal() {
    List<Map<String, String>> included = TsvReader.readAll(data(out).resolve("token_session_rollups.tsv")).stream()
        .filter(r -> r.get("accounting_included").equals("1"))
        .toList();

    assertThat(Sums.sum(included)).isEqualTo(Sums.of(truth.total()));
  }

  // ---- reconciliation ----

  @Test
  void everyReconciliationGrainSumsToTheTotalRow() {
    List<Map<String, String>> rows = reconciliation(out);
    List<Map<String, String>> totals = rows.stream().filter(r -> r.get("grain").equals("total")).toList();
    assertThat(totals).hasSize(1);
    Sums total = Sums.ofRow(totals.get(0));

    List<Executable> checks = new ArrayList<>();
    for (String grain : List.of("day", "week", "month", "session", "thread")) {
      Sums sum = Sums.sum(rows.stream().filter(r -> r.get("grain").equals(grain)).toList());
      checks.add(() -> assertThat(sum).as("grain " + grain).isEqualTo(total));
    }
    assertAll(checks);
  }

  @Test
  void reconciliationTotalRowIsTheTrueTotal() {
    Map<String, String> total = reconciliation(out).stream().filter(r -> r.get("grain").equals("total")).findFirst()
        .orElseThrow();

    assertThat(Sums.ofRow(total)).isEqualTo(Sums.of(truth.total()));
  }

  @Test
  void dayRowsFollowTheRequestedTimeZone() {
    assertThat(berlinRun.exitCode()).as(berlinRun.describe()).isZero();
    List<Map<String, String>> days = reconciliation(berlinOut).stream().filter(x -> x.get("grain").equals("day")).toList();

    assertThat(sumBy(days, x -> x.get("group_key"))).isEqualTo(truthByDay(truth.byDay(ZoneId.of("Europe/Berlin"))));
  }

  // ---- a window [2026-09-08, 2026-09-11) that cuts sessions at both ends ----

  @Test
  void windowedRunCountsTheTrueUsageOfEachDayInsideTheWindow() {
    assertThat(windowRun.exitCode()).as(windowRun.describe()).isZero();
    List<Map<String, String>> rows = TsvReader.readAll(data(windowOut).resolve("token_event_accounting.tsv"));

    assertThat(Sums.byUtcDay(rows)).isEqualTo(truthByDay(truth.byUtcDay().subMap(WINDOW_SINCE, WINDOW_UNTIL)));
  }

  @Test
  void windowedRunWritesOnlyRowsInsideTheWindow() {
    List<Map<String, String>> rows = TsvReader.readAll(data(windowOut).resolve("token_event_accounting.tsv"));

    assertThat(rows).isNotEmpty().allSatisfy(x -> assertThat(x.get("timestamp"))
        .isGreaterThanOrEqualTo(WINDOW_SINCE.toString()).isLessThan(WINDOW_UNTIL.toString()));
  }

  @Test
  void windowedRunFlagsOnlyTheFirstCountedRowOfSessionsStraddlingTheStart() {
    Instant since = WINDOW_SINCE.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant until = WINDOW_UNTIL.atStartOfDay(ZoneOffset.UTC).toInstant();
    Set<String> straddling = new TreeSet<>();
    Set<String> startedBefore = new TreeSet<>();
    for (ThreadTruth t : truth.threads()) {
      boolean before = t.increments().stream().anyMatch(i -> i.timestamp().isBefore(since));
      boolean inside = t.increments().stream().anyMatch(i -> !i.timestamp().isBefore(since) && i.timestamp().isBefore(until));
      if (before && inside) {
        straddling.add(t.threadId());
      }
      if (t.createdAt().isBefore(since)) {
        startedBefore.add(t.threadId());
      }
    }
    List<Map<String, String>> flagged = TsvReader.readAll(data(windowOut).resolve("token_event_accounting.tsv")).stream()
        .filter(x -> x.get("warning_flags").contains("boundary_uncertain"))
        .toList();

    assertThat(straddling).as("the window must cut a session").isNotEmpty();
    assertThat(column(flagged, "session_segment_id")).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(column(flagged, "thread_id"))).containsAll(straddling).isSubsetOf(startedBefore);
    assertThat(flagged).allSatisfy(x -> assertThat(Sums.num(x, "cumulative_delta_tokens")).isPositive());
  }

  @Test
  void windowOfZoneDatesCountsTheTrueUsageOfEachZoneDayInsideIt() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    Path zoneOut = temp.resolve("out");

    Cli.Result r = backfillWindow(home, zoneOut, "--since", WINDOW_SINCE.toString(), "--until", WINDOW_UNTIL.toString(),
        "--timezone", berlin.getId());

    assertThat(r.exitCode()).as(r.describe()).isZero();
    List<Map<String, String>> days = reconciliation(zoneOut).stream().filter(x -> x.get("grain").equals("day")).toList();
    assertThat(sumBy(days, x -> x.get("group_key")))
        .isEqualTo(truthByDay(truth.byDay(berlin).subMap(WINDOW_SINCE, WINDOW_UNTIL)));
  }

  // ---- the run ledger ----

  @Test
  void ledgerNamesEachMalformedLineByFileAndLine() throws IOException {
    List<String> expected = new ArrayList<>();
    for (FileTruth f : truth.files()) {
      if (f.malformedLines() > 0 && !f.path().endsWith(".zst")) {
        for (int line : malformedLines(home.resolve(f.path()))) {
          expected.add(home.resolve(f.path()) + ":" + line);
        }
      }
    }

    assertThat(expected).isNotEmpty();
    assertThat(ledger(out)).contains("malformed_json").contains(expected);
  }

  @Test
  void ledgerNamesTheTruncatedLastLineByFileAndLine() throws IOException {
    List<String> expected = new ArrayList<>();
    for (FileTruth f : truth.files()) {
      if (f.truncatedLines() > 0) {
        Path file = home.resolve(f.path());
        expected.add(file + ":" + lineCount(file));
      }
    }

    assertThat(expected).isNotEmpty();
    assertThat(ledger(out)).contains("truncated_last_line").contains(expected);
  }

  // ---- the files written ----

  @Test
  void noOutputFileIsCsv() {
    assertThat(OutputTree.files(out)).isNotEmpty()
        .noneMatch(f -> f.getFileName().toString().toLowerCase().endsWith(".csv"));
  }

  @Test
  void noTemporaryFileRemains() {
    assertThat(OutputTree.listing(out)).noneMatch(p -> p.endsWith(".wlat-tmp"));
  }

  @Test
  void noOutputFileContainsAPlantedSecret() {
    List<String> secrets = truth.plantedSecretValues();
    assertThat(secrets).isNotEmpty();

    List<Executable> checks = new ArrayList<>();
    for (Path f : OutputTree.files(out)) {
      String text = new String(OutputTree.read(f), StandardCharsets.UTF_8);
      checks.add(() -> assertThat(secrets).as("secrets in " + out.relativize(f)).noneMatch(text::contains));
    }
    assertAll(checks);
  }

  @Test
  void codexHomeIsNeverWritten() {
    assertThat(OutputTree.listing(home)).isEqualTo(homeListingBefore);
    assertThat(OutputTree.snapshot(home)).isEqualTo(homeBefore);
  }

  // ---- helpers ----

  /** {@return the result of a quiet, full-history backfill of {@code codexHome} with {@code extra} options}. */
  static Cli.Result backfill(Path codexHome, Path outputRoot, String... extra) {
    List<String> args = new ArrayList<>(List.of("--since", "all"));
    args.addAll(List.of(extra));
    return backfillWindow(codexHome, outputRoot, args.toArray(String[]::new));
  }

  /** {@return the result of a quiet backfill whose window {@code extra} must give}. */
  static Cli.Result backfillWindow(Path codexHome, Path outputRoot, String... extra) {
    List<String> args = new ArrayList<>(List.of("backfill", "--codex-home", codexHome.toString(),
        "--output-root", outputRoot.toString(), "--skip-github", "--no-reports", "--no-plots", "-q"));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  static Path data(Path outputRoot) {
    return outputRoot.resolve("data");
  }

  private static List<Map<String, String>> accounting() {
    return TsvReader.readAll(data(out).resolve("token_event_accounting.tsv"));
  }

  private static List<Map<String, String>> reconciliation(Path outputRoot) {
    return TsvReader.readAll(data(outputRoot).resolve("token_accounting_reconciliation.tsv"));
  }

  private static String ledger(Path outputRoot) {
    List<Path> ledgers = OutputTree.files(outputRoot.resolve("runs")).stream()
        .filter(f -> f.getFileName().toString().endsWith("_execution_ledger.md")).toList();
    assertThat(ledgers).hasSize(1);
    return OutputTree.readString(ledgers.get(0));
  }

  private static List<String> column(List<Map<String, String>> rows, String name) {
    return rows.stream().map(r -> r.get(name)).toList();
  }

  /** Sums rows per key, leaving out keys whose sums are all zero (such as days of info-null rows only). */
  private static Map<String, Sums> sumBy(List<Map<String, String>> rows, Function<Map<String, String>, String> key) {
    Map<String, Sums> m = new TreeMap<>();
    for (Map<String, String> r : rows) {
      m.merge(key.apply(r), Sums.ofRow(r), Sums::plus);
    }
    m.values().removeIf(Sums::isZero);
    return m;
  }

  private static Map<String, Sums> truthByDay(SortedMap<LocalDate, Usage> days) {
    Map<String, Sums> m = new TreeMap<>();
    days.forEach((d, u) -> m.put(d.toString(), Sums.of(u)));
    return m;
  }

  private static Map<String, Sums> truthByThread() {
    Map<String, Sums> m = new TreeMap<>();
    for (ThreadTruth t : truth.threads()) {
      if (!t.usage().equals(Usage.ZERO)) {
        m.put(t.threadId(), Sums.of(t.usage()));
      }
    }
    return m;
  }

  private static String relativeToHome(String sourcePath) {
    return home.relativize(Path.of(sourcePath)).toString().replace('\\', '/');
  }

  /** {@return the 1-based numbers of complete lines of {@code file} that are not valid JSON}. */
  private static List<Integer> malformedLines(Path file) throws IOException {
    String text = Files.readString(file);
    String[] lines = text.split("\n", -1);
    List<Integer> bad = new ArrayList<>();
    JsonFactory json = new JsonFactory();
    // the last element follows the last newline: empty, or a truncated line that is not "malformed"
    for (int i = 0; i < lines.length - 1; i++) {
      if (!isJson(json, lines[i])) {
        bad.add(i + 1);
      }
    }
    return bad;
  }

  private static boolean isJson(JsonFactory json, String line) {
    try (JsonParser p = json.createParser(line)) {
      if (p.nextToken() == null) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@return the number of lines of {@code file}, counting an unterminated last line}. */
  private static long lineCount(Path file) throws IOException {
    byte[] b = Files.readAllBytes(file);
    long newlines = 0;
    for (byte x : b) {
      if (x == '\n') {
        newlines++;
      }
    }
    return b.length > 0 && b[b.length - 1] != '\n' ? newlines + 1 : newlines;
  }
}
