package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import dev.wlat.report.TsvReader;
import dev.wlat.testkit.CodexHomeGenerator;
import dev.wlat.testkit.HomeSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/*
 * End-to-end: a generated Codex home (seed 5, six days from 2026-09-01) is backfilled through the
 * real command line once; `plot` then runs over its data facts. Tests that plot again (another
 * window, zone, edited facts) copy data/ to a root of their own, so the shared plots stay as the
 * first run wrote them.
 */

/** {@code wlat plot} draws a backfill's facts as five self-contained pages of cumulative-delta accounting. */
class PlotCommandTests {

  private static final String AS_OF = "2026-09-10T00:00:00Z";
  private static final List<String> NAMES = List.of("token_event_raster", "token_mix_stacked_area",
      "repo_outcome_heatmap", "cumulative_burnup_entitlements", "top_threads_sparklines");

  @TempDir static Path shared;

  private static Path out;
  private static Cli.Result run;

  @TempDir Path temp;

  @BeforeAll
  static void backfillAGeneratedHomeAndPlotIt() throws IOException {
    Path home = shared.resolve("codex-home");
    out = shared.resolve("out");
    CodexHomeGenerator.generate(HomeSpec.builder().seed(5).start(java.time.LocalDate.of(2026, 9, 1)).days(6).build(),
        home);
    Cli.Result backfill = BackfillCommandTests.backfill(home, out);
    assertThat(backfill.exitCode()).as(backfill.describe()).isZero();
    run = plot("--window", "30d", "--output-root", out.toString(), "--as-of", AS_OF);
  }

  // ---- the run ----

