package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.report.TsvReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * wlat allocate-value on a real backfill of the bundled example home with the bundled
 * examples/entitlements.tsv (September: $20 for 8,000,000 base tokens and $10 for 2,000,000
 * purchased; October: $20 for 8,000,000). The example's 12,183,734 tokens: September's 10,098,395
 * use up the base, then the purchased tokens, and leave 98,395 beyond both; October's 2,085,339 stay
 * in its base. Runs through ValidateCommandTests.wlat, since the command is not registered yet.
 */

/** {@code wlat allocate-value}: the example's tokens valued bucket by bucket, exactly. */
class AllocateValueCommandTests {

  private static final Path ENTITLEMENTS = Path.of("..", "examples", "entitlements.tsv");
  private static final String AS_OF = "2026-10-13T01:00:00Z";
  private static final String HEADER = "window_start\twindow_end\tbase_subscription_usd\tbase_subscription_tokens"
      + "\tpurchased_usd\tpurchased_tokens\tsource\tconfidence\tevidence_path\n";

  @TempDir static Path shared;
  private static Path out;
  private static Cli.Result all;
  private static List<Map<String, String>> allocations;
  private static List<Map<String, String>> accounting;

  @TempDir Path temp;

  @BeforeAll
  static void backfillAndAllocateTheExample() {
    out = shared.resolve("out");
    Cli.Result backfill = BackfillCommandTests.backfill(ValidateCommandTests.HOME, out);
    assertThat(backfill.exitCode()).as(backfill.describe()).isZero();
    all = allocate(out, ENTITLEMENTS, "--window", "all", "-q");
    allocations = TsvReader.readAll(out.resolve("data/token_value_allocations.tsv"));
    accounting = TsvReader.readAll(out.resolve("data/token_event_accounting.tsv"));
  }

  private static Cli.Result allocate(Path root, Path entitlements, String... extra) {
    List<String> args = new ArrayList<>(List.of("allocate-value", "--entitlements", entitlements.toString(),
        "--output-root", root.toString(), "--as-of", AS_OF));
    args.addAll(List.of(extra));
    return ValidateCommandTests.wlat(args.toArray(String[]::new));
  }

  private static long sum(List<Map<String, String>> rows, String column) {
    return rows.stream().mapToLong(r -> Long.parseLong(r.get(column))).sum();
  }

  private static long tokens(String bucket) {
    return sum(allocations.stream().filter(r -> r.get("bucket").equals(bucket)).toList(), "tokens");
  }

  private Path entitlements(String rows) throws IOException {
    return Files.writeString(temp.resolve("entitlements.tsv"), HEADER + rows);
  }

  // ---- the example ----

  @Test
  void theExampleRunsQuietly() {
    assertThat(all.exitCode()).as(all.describe()).isZero();
    assertThat(all.out()).isEmpty();
    assertThat(all.err()).isEmpty();
  }

  @Test
  void everyTokenOfTheWindowIsAllocatedOnceAndEachRowsBucketsAddUpToItsDelta() {
    Map<String, Long> perEvent = allocations.stream().collect(Collectors.groupingBy(r -> r.get("event_id"),
        TreeMap::new, Collectors.summingLong(r -> Long.parseLong(r.get("tokens")))));
    Map<String, Long> deltas = accounting.stream().filter(r -> !r.get("cumulative_delta_tokens").equals("0"))
        .collect(Collectors.toMap(r -> r.get("event_id"), r -> Long.parseLong(r.get("cumulative_delta_tokens")),
            Long::sum, TreeMap::new));

    assertThat(sum(allocations, "tokens")).isEqualTo(12_183_734L);
    assertThat(perEvent).isEqualTo(deltas);
  }

  @Test
  void septemberUsesItsBaseThenItsPurchasedTokensAndOctoberStaysInItsBase() {
    assertThat(tokens("base")).isEqualTo(8_000_000L + 2_085_339L);
    assertThat(tokens("purchased")).isEqualTo(2_000_000L);
    assertThat(tokens("unpriced")).isEqualTo(98_395L);
    assertThat(allocations).filteredOn(r -> r.get("bucket").equals("unpriced"))
        .allSatisfy(r -> assertThat(r).containsEntry("unpriced_reason", "entitlement_exhausted")
            .containsEntry("entitlement_window_start", "2026-09-01T00:00:00.000Z")
            .containsEntry("usd", "").containsEntry("usd_per_million", ""));
    Instant firstPurchased = allocations.stream().filter(r -> r.get("bucket").equals("purchased"))
        .map(r -> Instant.parse(r.get("timestamp"))).min(Instant::compareTo).orElseThrow();
    Instant lastSeptemberBase = allocations.stream()
        .filter(r -> r.get("bucket").equals("base") && r.get("timestamp").startsWith("2026-09"))
        .map(r -> Instant.parse(r.get("timestamp"))).max(Instant::compareTo).orElseThrow();
    assertThat(firstPurchased).isEqualTo(lastSeptemberBase);
  }

