package dev.wlat.cli;

import dev.wlat.accounting.value.EntitlementException;
import dev.wlat.accounting.value.EntitlementsFile;
import dev.wlat.accounting.value.ValueAllocator;
import dev.wlat.accounting.value.ValueSummary;
import dev.wlat.cli.job.RunIds;
import dev.wlat.ingest.CodexHome;
import dev.wlat.model.Entitlement;
import dev.wlat.model.Redaction;
import dev.wlat.model.TokenSpend;
import dev.wlat.model.UsdAmount;
import dev.wlat.model.ValueAllocation;
import dev.wlat.model.ValueBucket;
import dev.wlat.report.AtomicFiles;
import dev.wlat.report.Cells;
import dev.wlat.report.ReportWindow;
import dev.wlat.report.RunLedger;
import dev.wlat.report.RunLog;
import dev.wlat.report.TsvTable;
import dev.wlat.report.TsvWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/*
 * allocate-value: reads data/token_event_accounting.tsv (and, for the credits report only,
 * data/raw_token_events.tsv), allocates with ValueAllocator and writes
 * data/token_value_allocations.tsv, reports/latest_<window>_value_summary.md, its kept copy
 * <run_id>_<window>_value_summary.md, a ledger and a run-log row.
 *
 * Every row of the data is allocated, so rows before the report window use up their entitlement
 * window's tokens as they did; only the rows inside the report window are written and summed.
 *
 * The TSV rows are streamed with a small reader here (wlat's cells never hold a tab or line break),
 * not TsvReader.readAll, which keeps every row of a large history in memory as maps.
 */

/** {@code wlat allocate-value}: values the window's tokens against subscription and purchased entitlements. */
@Command(name = "allocate-value", sortOptions = false,
    description = {"Value the window's cumulative_delta_tokens against what you paid: each row, in time order, goes to",
        "the entitlement window that contains it, first to its base subscription tokens, then to purchased tokens,",
        "then to unpriced. Writes data/token_value_allocations.tsv and reports/latest_<window>_value_summary.md.",
        "Rate-limit percentages are never used; observed credit balances are reported, not allocated."})
final class AllocateValueCommand implements Callable<Integer>, RunLogged {

  static final String ALLOCATIONS_FILE = "token_value_allocations.tsv";
  static final String SUMMARY_NAME = "value_summary.md";

  @Mixin HelpOption help;
  @Mixin PrivacyOption privacy;

  @Spec CommandSpec spec;

  @Option(names = "--window", paramLabel = "LABEL", defaultValue = "30d",
      description = "The report window, ending at --as-of: 30d, 12h, 90m, 2w or all (default: ${DEFAULT-VALUE}).")
  String window;

  @Option(names = "--entitlements", paramLabel = "FILE", required = true,
      description = "TSV of entitlement windows: window_start window_end base_subscription_usd base_subscription_tokens"
          + " purchased_usd purchased_tokens source confidence evidence_path (see examples/entitlements.tsv).")
  Path entitlements;

  @Option(names = "--output-root", paramLabel = "DIR",
      description = "Where data/ is read and data/, reports/ and runs/ are written"
          + " (default: $CODEX_HOME/docs/codex-github-outcomes, else ~/.codex/…).")
  Path outputRoot;

  @Option(names = "--as-of", paramLabel = "INSTANT",
      description = "The instant the window ends at: 2026-10-13T00:00:00Z, or a date (its start in --timezone)"
          + " (default: now).")
  String asOf;

  @Option(names = "--timezone", paramLabel = "ZONE", defaultValue = "UTC",
      description = "IANA zone in which a bare date (of --as-of and the entitlements file) starts its day"
          + " (default: ${DEFAULT-VALUE}).")
  String timezone;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
  boolean quiet;

  private final RunLogged.Trace trace = RunLogged.Trace.of("allocate-value");