  @Test
  void plotExitsZeroAndPrintsEveryFileWritten() {
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.err()).isEmpty();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).startsWith("wlat plot: 5 plots of window 30d (2026-08-11 00:00 – 2026-09-10 00:00 UTC):"
        + " cumulative_delta_tokens ");
    for (String name : NAMES) {
      assertThat(lines).contains("  " + out.resolve("plots").resolve("latest_30d_" + name + ".html"));
    }
    assertThat(lines).anyMatch(l -> l.startsWith("  kept as " + out.resolve("plots")) && l.endsWith("_30d_*.html"));
    assertThat(lines.get(lines.size() - 1)).startsWith("  ledger: " + out.resolve("runs"));
  }

  @Test
  void everyPlotIsKeptUnderTheRunIdBesideItsLatestFile() throws IOException {
    String runId = runId(run);
    for (String name : NAMES) {
      Path latest = out.resolve("plots").resolve("latest_30d_" + name + ".html");
      Path kept = out.resolve("plots").resolve(runId + "_30d_" + name + ".html");
      assertThat(latest).isRegularFile();
      assertThat(Files.readString(kept)).isEqualTo(Files.readString(latest));
    }
  }

  @Test
  void theRunHasALedgerAndARowInTheRunLog() throws IOException {
    String runId = runId(run);
    Path ledger = out.resolve("runs").resolve(runId + "_execution_ledger.md");

    assertThat(Files.readString(ledger)).contains("# wlat plot run " + runId, "wlat plot --window 30d",
        "cumulative_delta_tokens in the window", "latest_30d_token_event_raster.html");
    assertThat(TsvReader.readAll(out.resolve("runs").resolve("run_log.tsv")))
        .anySatisfy(r -> {
          assertThat(r.get("run_id")).isEqualTo(runId);
          assertThat(r.get("command")).isEqualTo("plot");
          assertThat(r.get("exit_code")).isEqualTo("0");
          assertThat(r.get("ledger")).isEqualTo("runs/" + runId + "_execution_ledger.md");
        })
        .anySatisfy(r -> assertThat(r.get("command")).isEqualTo("backfill"));
  }

  @Test
  void quietPlotPrintsNothing() throws IOException {
    Path root = copyOfData();

    Cli.Result r = plot("--output-root", root.toString(), "--as-of", AS_OF, "-q");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEmpty();
  }

  // ---- the pages ----

  @Test
  void everyPageIsWellFormedAndSelfContained() {
    List<Executable> checks = new ArrayList<>();
    for (String name : NAMES) {
      String html = page(out, name);
      checks.add(() -> parse(html));
      checks.add(() -> assertThat(svgs(html)).as(name).isNotEmpty().allSatisfy(PlotCommandTests::parse));
      checks.add(() -> assertThat(urls(html)).as(name).containsOnly("http://www.w3.org/2000/svg"));
      checks.add(() -> assertThat(html).as(name).doesNotContain("<script", "src=", "href=", "url(", "<link"));
    }
    assertAll(checks);
  }

  @Test
  void everyPageHasTitleAxesLegendAndTheAccountingCaption() {
    String caption = "cumulative_delta_tokens: positive deltas of cumulative totals; re-emits, replayed fork"
        + " prefixes and archived duplicates add nothing";
    assertAll(
        () -> assertThat(page(out, "token_event_raster")).contains("<h1>Token events by thread over time</h1>",
            "time (UTC)", "thread (top ", "class=\"legend\"", caption),
        () -> assertThat(page(out, "token_mix_stacked_area")).contains("<h1>Token mix per day</h1>", "day (UTC)",
            "tokens per day", "uncached input", "cached input", "output (non-reasoning)", "reasoning output", caption),
        () -> assertThat(page(out, "repo_outcome_heatmap")).contains("<h1>Tokens by workstream and outcome</h1>",
            "outcome type", "workstream (repo:topic)", "tokens per cell (log scale):", caption),
        () -> assertThat(page(out, "cumulative_burnup_entitlements")).contains("<h1>Cumulative tokens</h1>",
            "time (UTC)", "cumulative tokens", "no entitlements given", caption),
        () -> assertThat(page(out, "top_threads_sparklines")).contains("<h1>Top threads with tokens per day</h1>",
            "<th>thread</th>", "tokens per day<br/>Aug 11 – Sep 9 (UTC)", caption));
  }

  @Test
  void stackedAreaDaysAreThePerDayCumulativeDeltaTokensOfTheFacts() {
    Document doc = parse(page(out, "token_mix_stacked_area"));

    assertThat(nonZero(byDay(doc, "data-total"))).isNotEmpty()
        .isEqualTo(perDay(out, Instant.parse("2026-08-11T00:00:00Z"), Instant.parse(AS_OF), ZoneId.of("UTC")));
  }

  @Test
  void stackedAreaDaysFollowTheZoneAndTheWindow() throws IOException {
    Path root = copyOfData();
    ZoneId berlin = ZoneId.of("Europe/Berlin");

    Cli.Result r = plot("--window", "5d", "--output-root", root.toString(), "--as-of", "2026-09-06", "--timezone",
        berlin.getId(), "-q");
    Document doc = parse(page(root, "token_mix_stacked_area", "5d"));

    assertThat(r.exitCode()).as(r.describe()).isZero();
    Instant until = java.time.LocalDate.of(2026, 9, 6).atStartOfDay(berlin).toInstant();
    assertThat(nonZero(byDay(doc, "data-total"))).isNotEmpty()
        .isEqualTo(perDay(root, until.minus(java.time.Duration.ofDays(5)), until, berlin));
  }

  @Test
  void threadTitlesAreEscapedInEveryPage() throws IOException {
    Path root = copyOfData();
    String evil = "<script>alert(1)</script> & \"co\"";
    Path threads = root.resolve("data").resolve("codex_threads.tsv");
    List<String> lines = Files.readAllLines(threads);
    List<String> header = List.of(lines.get(0).split("\t", -1));
    List<String> edited = new ArrayList<>(List.of(lines.get(0)));
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split("\t", -1);
      cells[header.indexOf("title")] = evil;
      edited.add(String.join("\t", cells));
    }
    Files.write(threads, edited);

    Cli.Result r = plot("--output-root", root.toString(), "--as-of", AS_OF, "-q");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    for (String name : NAMES) {
      String html = page(root, name);
      assertThat(html).as(name).doesNotContain("<script");
      parse(html);
    }
    assertThat(page(root, "token_event_raster")).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;");
    assertThat(parse(page(root, "top_threads_sparklines")).getDocumentElement().getTextContent()).contains(evil);
  }

  @Test
  void entitlementsAreDrawnOnTheBurnUp() throws IOException {
    Path root = copyOfData();
    Path ent = Files.writeString(temp.resolve("entitlements.tsv"), "window_start\twindow_end\tbase_subscription_usd"
        + "\tbase_subscription_tokens\tpurchased_usd\tpurchased_tokens\tsource\tconfidence\tevidence_path\n"
        + "2026-08-01\t2026-09-01\t200\t5000000\t40\t1000000\tplan page\testimated\t\n"
        + "2026-09-01\t2026-10-01\t200\t5000000\t\t\tplan page\testimated\t\n");

    Cli.Result r = plot("--output-root", root.toString(), "--as-of", AS_OF, "--entitlements", ent.toString(), "-q");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(page(root, "cumulative_burnup_entitlements")).contains("Cumulative tokens against entitlements",
        "base 5M", "base + purchased 6M", "Entitlements from entitlements.tsv", "period from Sep 1")
        .doesNotContain("no entitlements given");
  }

  @Test
  void anEmptyWindowStillWritesEveryPageSayingSo() throws IOException {
    Path root = copyOfData();

    Cli.Result r = plot("--window", "7d", "--output-root", root.toString(), "--as-of", "2027-06-01T00:00:00Z");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.out()).contains("no usage in this window");
    for (String name : NAMES) {
      assertThat(page(root, name, "7d")).as(name).contains("no usage in this window");
    }
  }

  // ---- what the user can fix ----

  @Test
  void missingDataExitsTwoSayingToRunBackfillFirst() {
    Path empty = temp.resolve("no-backfill");

    Cli.Result r = plot("--output-root", empty.toString(), "--as-of", AS_OF);

    assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err().lines()).containsExactly("wlat: " + empty.resolve("data").resolve("token_event_accounting.tsv")
        + ": missing; run wlat backfill first");
    assertThat(empty.resolve("plots")).doesNotExist();
  }

  @Test
  void malformedEntitlementsExitTwoNamingLineAndColumn() throws IOException {
    Path ent = Files.writeString(temp.resolve("ent.tsv"), "window_start\twindow_end\tbase_subscription_usd"
        + "\tbase_subscription_tokens\tpurchased_usd\tpurchased_tokens\tsource\tconfidence\tevidence_path\n"
        + "# a comment\n"
        + "2026-09-01\t2026-10-01\t200\tmany\t\t\t\t\t\n");

    Cli.Result r = plot("--output-root", out.toString(), "--as-of", AS_OF, "--entitlements", ent.toString());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err().lines()).singleElement().asString()
        .startsWith("wlat: " + ent + ":3: column base_subscription_tokens: [many]");
  }

  @Test
  void badOptionValuesExitTwoNamingTheOption() {
    assertAll(
        () -> rejected(plot("--window", "month", "--output-root", out.toString()), "wlat: --window: window [month]"),
        () -> rejected(plot("--as-of", "yesterday", "--output-root", out.toString()), "wlat: --as-of: cannot parse [yesterday]"),
        () -> rejected(plot("--timezone", "Mars/Olympus", "--output-root", out.toString()), "wlat: --timezone: unknown zone"),
        () -> rejected(plot("--entitlements", temp.resolve("none.tsv").toString(), "--output-root", out.toString()),
            "wlat: --entitlements: not a file"));
  }

  // ---- helpers ----

  /**
   * {@return the result of {@code wlat plot args…}}: the real root command line with its exception
   * handlers, with {@code plot} added when the root does not list it yet.
   */
  static Cli.Result plot(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
      CommandLine cli = Main.commandLine(o, e);
      if (!cli.getSubcommands().containsKey("plot")) {
        cli.addSubcommand("plot", new PlotCommand());
        cli.setOut(o); // a subcommand added later keeps System.out and System.err until the root sets them again
        cli.setErr(e);
      }
      List<String> all = new ArrayList<>(List.of("plot"));
      all.addAll(List.of(args));
      code = cli.execute(all.toArray(String[]::new));
    }
    return new Cli.Result(code, out.toString().replace("\r\n", "\n"), err.toString().replace("\r\n", "\n"));
  }

  private static void rejected(Cli.Result r, String errStart) {
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err().lines()).hasSize(1).first().asString().startsWith(errStart);
  }

  private static String runId(Cli.Result r) {
    Matcher m = Pattern.compile("runs/(\\d{8}T\\d{6}Z)_execution_ledger\\.md").matcher(r.out());
    assertThat(m.find()).as(r.describe()).isTrue();
    return m.group(1);
  }

  private Path copyOfData() throws IOException {
    Path root = temp.resolve("root");
    Files.createDirectories(root.resolve("data"));
    try (Stream<Path> files = Files.list(out.resolve("data"))) {
      for (Path f : files.toList()) {
        Files.copy(f, root.resolve("data").resolve(f.getFileName()));
      }
    }
    return root;
  }

  private static String page(Path root, String name) {
    return page(root, name, "30d");
  }

  private static String page(Path root, String name, String window) {
    return OutputTree.readString(root.resolve("plots").resolve("latest_" + window + "_" + name + ".html"));
  }

  /** {@return Σ cumulative_delta_tokens of token_event_accounting.tsv per day of {@code zone} in [since, until)}. */
  private static Map<String, Long> perDay(Path root, Instant since, Instant until, ZoneId zone) {
    Map<String, Long> m = new TreeMap<>();
    for (Map<String, String> r : TsvReader.readAll(root.resolve("data").resolve("token_event_accounting.tsv"))) {
      Instant t = Instant.parse(r.get("timestamp"));
      if (!t.isBefore(since) && t.isBefore(until)) {
        m.merge(t.atZone(zone).toLocalDate().toString(), Sums.num(r, "cumulative_delta_tokens"), Long::sum);
      }
    }
    return nonZero(m);
  }

  private static Map<String, Long> nonZero(Map<String, Long> m) {
    Map<String, Long> r = new TreeMap<>(m);
    r.values().removeIf(v -> v == 0);
    return r;
  }

  private static Map<String, Long> byDay(Document doc, String attr) {
    Map<String, Long> m = new TreeMap<>();
    NodeList all = doc.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (e.hasAttribute("data-day") && e.hasAttribute(attr)) {
        m.merge(e.getAttribute("data-day"), Long.parseLong(e.getAttribute(attr)), Long::sum);
      }
    }
    return m;
  }

  static Document parse(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
    }
  }

  private static List<String> svgs(String html) {
    List<String> out = new ArrayList<>();
    for (int from = html.indexOf("<svg"); from >= 0; from = html.indexOf("<svg", from)) {
      int end = html.indexOf("</svg>", from) + "</svg>".length();
      out.add(html.substring(from, end));
      from = end;
    }
    return out;
  }

  private static List<String> urls(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("https?://[^\"'\\s)<>]*").matcher(html);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }
}
