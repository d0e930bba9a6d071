package dev.wlat.report.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertAll;

import dev.wlat.report.ReportWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/*
 * The plot library against small hand-written data directories: every page is self-contained,
 * well-formed and escaped, and the values it embeds are the window's cumulative_delta_tokens.
 */

/** {@link Plots} renders five self-contained pages whose numbers are the window's cumulative deltas. */
class PlotsTests {

  private static final Instant AS_OF = Instant.parse("2026-10-13T00:00:00Z");
  private static final ZoneId UTC = ZoneOffset.UTC;

  @TempDir Path temp;

  // ---- every page ----

  @Test
  void everyPageIsWellFormedXmlWithWellFormedSvg() {
    for (Plots.Rendered p : render(sample(), "30d", Entitlements.NONE)) {
      assertThat(Pages.parse(p.html())).as(p.name()).isNotNull();
      assertThat(Pages.svgs(p.html())).as(p.name()).isNotEmpty().allSatisfy(Pages::parse);
    }
  }

  @Test
  void everyPageIsSelfContained() {
    List<Executable> checks = new ArrayList<>();
    for (Plots.Rendered p : render(sample(), "30d", Entitlements.NONE)) {
      String html = p.html();
      checks.add(() -> assertThat(Pages.urls(html)).as(p.name()).containsOnly(Svg.NS));
      checks.add(() -> assertThat(html).as(p.name()).doesNotContain("<script", "src=", "href=", "url(", "@import",
          "<link", "<img", "<iframe"));
    }
    assertAll(checks);
  }

  @Test
  void everyPageHasATitleLegendCaptionAndTheAccountingView() {
    List<Executable> checks = new ArrayList<>();
    for (Plots.Rendered p : render(sample(), "30d", Entitlements.NONE)) {
      String html = p.html();
      checks.add(() -> assertThat(html).as(p.name()).contains("<title>", "<h1>", "class=\"legend\"",
          "class=\"caption\"", Frame.ACCOUNTING, "window 30d: 2026-09-13 00:00 – 2026-10-13 00:00 UTC"));
    }
    assertAll(checks);
  }

  @Test
  void chartsLabelTheirAxesWithUnitsAndZone() {
    Map<String, String> pages = pages(render(sample(), "30d", Entitlements.NONE));

    assertAll(
        () -> assertThat(pages.get("token_event_raster")).contains("time (UTC)", "thread (top 3 of 3 by tokens)",
            ">tokens<"),
        () -> assertThat(pages.get("token_mix_stacked_area")).contains("day (UTC)", "tokens per day", ">Sep 13<", ">Sep 15<"),
        () -> assertThat(pages.get("repo_outcome_heatmap")).contains("outcome type", "workstream (repo:topic)"),
        () -> assertThat(pages.get("cumulative_burnup_entitlements")).contains("time (UTC)", "cumulative tokens"),
        () -> assertThat(pages.get("top_threads_sparklines")).contains("<th>thread</th>", "repo / workstream",
            "tokens per day<br/>Sep 13 – Oct 12 (UTC)"));
  }

  @Test
  void tokenCountsReadWithSuffixes() {
    Map<String, String> pages = pages(render(sample(), "30d", Entitlements.NONE));

    assertThat(pages.get("token_mix_stacked_area")).contains(">1.5M<", ">500k<", ">0<");
  }

  @Test
  void titlesAndLabelsAreEscaped() {
    String evil = "<script>alert(\"x\")</script> & 'co'";
    PlotData d = load(DataDir.create()
        .row("2026-10-01T10:00:00Z", "t-evil", 1000, 0, 100, 0, "acme/api", "acme/api:<b>x</b>&y", "bugfix")
        .title("t-evil", evil), "30d");

    Map<String, String> pages = pages(Plots.render(d, Entitlements.NONE, "r1"));

    assertThat(pages).allSatisfy((name, html) -> {
      assertThat(html).as(name).doesNotContain("<script", "<b>x");
      Pages.parse(html);
    });
    assertAll(
        () -> assertThat(pages.get("token_event_raster")).contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;"),
        () -> assertThat(Pages.text(Pages.parse(pages.get("token_event_raster")))).contains(evil),
        () -> assertThat(Pages.text(Pages.parse(pages.get("repo_outcome_heatmap")))).contains("acme/api:<b>x</b>&y"),
        () -> assertThat(Pages.text(Pages.parse(pages.get("top_threads_sparklines")))).contains(evil));
  }