  @Test
  void aRowThatCrossesABoundaryIsSplitIntoTwoRows() {
    Map<String, List<String>> split = allocations.stream()
        .collect(Collectors.groupingBy(r -> r.get("event_id"), Collectors.mapping(r -> r.get("bucket"), Collectors.toList())));
    split.values().removeIf(b -> b.size() < 2);

    assertThat(split.values()).containsExactlyInAnyOrder(List.of("base", "purchased"), List.of("purchased", "unpriced"));
  }

  @Test
  void pricesAreTheBucketsUsdPerTokenAndABucketUsedUpIsWorthItsPrice() {
    assertThat(allocations).filteredOn(r -> r.get("bucket").equals("base"))
        .allSatisfy(r -> assertThat(r.get("usd_per_million")).isEqualTo("2.500000"));
    assertThat(allocations).filteredOn(r -> r.get("bucket").equals("purchased"))
        .allSatisfy(r -> assertThat(r.get("usd_per_million")).isEqualTo("5.000000"));
    List<Map<String, String>> purchased = allocations.stream().filter(r -> r.get("bucket").equals("purchased")).toList();
    BigDecimal usd = purchased.stream().map(r -> new BigDecimal(r.get("usd"))).reduce(BigDecimal.ZERO, BigDecimal::add);
    // each cell rounds half-even to 6 decimals, so the cells sum to $10 within half a micro-dollar per row
    assertThat(usd.subtract(BigDecimal.TEN).abs()).isLessThanOrEqualTo(new BigDecimal("0.0000005").multiply(
        BigDecimal.valueOf(purchased.size())));
    assertThat(allocations).allSatisfy(r -> assertThat(r.get("inserted_by_run")).matches("\\d{8}T\\d{6}Z"));
  }

  @Test
  void theSummaryStatesTheBucketsWindowsAndObservedCredits() {
    Path reports = out.resolve("reports");
    String md = OutputTree.readString(reports.resolve("latest_all_value_summary.md"));
    List<Map<String, String>> log = TsvReader.readAll(out.resolve("runs/run_log.tsv"));
    String runId = log.get(log.size() - 1).get("run_id");

    assertThat(md).startsWith("# Token value, all history\n")
        .contains("| base | 10,085,339 | 82.8% | 25.21 | 2.5000 |")
        .contains("| purchased | 2,000,000 | 16.4% | 10.00 | 5.0000 |")
        .contains("| unpriced: entitlement_exhausted | 98,395 | 0.8% |  |  |")
        .contains("| total | 12,183,734 | 100.0% | 35.21 | 2.9137 |")
        .contains("| 2026-09-01T00:00:00.000Z to 2026-10-01T00:00:00.000Z | plus plan and a credit top-up (example figures)"
            + " | estimated | 20.00 for 8,000,000 | 8,000,000 | 10.00 for 2,000,000 | 2,000,000 | 98,395 | 30.00 |")
        .contains("## Observed credits (reported, not used in allocation)")
        .contains("| first | 2026-09-01T06:05:55.383Z | plus | 0 | 0 |  |")
        .contains("Rate-limit percentages are never used");
    assertThat(reports.resolve(runId + "_all_value_summary.md")).hasContent(md);
    assertThat(log.get(log.size() - 1)).containsEntry("command", "allocate-value").containsEntry("exit_code", "0")
        .containsEntry("summary", "all: 12,183,734 tokens, 35.21 usd, 98,395 unpriced");
    assertThat(OutputTree.readString(out.resolve(log.get(log.size() - 1).get("ledger"))))
        .startsWith("# wlat allocate-value run " + runId).contains("| data/token_value_allocations.tsv | ");
  }

  @Test
  void aThirtyDayWindowReportsItsRowsValuedAfterTheEarlierRowsUsedTheBase() {
    Path root = temp.resolve("out30");
    copy(out, root);

    Cli.Result r = allocate(root, ENTITLEMENTS, "--window", "30d");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    Instant since = Instant.parse(AS_OF).minusSeconds(30L * 24 * 3600);
    List<Map<String, String>> window = TsvReader.readAll(root.resolve("data/token_value_allocations.tsv"));
    assertThat(sum(window, "tokens")).isEqualTo(accounting.stream()
        .filter(a -> !Instant.parse(a.get("timestamp")).isBefore(since))
        .mapToLong(a -> Long.parseLong(a.get("cumulative_delta_tokens"))).sum());
    assertThat(window).map(AllocateValueCommandTests::shape).isEqualTo(allocations.stream()
        .filter(a -> !Instant.parse(a.get("timestamp")).isBefore(since)).map(AllocateValueCommandTests::shape).toList());
    assertThat(r.out()).startsWith("wlat allocate-value 30d: ");
    assertThat(OutputTree.readString(root.resolve("reports/latest_30d_value_summary.md")))
        .startsWith("# Token value, last 30d\n").contains(" before)").contains("\"before\": tokens of rows before");
  }

