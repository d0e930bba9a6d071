package dev.wlat.report.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.wlat.model.ConfidenceSummary;
import dev.wlat.model.OutcomeRollup;
import dev.wlat.model.TokenUsage;
import dev.wlat.report.ReportWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariants of a report's views over random data directories (1–5 threads of 1–3 segments with up
 * to 15 rows each, spread over 40 days; random attribution, links, re-emits, replays, archived
 * duplicates and resets), random windows ({@code all}, or minutes to weeks ending up to three days
 * after a random row) and zones with odd offsets and daylight saving time.
 */
class ReportViewsPropertiesTests {

  private static final int EXAMPLES = 50;
  private static final Instant EPOCH = Instant.parse("2026-03-01T00:00:00Z");
  private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"),
      ZoneId.of("America/Los_Angeles"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Pacific/Chatham"));
  private static final List<String> LABELS = List.of("all", "90m", "12h", "1d", "3d", "7d", "7d", "2w", "30d");
  private static final List<String> CONFIDENCE = List.of("manual", "exact", "strong", "derived", "weak", "none");
  private static final List<String> OUTCOMES = List.of("bugfix", "feature", "unknown");
  private static final List<String> KINDS = List.of("commit", "pull_request", "issue", "release");

  @TempDir Path temp;

  /** A random data directory and the window to report it in. */
  private record Example(Path root, ReportWindow window, ZoneId zone, List<Row> rows) {}

  /** What the fixture wrote of one row: enough to recompute the window's total by brute force. */
  private record Row(Instant at, long delta, long observed) {}

  private Example example(long seed) throws IOException {
    Random r = new Random(seed);
    Path root = Files.createTempDirectory(temp, "ex");
    DataFixture f = DataFixture.at(root);
    List<Row> rows = new ArrayList<>();
    int threads = 1 + r.nextInt(5);
    for (int t = 0; t < threads; t++) {
      String id = "thread-" + t;
      String repo = r.nextBoolean() ? "acme/repo-" + r.nextInt(2) : null;
      f.thread(id, repo, (repo == null ? "cwd:x/" : repo + ":") + "topic-" + r.nextInt(3),
          OUTCOMES.get(r.nextInt(OUTCOMES.size())), CONFIDENCE.get(r.nextInt(CONFIDENCE.size())), "Title " + t);
      int segments = 1 + r.nextInt(3);
      for (int s = 0; s < segments; s++) {
        Instant at = EPOCH.plus(Duration.ofMinutes(r.nextInt(40 * 24 * 60)));
        int n = 1 + r.nextInt(15);
        for (int i = 0; i < n; i++) {
          at = at.plus(Duration.ofMinutes(r.nextInt(600)));
          long delta = r.nextInt(4) == 0 ? 0 : r.nextInt(5000);
          long observed = delta + (r.nextInt(3) == 0 ? r.nextInt(3000) : 0);
          String[] kinds = {"cumulative_delta", "replayed", "duplicate_segment", "superseded_by_usage_records"};
          String source = delta > 0 ? "cumulative_delta" : kinds[r.nextInt(kinds.length)];
          String flags = delta == 0 && source.equals("cumulative_delta") ? "repeated_total"
              : r.nextInt(20) == 0 ? "cumulative_reset" : r.nextInt(20) == 0 ? "boundary_uncertain" : null;
          if ("cumulative_reset".equals(flags)) {
            observed = r.nextInt((int) Math.max(1, delta + 1));
          }
          f.event(id, id + "-s" + s, at, delta, observed, source, flags);
          rows.add(new Row(at, delta, observed));
        }
      }
      for (int l = r.nextInt(4); l > 0; l--) {
        String kind = KINDS.get(r.nextInt(KINDS.size()));
        String artifact = kind.equals("commit") ? "c" + r.nextInt(5) : Integer.toString(r.nextInt(5));
        f.link(id, "acme/repo-0", kind, artifact, r.nextBoolean(), CONFIDENCE.get(1 + r.nextInt(3)));
      }
    }
    f.githubEvent("acme/repo-0", "issue", "1", "closed", false);
    f.write();
    Instant asOf = rows.get(r.nextInt(rows.size())).at().plus(Duration.ofMinutes(r.nextInt(3 * 24 * 60)));
    ZoneId zone = ZONES.get(r.nextInt(ZONES.size()));
    return new Example(root, ReportWindow.parse(LABELS.get(r.nextInt(LABELS.size())), asOf, zone), zone, rows);
  }

  private static Report report(Example e) {
    return Report.builder(e.window()).zone(e.zone()).read(e.root());
  }

  private static UsageSums sum(List<PeriodUsage> periods) {
    return periods.stream().map(PeriodUsage::usage).reduce(UsageSums.ZERO, UsageSums::plus);
  }

  @Test
  void theTotalIsTheSumOfTheRowsInsideTheWindow() {
    qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
      Example e = unchecked(seed);
      long expected = e.rows().stream().filter(row -> e.window().window().contains(row.at()))
          .mapToLong(Row::delta).sum();

      assertThat(report(e).total().cumulativeDeltaTokens()).isEqualTo(expected);
    });
  }

  @Test
  void daysWeeksMonthsAndThreadsEachAddUpToTheWholeWindowInEveryField() {
    qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
      Example e = unchecked(seed);
      Report r = report(e);
      UsageSums threads = r.threads().stream().map(ThreadUsage::usage).reduce(UsageSums.ZERO, UsageSums::plus);

      assertThat(sum(r.days())).isEqualTo(r.total());
      assertThat(sum(r.weeks())).isEqualTo(r.total());
      assertThat(sum(r.months())).isEqualTo(r.total());
      assertThat(threads).isEqualTo(r.total());
    });
  }

  @Test
  void rollupsAndConfidenceLevelsAddUpToTheTotalAndLinksNeverCarryMoreThanTheirThreads() {
    qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
      Example e = unchecked(seed);
      Report r = report(e);
      TokenUsage rollups = r.rollups().stream().map(OutcomeRollup::delta).reduce(TokenUsage.ZERO, TokenUsage::plus);
      long levels = r.confidenceSummary().stream().mapToLong(ConfidenceSummary::tokens).sum();

      assertThat(rollups).isEqualTo(r.total().delta());
      assertThat(levels).isEqualTo(r.total().cumulativeDeltaTokens());
      assertThat(r.confidenceSummary()).hasSize(6);
      assertThat(r.rollups()).allSatisfy(g -> assertThat(g.linkAllocatedTokens()).isLessThanOrEqualTo(g.delta().totalTokens()));
      assertThat(r.headline().totalTokens()).isEqualTo(r.total().cumulativeDeltaTokens());
    });
  }

  @Test
  void inflationCausesShareOutExactlyTheGapBetweenObservedAndDelta() {
    qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
      Report r = report(unchecked(seed));
      long shared = r.inflation().stream().mapToLong(InflationCause.Share::tokens).sum();

      assertThat(shared).isEqualTo(r.total().observedEventSumTokens() - r.total().cumulativeDeltaTokens());
    });
  }

  @Test
  void periodsLieInsideTheirBoundsAndOnlyCutPeriodsArePartial() {
    qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
      Example e = unchecked(seed);
      Report r = report(e);
      List<PeriodUsage> all = new ArrayList<>(r.days());
      all.addAll(r.weeks());
      all.addAll(r.months());
      Instant since = e.window().window().since();
      Instant until = e.window().window().until();

      assertThat(all).allSatisfy(p -> {
        assertThat(p.periodStart()).isBefore(p.periodEnd());
        boolean cut = (since != null && p.periodStart().isBefore(since)) || (until != null && p.periodEnd().isAfter(until));
        assertThat(p.partial()).isEqualTo(cut);
      });
    });
  }

  private Example unchecked(long seed) {
    try {
      return example(seed);
    } catch (IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
  }
}