  // ---- the numbers ----

  @Test
  void stackedAreaDaysAreThePerDayCumulativeDeltaTokens() {
    Document doc = Pages.parse(pages(render(sample(), "30d", Entitlements.NONE)).get("token_mix_stacked_area"));

    Map<String, Long> totals = Pages.byDay(doc, "data-total");
    totals.values().removeIf(v -> v == 0);
    assertThat(totals).isEqualTo(Map.of("2026-09-20", 1_500_000L, "2026-10-01", 11_000L, "2026-10-12", 600L));
  }

  @Test
  void stackedAreaBandsAreTheDisjointPartsAndAddUpToTheDay() {
    Document doc = Pages.parse(pages(render(sample(), "30d", Entitlements.NONE)).get("token_mix_stacked_area"));

    assertThat(Pages.byDay(doc, "data-uncached-input")).containsEntry("2026-09-20", 1_000_000L - 600_000L);
    assertThat(Pages.byDay(doc, "data-cached-input")).containsEntry("2026-09-20", 600_000L);
    assertThat(Pages.byDay(doc, "data-output")).containsEntry("2026-09-20", 500_000L - 200_000L);
    assertThat(Pages.byDay(doc, "data-reasoning")).containsEntry("2026-09-20", 200_000L);
    assertThat(partsByDay(doc)).isEqualTo(Pages.byDay(doc, "data-total"));
  }

  @Test
  void stackHeightIsTheTotalEvenWhenFieldDeltasDisagreeWithIt() {
    PlotData d = load(DataDir.create()
        .rawRow("2026-10-01T10:00:00Z", "a", 100, 50, 0, 30, 0, "", "cwd:x", "unknown")
        .rawRow("2026-10-02T10:00:00Z", "a", 50, 60, 0, 10, 5, "", "cwd:x", "unknown"), "30d");

    Plots.Rendered area = Plots.render(d, Entitlements.NONE, "r").get(1);
    Document doc = Pages.parse(area.html());

    assertThat(partsByDay(doc)).isEqualTo(Pages.byDay(doc, "data-total"));
    assertThat(Pages.byDay(doc, "data-unsplit")).containsEntry("2026-10-01", 20L);
    assertThat(area.html()).contains("not split by field", "clipped");
  }

  @Test
  void rowsOutsideTheWindowAreLeftOut() {
    PlotData d = load(sample()
        .row("2026-09-12T23:59:59Z", "t1", 7, 0, 0, 0, "acme/api", "acme/api:main", "feature")
        .row("2026-10-13T00:00:00Z", "t1", 9, 0, 0, 0, "acme/api", "acme/api:main", "feature"), "30d");

    assertThat(d.totalTokens()).isEqualTo(1_511_600L);
    assertThat(d.rowsRead()).isEqualTo(6);
  }

  @Test
  void windowAllStartsAtTheFirstDayWithUsageAndEndsAsOf() {
    PlotData d = load(sample().row("2026-08-02T05:00:00Z", "t1", 7, 0, 0, 0, "acme/api", "acme/api:main",
        "feature"), "all");

    assertThat(d.from()).isEqualTo(Instant.parse("2026-08-02T00:00:00Z"));
    assertThat(d.to()).isEqualTo(AS_OF);
    assertThat(d.totalTokens()).isEqualTo(1_511_607L);
  }

  @Test
  void daysFollowTheZone() {
    PlotData d = PlotData.load(DataDir.create()
            .row("2026-10-08T23:30:00Z", "a", 10, 0, 0, 0, "", "cwd:x", "unknown")
            .writeTo(temp.resolve("data")),
        ReportWindow.parse("7d", AS_OF, ZoneId.of("Europe/Berlin")), ZoneId.of("Europe/Berlin"));

    Document doc = Pages.parse(Plots.render(d, Entitlements.NONE, "r").get(1).html());

    assertThat(Pages.byDay(doc, "data-total")).containsEntry("2026-10-09", 10L).containsEntry("2026-10-08", 0L);
  }