  @Override
  public RunLogged.Trace runTrace() {
    return trace;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Instant now = Instant.now();
    trace.started(now);
    long t0 = System.nanoTime();
    ZoneId zone = TimeArgs.zone(timezone);
    Instant end = TimeArgs.asOf(asOf, zone, now);
    ReportWindow w;
    try {
      w = ReportWindow.parse(window, end, zone);
    } catch (IllegalArgumentException e) {
      throw WlatException.invalidInput("--window: " + e.getMessage());
    }
    List<Entitlement> windows = readEntitlements(zone);
    Path root = outputRoot != null ? outputRoot
        : CodexHome.defaultLocation().resolve("docs").resolve("codex-github-outcomes");
    trace.root(root);
    trace.privacy(privacy.privacy());
    Path accounting = root.resolve("data").resolve("token_event_accounting.tsv");
    if (!Files.isRegularFile(accounting)) {
      throw WlatException.invalidInput("allocate-value: no " + accounting + "; run wlat backfill first");
    }

    Inputs in = Inputs.read(root, w);
    List<ValueAllocation> all;
    try {
      all = ValueAllocator.allocate(windows, in.spends);
    } catch (IllegalArgumentException e) {
      throw WlatException.invalidInput("allocate-value: " + accounting + ": " + e.getMessage());
    }
    List<ValueAllocation> inWindow = all.stream().filter(a -> w.window().contains(a.spend().timestamp())).toList();
    ValueSummary summary = ValueSummary.of(windows, inWindow);
    ValueSummary before = ValueSummary.of(windows, all.stream()
        .filter(a -> w.window().isBefore(a.spend().timestamp())).toList());

    String runId = RunIds.free(root, now);
    String md = Markdown.summary(w, runId, entitlements, root, windows, summary, before, in);
    Path latest = root.resolve("reports").resolve(w.latest(SUMMARY_NAME));
    Path kept = root.resolve("reports").resolve(w.kept(runId, SUMMARY_NAME));
    Path ledger;
    long rows;
    try {
      rows = TsvWriter.writeAll(root.resolve("data"), table(runId), inWindow);
      String shownMd = privacy.filter(root).apply(md);
      AtomicFiles.writeString(latest, shownMd);
      AtomicFiles.writeString(kept, shownMd);
      ledger = ledger(runId, w, windows, summary, in, rows, latest, kept).writeTo(root, privacy.filter(root));
      RunLog.append(root, new RunLog.Entry(runId, "allocate-value", now, (System.nanoTime() - t0) / 1e9, ExitCodes.OK,
          "runs/" + ledger.getFileName(), String.format(Locale.ROOT, "%s: %,d tokens, %s usd, %,d unpriced",
              w.label(), summary.tokens(), Markdown.usd(summary.usd()), summary.unpricedTokens())));
    } catch (UncheckedIOException e) {
      throw new WlatException(ExitCodes.UNEXPECTED_STATE, e.getMessage(), e);
    }
    if (!quiet) {
      out.printf(Locale.ROOT, "wlat allocate-value %s: %,d tokens in the window, %s usd of entitlements used%n",
          w.label(), summary.tokens(), Markdown.usd(summary.usd()));
      out.printf(Locale.ROOT, "  base %,d, purchased %,d, unpriced %,d (%,d beyond an entitlement, %,d outside every"
          + " entitlement window)%n", summary.baseTokens(), summary.purchasedTokens(), summary.unpricedTokens(),
          summary.exhaustedTokens(), summary.noWindowTokens());
      out.println("  data: " + root.resolve("data").resolve(ALLOCATIONS_FILE) + String.format(Locale.ROOT, " (%,d rows)", rows));
      out.println("  summary: " + latest);
      out.println("  ledger: " + ledger);
    }
    out.flush();
    return ExitCodes.OK;
  }


  private List<Entitlement> readEntitlements(ZoneId zone) {
    if (!Files.isRegularFile(entitlements)) {
      throw WlatException.invalidInput("--entitlements: no such file: " + entitlements);
    }
    try {
      return EntitlementsFile.parse(entitlements.toString(), Files.readAllBytes(entitlements), zone);
    } catch (EntitlementException e) {
      throw WlatException.invalidInput(e.getMessage());
    } catch (IOException e) {
      throw WlatException.invalidInput("--entitlements: cannot read " + entitlements + ": " + e.getMessage());
    }
  }