  private static String shape(Map<String, String> r) {
    return r.get("event_id") + " " + r.get("bucket") + " " + r.get("tokens") + " " + r.get("usd");
  }

  @Test
  void rowsOutsideEveryEntitlementWindowAreUnpricedWithTheirReason() throws IOException {
    Path root = temp.resolve("out-oct");
    copy(out, root);

    Cli.Result r = allocate(root, entitlements("2026-10-01\t2026-11-01\t20\t8000000\t\t\toctober only\tassumed\n"),
        "--window", "all", "-q");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    List<Map<String, String>> rows = TsvReader.readAll(root.resolve("data/token_value_allocations.tsv"));
    assertThat(rows).filteredOn(a -> a.get("timestamp").startsWith("2026-09")).isNotEmpty()
        .allSatisfy(a -> assertThat(a).containsEntry("bucket", "unpriced")
            .containsEntry("unpriced_reason", "no_entitlement_window").containsEntry("entitlement_window_start", "")
            .containsEntry("source", ""));
    assertThat(sum(rows.stream().filter(a -> a.get("unpriced_reason").equals("no_entitlement_window")).toList(),
        "tokens")).isEqualTo(10_098_395L);
    assertThat(OutputTree.readString(root.resolve("reports/latest_all_value_summary.md")))
        .contains("| unpriced: no_entitlement_window | 10,098,395 | 82.9% |  |  |")
        .contains("10,098,395 tokens lie outside every entitlement window");
  }

  @Test
  void creditBalancesAndRateLimitsNeverChangeTheAllocation() throws IOException {
    Path root = temp.resolve("out-credits");
    copy(out, root);
    Path raw = root.resolve("data/raw_token_events.tsv");
    List<String> header = TsvReader.header(raw);
    List<String> lines = Files.readAllLines(raw);
    List<String> changed = new ArrayList<>(List.of(lines.get(0)));
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split("\t", -1);
      c[header.indexOf("credits_balance")] = "0";
      c[header.indexOf("credits_has_credits")] = "1";
      c[header.indexOf("primary_used_percent")] = "99.0";
      c[header.indexOf("secondary_used_percent")] = "100.0";
      changed.add(String.join("\t", c));
    }
    Files.writeString(raw, String.join("\n", changed) + "\n");

    Cli.Result r = allocate(root, ENTITLEMENTS, "--window", "all", "-q");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(TsvReader.readAll(root.resolve("data/token_value_allocations.tsv")))
        .map(AllocateValueCommandTests::shape).isEqualTo(allocations.stream().map(AllocateValueCommandTests::shape).toList());
    assertThat(OutputTree.readString(root.resolve("reports/latest_all_value_summary.md")))
        .contains("| first | 2026-09-01T06:05:55.383Z | plus | 1 | 0 | 0 |");
  }

  // ---- invalid input ----

  @Test
  void aMalformedEntitlementsFileExitsTwoNamingTheFileLineAndColumnAndWritesNothing() throws IOException {
    Path root = temp.resolve("out-bad");
    copy(out, root);
    Path file = entitlements("2026-09-01\t2026-10-01\t20\t8000000\t\t\tseptember\testimated\n"
        + "2026-10-01\t2026-11-01\t20\t12k\t\t\toctober\testimated\n");
    Files.delete(root.resolve("data/token_value_allocations.tsv"));

    Cli.Result r = allocate(root, file, "--window", "all");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("wlat: " + file + ":3: column base_subscription_tokens: [12k] is not a whole number\n");
    assertThat(root.resolve("data/token_value_allocations.tsv")).doesNotExist();
  }

  @Test
  void badOptionsAndMissingInputsExitTwoOnOneLine() throws IOException {
    Path noData = Files.createDirectories(temp.resolve("no-data"));
    List<Cli.Result> results = List.of(
        allocate(out, ENTITLEMENTS, "--window", "yesterday"),
        ValidateCommandTests.wlat("allocate-value", "--entitlements", ENTITLEMENTS.toString(), "--output-root",
            out.toString(), "--as-of", "tomorrow"),
        allocate(out, temp.resolve("missing.tsv")),
        allocate(noData, ENTITLEMENTS),
        allocate(out, ENTITLEMENTS, "--timezone", "Mars/Olympus"),
        ValidateCommandTests.wlat("allocate-value", "--output-root", out.toString()));

    assertThat(results).allSatisfy(r -> {
      assertThat(r.exitCode()).as(r.describe()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).startsWith("wlat: ");
    });
    assertThat(results.get(0).err()).contains("[yesterday]");
    assertThat(results.get(1).err()).contains("--as-of: cannot parse [tomorrow]");
    assertThat(results.get(2).err()).isEqualTo("wlat: --entitlements: no such file: " + temp.resolve("missing.tsv") + "\n");
    assertThat(results.get(3).err()).contains("run wlat backfill first");
    assertThat(results.get(4).err()).contains("[Mars/Olympus]");
    assertThat(results.get(5).err()).contains("--entitlements");
  }

  private static void copy(Path from, Path to) {
    try (var s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