  @Test
  void heatmapCellsAddUpToTheWindowEvenWhenWorkstreamsFold() {
    DataDir dir = DataDir.create();
    for (int i = 0; i < 30; i++) {
      dir.row("2026-10-0" + (1 + i % 9) + "T10:00:00Z", "t" + i, 1000 + i, 0, 10, 0, i % 3 == 0 ? "" : "acme/api",
          i % 3 == 0 ? "local:notes:w" + i : "acme/api:w" + i, i % 2 == 0 ? "bugfix" : "docs");
    }
    PlotData d = load(dir, "30d");

    String html = pages(Plots.render(d, Entitlements.NONE, "r")).get("repo_outcome_heatmap");
    Document doc = Pages.parse(html);

    assertThat(Pages.values(doc, "cell", "data-tokens").stream().mapToLong(Long::longValue).sum())
        .isEqualTo(d.totalTokens());
    assertThat(html).contains("other workstreams (9)");
  }

  @Test
  void heatmapHoverCarriesTheLinksBackfillFound() {
    PlotData d = load(sample().links("acme/api", "acme/api:main", "feature", 3, 2, 1), "30d");

    assertThat(pages(Plots.render(d, Entitlements.NONE, "r")).get("repo_outcome_heatmap"))
        .contains("linked (backfill window): 3 commits, 2 pull requests (1 merged)");
  }

  @Test
  void rasterDotsAddUpToTheTopThreads() {
    PlotData d = load(sample(), "30d");

    Document doc = Pages.parse(pages(Plots.render(d, Entitlements.NONE, "r")).get("token_event_raster"));

    assertThat(Pages.values(doc, "dot", "data-tokens").stream().mapToLong(Long::longValue).sum())
        .isEqualTo(d.totalTokens());
  }

  @Test
  void sparklinesAddUpToEachThreadAndRedactTitles() {
    PlotData d = load(sample().title("t1", "fix login for bob@example.com"), "30d");

    String html = pages(Plots.render(d, Entitlements.NONE, "r")).get("top_threads_sparklines");
    Document doc = Pages.parse(html);

    assertThat(Pages.values(doc, "hover", "data-tokens").stream().mapToLong(Long::longValue).sum())
        .isEqualTo(d.totalTokens());
    assertThat(html).contains("fix login for [redacted:email]").doesNotContain("bob@example.com");
  }

  @Test
  void burnupWithoutEntitlementsSaysSo() {
    String html = pages(render(sample(), "30d", Entitlements.NONE)).get("cumulative_burnup_entitlements");

    assertThat(html).contains("no entitlements given").doesNotContain("base subscription tokens");
  }

  @Test
  void burnupDrawsBaseAndPurchasedLines() throws IOException {
    Path file = Files.writeString(temp.resolve("ent.tsv"), String.join("\t", Entitlements.COLUMNS) + "\n"
        + "2026-10-01\t2026-11-01\t200\t2000000\t40\t500000\tplan\testimated\t\n");
    Entitlements ent = Entitlements.parse(file, UTC);

    Document doc = Pages.parse(pages(render(sample(), "30d", ent)).get("cumulative_burnup_entitlements"));
    String text = Pages.text(doc);

    assertThat(text).contains("base 2M", "base + purchased 2.5M", "base subscription tokens",
        "Period 2026-10-01 00:00 – 2026-11-01 00:00", "used 11,600", "period from Oct 1").doesNotContain("no entitlements given");
    assertThat(Pages.byDay(doc, "data-cumulative")).containsEntry("2026-10-12", 1_511_600L);
  }