  /** {@return the schema of {@code data/token_value_allocations.tsv}: one row per (event, bucket)}. */
  static TsvTable<ValueAllocation> table(String runId) {
    return TsvTable.<ValueAllocation>builder(ALLOCATIONS_FILE)
        .column("event_id", a -> a.spend().eventId())
        .column("thread_id", a -> a.spend().threadId())
        .column("timestamp", a -> Cells.instant(a.spend().timestamp()))
        .column("entitlement_window_start", a -> a.entitlement() == null ? null : Cells.instant(a.entitlement().windowStart()))
        .column("entitlement_window_end", a -> a.entitlement() == null ? null : Cells.instant(a.entitlement().windowEnd()))
        .column("bucket", a -> a.bucket().label())
        .column("tokens", ValueAllocation::tokens)
        .column("usd", a -> a.bucket() == ValueBucket.UNPRICED ? null : a.usd().toDecimal(6).toPlainString())
        .column("usd_per_million", a -> a.bucket() == ValueBucket.UNPRICED ? null
            : a.usdPerToken().times(1_000_000).toDecimal(6).toPlainString())
        .column("source", a -> a.entitlement() == null ? null : Redaction.snippet(a.entitlement().source()))
        .column("confidence", a -> a.entitlement() == null ? null : a.entitlement().confidence().label())
        .column("github_repo", a -> a.spend().githubRepo())
        .column("workstream_label", a -> a.spend().workstreamLabel())
        .column("unpriced_reason", a -> a.unpricedReason() == null ? null : a.unpricedReason().label())
        .column("inserted_by_run", a -> runId)
        .build();
  }