  @Test
  void emptyWindowStillRendersEveryPageSayingSo() {
    PlotData d = load(DataDir.create(), "30d");

    for (Plots.Rendered p : Plots.render(d, Entitlements.NONE, "r")) {
      assertThat(p.html()).as(p.name()).contains("no usage in this window", Frame.ACCOUNTING);
      Pages.parse(p.html());
    }
  }

  // ---- files ----

  @Test
  void writeKeepsARunCopyBesideTheLatestFile() throws IOException {
    List<Plots.Written> written = Plots.write(temp, "20261013T000000Z", render(sample(), "30d", Entitlements.NONE));

    assertThat(written).extracting(Plots.Written::name).containsExactlyElementsOf(Plots.NAMES);
    assertThat(written).allSatisfy(w -> {
      assertThat(w.latest().getFileName().toString()).isEqualTo("latest_30d_" + w.name() + ".html");
      assertThat(w.kept().getFileName().toString()).isEqualTo("20261013T000000Z_30d_" + w.name() + ".html");
      assertThat(Files.readString(w.latest())).isEqualTo(Files.readString(w.kept()));
    });
    try (Stream<Path> files = Files.list(temp.resolve("plots"))) {
      assertThat(files).hasSize(10);
    }
  }

  @Test
  void missingDataFileSaysToRunBackfillFirst() throws IOException {
    Path data = sample().writeTo(temp.resolve("data"));
    Files.delete(data.resolve("codex_threads.tsv"));

    assertThatThrownBy(() -> PlotData.load(data, window("30d"), UTC)).isInstanceOf(PlotException.class)
        .hasMessage(data.resolve("codex_threads.tsv") + ": missing; run wlat backfill first");
  }

  @Test
  void malformedNumberNamesFileLineAndColumn() throws IOException {
    Path data = sample().writeTo(temp.resolve("data"));
    Path acc = data.resolve("token_event_accounting.tsv");
    List<String> lines = new ArrayList<>(Files.readAllLines(acc));
    lines.set(2, lines.get(2).replaceFirst("\t600000\t", "\tlots\t"));
    Files.write(acc, lines);

    assertThatThrownBy(() -> PlotData.load(data, window("30d"), UTC)).isInstanceOf(PlotException.class)
        .hasMessageStartingWith(acc + ":3: column ").hasMessageContaining("[lots] is not a whole number");
  }

  // ---- helpers ----

  /** Three threads on three days: 1.5M, 11k and 600 tokens. */
  private static DataDir sample() {
    return DataDir.create()
        .row("2026-09-20T09:00:00Z", "t1", 600_000, 400_000, 300_000, 100_000, "acme/api", "acme/api:main", "feature")
        .row("2026-09-20T15:00:00Z", "t1", 400_000, 200_000, 200_000, 100_000, "acme/api", "acme/api:main", "feature")
        .row("2026-10-01T10:00:00Z", "t2", 10_000, 5_000, 1_000, 0, "", "local:notes:main", "unknown")
        .row("2026-10-12T23:00:00Z", "t3", 500, 0, 100, 50, "widgets/core", "widgets/core:fix", "bugfix")
        .title("t1", "Login retry")
        .title("t2", "Notes");
  }

  private PlotData load(DataDir dir, String label) {
    return PlotData.load(dir.writeTo(temp.resolve("data")), window(label), UTC);
  }

  private List<Plots.Rendered> render(DataDir dir, String label, Entitlements ent) {
    return Plots.render(load(dir, label), ent, "20261013T000000Z");
  }

  private static ReportWindow window(String label) {
    return ReportWindow.parse(label, AS_OF, UTC);
  }

  private static Map<String, String> pages(List<Plots.Rendered> plots) {
    Map<String, String> m = new TreeMap<>();
    for (Plots.Rendered p : plots) {
      m.put(p.name(), p.html());
    }
    return m;
  }

  private static Map<String, Long> partsByDay(Document doc) {
    Map<String, Long> sum = new TreeMap<>();
    for (String attr : List.of("data-uncached-input", "data-cached-input", "data-output", "data-reasoning",
        "data-unsplit")) {
      Pages.byDay(doc, attr).forEach((k, v) -> sum.merge(k, v, Long::sum));
    }
    return sum;
  }
}