  private RunLedger ledger(String runId, ReportWindow w, List<Entitlement> windows, ValueSummary s, Inputs in,
      long rows, Path latest, Path kept) {
    RunLedger l = RunLedger.create(runId, "wlat allocate-value run " + runId);
    l.section("Command").code("wlat " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
    List<String[]> params = RunLedger.rows();
    params.add(new String[] {"window", w.label() + " (" + Markdown.range(w) + ")"});
    params.add(new String[] {"entitlements", entitlements + String.format(Locale.ROOT, " (%d windows)", windows.size())});
    params.add(new String[] {"date zone of the entitlements", timezone});
    params.add(new String[] {"accounting rows read", String.format(Locale.ROOT, "%,d", in.accountingRows)});
    params.add(new String[] {"rows with tokens (all data)", String.format(Locale.ROOT, "%,d", in.spends.size())});
    params.add(new String[] {"raw rows read for credits", String.format(Locale.ROOT, "%,d", in.rawRows)});
    l.keyValues(params);
    l.section("Allocation in the window");
    l.table(List.of("bucket", "tokens", "usd"), Markdown.bucketRows(s));
    l.section("Outputs");
    l.table(List.of("file", "rows"), List.of(
        new String[] {"data/" + ALLOCATIONS_FILE, String.format(Locale.ROOT, "%,d rows", rows)},
        new String[] {"reports/" + latest.getFileName(), "summary"},
        new String[] {"reports/" + kept.getFileName(), "kept copy"}));
    return l;
  }

  // ---------------------------------------------------------------------------------------------
  // Inputs
  // ---------------------------------------------------------------------------------------------

  /** What was read: every row with tokens, and the credits observed in the window. */
  static final class Inputs {
    final List<TokenSpend> spends = new ArrayList<>();
    long accountingRows;
    long rawRows;
    Instant firstRow;
    Instant dataSince;
    String[] firstCredits;
    String[] lastCredits;
    Instant firstCreditsAt;
    Instant lastCreditsAt;

    static Inputs read(Path root, ReportWindow w) {
      Inputs in = new Inputs();
      Path data = root.resolve("data");
      Rows.each(data.resolve("token_event_accounting.tsv"), List.of("event_id", "thread_id", "timestamp",
          "cumulative_delta_tokens", "accounting_included", "github_repo", "workstream_label"), (r, line) -> {
            in.accountingRows++;
            Instant t = r.instant(2);
            if (in.firstRow == null || t.isBefore(in.firstRow)) {
              in.firstRow = t;
            }
            long tokens = r.number(3);
            if (tokens > 0 && r.cell(4).equals("1")) {
              in.spends.add(new TokenSpend(r.cell(0), r.cell(1), t, tokens, blank(r.cell(5)), blank(r.cell(6))));
            }
          });
      Path raw = data.resolve("raw_token_events.tsv");
      if (Files.isRegularFile(raw)) {
        Rows.each(raw, List.of("timestamp", "plan_type", "credits_has_credits", "credits_unlimited", "credits_balance"),
            (r, line) -> {
              in.rawRows++;
              if (r.cell(1).isEmpty() && r.cell(2).isEmpty() && r.cell(3).isEmpty() && r.cell(4).isEmpty()) {
                return;
              }
              Instant t = r.instant(0);
              if (!w.window().contains(t)) {
                return;
              }
              String[] seen = {r.cell(1), r.cell(2), r.cell(3), r.cell(4)};
              if (in.firstCreditsAt == null || t.isBefore(in.firstCreditsAt)) {
                in.firstCreditsAt = t;
                in.firstCredits = seen;
              }
              if (in.lastCreditsAt == null || !t.isBefore(in.lastCreditsAt)) {
                in.lastCreditsAt = t;
                in.lastCredits = seen;
              }
            });
      }
      Path rec = data.resolve("token_accounting_reconciliation.tsv");
      if (Files.isRegularFile(rec) && in.firstRow != null) {
        Rows.each(rec, List.of("grain", "period_start"), (r, line) -> {
          if (r.cell(0).equals("total") && !r.cell(1).isEmpty()) {
            Instant since = r.instant(1);
            // an unbounded backfill's total starts at its first row; a bounded one at --since
            in.dataSince = since.equals(in.firstRow) ? null : since;
          }
        });
      }
      return in;
    }

    private static String blank(String s) {
      return s.isEmpty() ? null : s;
    }
  }

  /** Streams a wlat TSV: header, then one row per line, cells split on tabs. */
  static final class Rows {
    interface Visitor {
      void row(Rows r, long line);
    }

    private final Path file;
    private final int[] index;
    private String[] cells;
    private long line;

    private Rows(Path file, int[] index) {
      this.file = file;
      this.index = index;
    }

    /** Calls {@code visitor} for each row of {@code file}; {@code columns} name the cells it reads, by position. */
    static void each(Path file, List<String> columns, Visitor visitor) {
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String header = in.readLine();
        List<String> names = header == null ? List.of() : Arrays.asList(header.split("\t", -1));
        int[] index = new int[columns.size()];
        for (int i = 0; i < index.length; i++) {
          index[i] = names.indexOf(columns.get(i));
          if (index[i] < 0) {
            throw WlatException.invalidInput(file + ":1: no column " + columns.get(i) + "; run wlat backfill again");
          }
        }
        Rows r = new Rows(file, index);
        r.line = 1;
        String s;
        while ((s = in.readLine()) != null) {
          r.line++;
          if (s.isEmpty()) {
            continue;
          }
          r.cells = s.split("\t", -1);
          visitor.row(r, r.line);
        }
      } catch (IOException e) {
        throw new WlatException(ExitCodes.UNEXPECTED_STATE, "cannot read " + file + ": " + e.getMessage(), e);
      }
    }

    String cell(int column) {
      int i = index[column];
      return i < cells.length ? cells[i] : "";
    }

    long number(int column) {
      try {
        return Long.parseLong(cell(column));
      } catch (NumberFormatException e) {
        throw bad(column, "is not a whole number");
      }
    }

    Instant instant(int column) {
      try {
        return Instant.parse(cell(column));
      } catch (DateTimeException e) {
        throw bad(column, "is not an ISO-8601 instant");
      }
    }

    private WlatException bad(int column, String what) {
      String v = Redaction.redact(cell(column));
      return WlatException.invalidInput(file + ":" + line + ": [" + (v.length() > 40 ? v.substring(0, 37) + "..." : v)
          + "] " + what + "; run wlat validate");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The summary
  // ---------------------------------------------------------------------------------------------

  /** Renders {@code latest_<window>_value_summary.md}. */
  static final class Markdown {
    private Markdown() {}

    static String usd(UsdAmount a) {
      return a.toDecimal(2).toPlainString();
    }

    static String perMillion(UsdAmount usd, long tokens) {
      return tokens == 0 ? "" : usd.times(1_000_000).dividedBy(tokens).toDecimal(4).toPlainString();
    }

    static String range(ReportWindow w) {
      if (w.window().isAll()) {
        return "all history, as of " + Cells.instant(w.asOf());
      }
      return Cells.instant(w.window().since()) + " to " + Cells.instant(w.window().until());
    }

    static List<String[]> bucketRows(ValueSummary s) {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"base", n(s.baseTokens()), share(s.baseTokens(), s.tokens()), usd(s.baseUsd()),
          perMillion(s.baseUsd(), s.baseTokens())});
      rows.add(new String[] {"purchased", n(s.purchasedTokens()), share(s.purchasedTokens(), s.tokens()),
          usd(s.purchasedUsd()), perMillion(s.purchasedUsd(), s.purchasedTokens())});
      rows.add(new String[] {"unpriced: entitlement_exhausted", n(s.exhaustedTokens()),
          share(s.exhaustedTokens(), s.tokens()), "", ""});
      rows.add(new String[] {"unpriced: no_entitlement_window", n(s.noWindowTokens()),
          share(s.noWindowTokens(), s.tokens()), "", ""});
      rows.add(new String[] {"total", n(s.tokens()), s.tokens() == 0 ? "" : "100.0%", usd(s.usd()),
          perMillion(s.usd(), s.baseTokens() + s.purchasedTokens())});
      return rows;
    }

    static String summary(ReportWindow w, String runId, Path entitlementsFile, Path root, List<Entitlement> windows,
        ValueSummary s, ValueSummary before, Inputs in) {
      StringBuilder md = new StringBuilder(4096);
      md.append("# Token value, ").append(w.window().isAll() ? "all history" : "last " + w.label()).append("\n\n");
      md.append("Window ").append(range(w)).append(" (").append(w.label()).append("), run ").append(runId)
          .append(". Entitlements: `").append(code(entitlementsFile.toString())).append("` (").append(windows.size())
          .append(windows.size() == 1 ? " window" : " windows").append("). Data: `")
          .append(code(root.resolve("data").toString())).append("`.\n\n");
      md.append("Each accounting row's `cumulative_delta_tokens` go, in time order, to the entitlement window that"
          + " contains the row: first to its base subscription tokens, then to its purchased tokens, then to"
          + " unpriced; a row that crosses a boundary is split exactly. A token's value is its bucket's usd / tokens."
          + " Rows before the report window use up their entitlement window as they did, but are not counted here."
          + " Rate-limit percentages are never used.\n\n");
      table(md, List.of("bucket", "tokens", "share", "usd", "usd per million"), bucketRows(s));
      md.append("`usd per million` of the total is over priced tokens (base and purchased).\n\n");

      md.append("## Entitlement windows\n\n");
      if (windows.isEmpty()) {
        md.append("The entitlements file lists no window: every token is unpriced.\n\n");
      } else {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < s.windows().size(); i++) {
          ValueSummary.WindowUse u = s.windows().get(i);
          ValueSummary.WindowUse b = before.windows().get(i);
          Entitlement e = u.entitlement();
          rows.add(new String[] {Cells.instant(e.windowStart()) + " to " + Cells.instant(e.windowEnd()),
              Redaction.snippet(e.source()), e.confidence().label(),
              usd(UsdAmount.of(e.baseSubscriptionUsd())) + " for " + n(e.baseSubscriptionTokens()),
              n(u.baseUsed()) + (b.baseUsed() > 0 ? " (+" + n(b.baseUsed()) + " before)" : ""),
              e.purchasedTokens() == 0 ? "none"
                  : usd(UsdAmount.of(e.purchasedUsd())) + " for " + n(e.purchasedTokens()),
              n(u.purchasedUsed()) + (b.purchasedUsed() > 0 ? " (+" + n(b.purchasedUsed()) + " before)" : ""),
              n(u.exhaustedTokens()), usd(u.usd()),
              e.evidencePath() == null ? "" : Redaction.snippet(e.evidencePath())});
        }
        table(md, List.of("window", "source", "confidence", "base (usd for tokens)", "base used",
            "purchased (usd for tokens)", "purchased used", "beyond both", "value used (usd)", "evidence"), rows);
        if (before.baseTokens() + before.purchasedTokens() > 0) {
          md.append("\"before\": tokens of rows before the report window, which used the window up first.\n\n");
        }
      }

      md.append("## By repository\n\n");
      List<String[]> repos = new ArrayList<>();
      int shown = 0;
      long restTokens = 0;
      long restPriced = 0;
      UsdAmount restUsd = UsdAmount.ZERO;
      for (ValueSummary.GroupValue g : s.byRepo()) {
        if (shown++ < 10) {
          repos.add(new String[] {g.key() == null ? "(none)" : g.key(), n(g.tokens()), n(g.pricedTokens()), usd(g.usd())});
        } else {
          restTokens += g.tokens();
          restPriced += g.pricedTokens();
          restUsd = restUsd.plus(g.usd());
        }
      }
      if (shown > 10) {
        repos.add(new String[] {"(" + (shown - 10) + " more)", n(restTokens), n(restPriced), usd(restUsd)});
      }
      if (repos.isEmpty()) {
        md.append("No tokens in the window.\n\n");
      } else {
        table(md, List.of("github_repo", "tokens", "priced tokens", "usd"), repos);
      }

      md.append("## Observed credits (reported, not used in allocation)\n\n");
      if (in.firstCreditsAt == null) {
        md.append("No plan type, credit flag or credit balance was observed in the window's token events.\n\n");
      } else {
        table(md, List.of("observed", "timestamp", "plan_type", "credits_has_credits", "credits_unlimited",
            "credits_balance"), List.of(
            credits("first", in.firstCreditsAt, in.firstCredits),
            credits("last", in.lastCreditsAt, in.lastCredits)));
        md.append("From `data/raw_token_events.tsv`. Codex reports these with its rate limits; wlat shows them as seen"
            + " and never turns them, or rate-limit percentages, into token allocations.\n\n");
      }

      List<String> caveats = new ArrayList<>();
      if (in.dataSince != null) {
        for (Entitlement e : windows) {
          if (e.windowStart().isBefore(in.dataSince) && e.windowEnd().isAfter(in.dataSince)) {
            caveats.add("The data start at " + Cells.instant(in.dataSince) + ", after the window starting "
                + Cells.instant(e.windowStart()) + " began: its tokens used before then are not in the data, so its"
                + " base may in truth have run out sooner than shown. Backfill with an earlier --since to fix.");
          }
        }
      }
      if (s.noWindowTokens() > 0) {
        caveats.add(n(s.noWindowTokens()) + " tokens lie outside every entitlement window: add windows to the"
            + " entitlements file to price them.");
      }
      caveats.add("Amounts are exact until printed: usd rounds half-even to 2 decimals here and to 6 in"
          + " data/token_value_allocations.tsv; usd per million to 4 here and 6 there.");
      md.append("## Notes\n\n");
      for (String c : caveats) {
        md.append("- ").append(c).append('\n');
      }
      md.append('\n');
      return md.toString();
    }

    private static String[] credits(String which, Instant at, String[] seen) {
      return new String[] {which, Cells.instant(at), seen[0], seen[1], seen[2], seen[3]};
    }

    private static String n(long v) {
      return String.format(Locale.ROOT, "%,d", v);
    }

    private static String share(long part, long whole) {
      return whole == 0 ? "" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    private static String code(String s) {
      return s.replace("`", "'");
    }

    private static void table(StringBuilder md, List<String> header, List<String[]> rows) {
      md.append('|');
      for (String h : header) {
        md.append(' ').append(cell(h)).append(" |");
      }
      md.append("\n|");
      for (int i = 0; i < header.size(); i++) {
        md.append("---|");
      }
      md.append('\n');
      for (String[] row : rows) {
        md.append('|');
        for (String c : row) {
          md.append(' ').append(cell(c)).append(" |");
        }
        md.append('\n');
      }
      md.append('\n');
    }

    private static String cell(String s) {
      return s == null ? "" : s.replace("|", "\\|").replace("\n", " ").replace("\r", " ");
    }
  }
}
