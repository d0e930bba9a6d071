package dev.wlat.report.summary.internal;

import dev.wlat.model.Charge;
import dev.wlat.model.PriceBasis;
import dev.wlat.report.summary.ModelUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import dev.wlat.model.AccountingWarning;
import dev.wlat.model.ConfidenceSummary;
import dev.wlat.model.OutcomeHeadline;
import dev.wlat.model.TimeWindow;
import dev.wlat.model.TokenUsage;
import dev.wlat.report.summary.Coverage;
import dev.wlat.report.summary.InflationCause;
import dev.wlat.report.summary.ParserWarning;
import dev.wlat.report.summary.PeriodUsage;
import dev.wlat.report.summary.Ranked;
import dev.wlat.report.summary.Report;
import dev.wlat.report.summary.ReportTables;
import dev.wlat.report.summary.ThreadUsage;
import dev.wlat.report.summary.UsageSums;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/*
 * The summary says in plain words, with numbers, what the window's usage was and why the naive
 * figures differ, then lists where it went. Sections, in order: the window and the data; usage by
 * every metric; why the metrics differ; the split by token kind; usage over time; top threads; top
 * repositories and workstreams; outcomes; boundary uncertainty; parser warnings; attribution
 * confidence and what to do for better attribution; the files written.
 *
 * Only figures, ids and labels from the data TSVs appear; titles and labels are escaped for Markdown.
 * Nothing depends on the clock or the run id, so the same data and --as-of give the same text.
 */

/** Renders a {@link Report} as Markdown. */
public final class SummaryMarkdown {

  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Report r;
  private final UsageSums t;
  private final long total;
  private final Markdown md = new Markdown();

  private SummaryMarkdown(Report r) {
    this.r = r;
    this.t = r.total();
    this.total = t.cumulativeDeltaTokens();
  }

  /** {@return the summary of {@code report}}. */
  public static String render(Report report) {
    return new SummaryMarkdown(report).build();
  }

  private String build() {
    header();
    usage();
    cost();
    insights();
    differences();
    split();
    overTime();
    topThreads();
    reposAndWorkstreams();
    outcomes();
    boundary();
    parserWarnings();
    attribution();
    files();
    return md.text();
  }

  // ---------------------------------------------------------------------------------------------
  // sections
  // ---------------------------------------------------------------------------------------------

  private void header() {
    TimeWindow w = r.window().window();
    String label = r.window().label();
    md.title("wlat report: " + (label.equals("all") ? "all history" : "the last " + words(label)));
    String span = w.isAll() ? "all token rows in the data (as of " + time(r.window().asOf()) + ")"
        : (w.since() == null ? "the beginning" : time(w.since())) + " to " + time(w.until())
            + " (the " + words(label) + " before " + time(r.window().asOf()) + ", end excluded)";
    Coverage c = r.coverage();
    StringBuilder data = new StringBuilder();
    data.append("Window: ").append(span).append("; days, weeks and months in ").append(r.zone().getId()).append(". ");
    data.append("Data: ");
    if (c.backfillRunId() != null) {
      data.append("written by backfill run ").append(Markdown.code(c.backfillRunId()));
      if (c.backfillSinceText() != null) {
        data.append(" (--since ").append(Markdown.escape(c.backfillSinceText().split(" ")[0])).append(')');
      }
      data.append(", ");
    }
    if (c.earliestEvent() == null) {
      data.append("no token rows.");
    } else {
      data.append(n(r.inputRows().getOrDefault("token_event_accounting.tsv", 0L))).append(" token rows from ")
          .append(time(c.earliestEvent())).append(" to ").append(time(c.latestEvent())).append('.');
    }
    md.paragraph(data.toString());
    List<String> warnings = new ArrayList<>();
    for (String gap : c.gaps()) {
      warnings.add("**The data covers less than the window.** " + Markdown.escape(gap));
    }
    for (String i : r.inconsistencies()) {
      warnings.add("**The data files disagree:** " + Markdown.escape(i) + "; rerun wlat backfill.");
    }
    if (!warnings.isEmpty()) {
      md.quote(warnings);
    }
  }

  private void usage() {
    md.section("Usage");
    if (t.tokenEventCount() == 0) {
      md.paragraph("No token rows fall inside this window: nothing was used, or the data does not reach it"
          + " (see above).");
      return;
    }
    md.paragraph(String.format(Locale.ROOT, "**%s tokens** were used in this window (`cumulative_delta_tokens`: the"
        + " increases of Codex's cumulative counters, the basis of every number below), in %s and %s. Summed naively, the rows say %s (`observed_event_sum_tokens`): %s.",
        n(total), count(r.threadCount(), "thread", "threads"), count(t.tokenEventCount(), "token row", "token rows"),
        n(t.observedEventSumTokens()),
        t.inflationFactor() == null ? "there is no real usage to compare with"
            : "an **inflation factor of " + x(t.inflationFactor()) + "** over the real usage"));
    List<String[]> rows = new ArrayList<>();
    rows.add(metric("cumulative_delta_tokens", total, "positive increases of the cumulative totals: the real usage"));
    rows.add(metric("observed_event_sum_tokens", t.observedEventSumTokens(),
        "every row's last usage, re-emits and replays included: what a naive sum reports"));
    rows.add(metric("final_session_total_tokens", r.finalSessionTotalTokens(),
        "each session's largest cumulative total, over the full history of the sessions active in the window"));
    rows.add(metric("final_thread_total_tokens", r.finalThreadTotalTokens(),
        "each thread's largest cumulative total (full history; undercounts resumed threads)"));
    rows.add(metric("unique_last_per_thread_turn_tokens", t.uniqueLastPerThreadTurnTokens(),
        "per-turn estimate: each (thread, turn, last usage) once"));
    rows.add(metric("unique_last_per_session_turn_tokens", t.uniqueLastPerSessionTurnTokens(),
        "per-turn estimate: each (session, turn, last usage) once"));
    rows.add(metric("deduped_turn_tokens", t.dedupedTurnTokens(),
        "per-turn estimate: last usage of rows that are not re-emits, replays, duplicates or info-less"));
    md.table(List.of("metric", "tokens", "× real usage", "what it counts"), rows, 1, 2);
  }

  private void cost() {
    if (t.tokenEventCount() == 0) {
      return;
    }
    md.section("Cost");
    if (!r.priced()) {
      md.paragraph("The data has no cost columns: it was written by an earlier wlat. Run `wlat backfill` again"
          + " to price it.");
      return;
    }
    Charge usd = t.usd();
    Charge credits = t.credits();
    StringBuilder p = new StringBuilder();
    p.append(String.format(Locale.ROOT, "At API list prices this window's usage would cost **%s**", money(usd)));
    p.append(credits.amount() == null ? "; no part of it has a Codex credit rate."
        : String.format(Locale.ROOT, ", or **%s Codex credits** at the credit rate card (%s).", decimal(credits.amount()),
            basisWords(credits)));
    p.append(" Cost is uncached input, cached input and output at each model's rates (cached input and reasoning"
        + " are parts of input and output, never added again); `wlat pricing list` shows the rates and their sources.");
    if (usd.unpricedTokens() > 0) {
      List<String> unpriced = new ArrayList<>();
      for (ModelUsage m : r.models()) {
        if (m.usage().usd().unpricedTokens() > 0) {
          unpriced.add("`" + Markdown.escape(m.model()) + "`");
        }
      }
      p.append(String.format(Locale.ROOT, " **%s tokens are unpriced** (%s: no price row); they are left out of the"
          + " dollar figure, not counted as $0: add their rates with `--pricing FILE`.", n(usd.unpricedTokens()),
          String.join(", ", unpriced)));
    }
    md.paragraph(p.toString());
    List<String[]> rows = new ArrayList<>();
    for (ModelUsage m : r.models()) {
      UsageSums u = m.usage();
      rows.add(new String[] {Markdown.code(m.model()), n(u.cumulativeDeltaTokens()), pct(u.cacheRatio()),
          money(u.usd()), u.usd().basis() == null ? "" : u.usd().basis().label(),
          u.credits().amount() == null ? "" : decimal(u.credits().amount()),
          u.credits().basis() == null ? "" : u.credits().basis().label()});
    }
    md.table(List.of("model", "cumulative_delta_tokens", "cached share of input", "cost (USD)", "price basis",
        "credits", "credit basis"), rows, 1, 2, 3, 5);
  }

  private void insights() {
    if (t.tokenEventCount() == 0) {
      return;
    }
    md.section("Insights");
    List<dev.wlat.accounting.insights.Insight> all = r.insights();
    if (all.isEmpty()) {
      md.paragraph("Nothing flagged: no thread or call of the window crossed a threshold (`wlat insights"
          + " --show-thresholds` lists them).");
      return;
    }
    int shown = Math.min(5, all.size());
    md.paragraph(String.format(Locale.ROOT, "%s; the %d with the highest attention score (tokens at stake × how far"
        + " past its threshold) first. `wlat insights --output-root …` lists them all; thresholds come from"
        + " `config/thresholds.tsv` when it exists.", count(all.size(), "finding", "findings"), shown));
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < shown; i++) {
      dev.wlat.accounting.insights.Insight s = all.get(i);
      rows.add(new String[] {Integer.toString(i + 1), Markdown.code(s.kind().label()), Markdown.code(s.threadId()),
          n(Math.round(s.score())), Markdown.escape(s.why()), Markdown.escape(s.action())});
    }
    md.table(List.of("#", "kind", "thread", "score", "why", "what to do"), rows, 0, 3);
  }

  private static String money(Charge c) {
    if (c.amount() == null) {
      return "unpriced";
    }
    BigDecimal cents = c.amount().setScale(2, RoundingMode.HALF_UP);
    String s = "$" + String.format(Locale.ROOT, "%,.2f", cents);
    if (cents.signum() == 0 && c.amount().signum() > 0) {
      s = "$" + c.amount().stripTrailingZeros().toPlainString();
    }
    return switch (c.basis()) {
      case LISTED -> s;
      case UNPRICED -> s + " (partly unpriced)";
      default -> s + " (" + c.basis().label() + ")";
    };
  }

  private static String decimal(BigDecimal d) {
    return String.format(Locale.ROOT, "%,.2f", d.setScale(2, RoundingMode.HALF_UP));
  }

  private static String basisWords(Charge c) {
    return switch (c.basis()) {
      case LISTED -> "every part at a listed rate";
      case USER -> "partly at your own rates";
      case ESTIMATED -> "partly estimated: usage before token-based credits, or a model priced as another";
      case UNPRICED -> "some usage has no credit rate";
    };
  }

  private String[] metric(String name, long value, String what) {
    return new String[] {"`" + name + "`", n(value), total == 0 ? "" : x((double) value / total), what};
  }

  private void differences() {
    if (t.tokenEventCount() == 0) {
      return;
    }
    md.section("Why the numbers differ");
    long gap = t.observedEventSumTokens() - total;
    md.paragraph(String.format(Locale.ROOT, "`observed_event_sum_tokens` %s `cumulative_delta_tokens` by %s tokens."
        + " Each token row's difference (its last usage minus its delta) is put down to one cause, from its"
        + " `delta_source` and `warning_flags` in `token_event_accounting.tsv`:",
        gap >= 0 ? "exceeds" : "falls short of", n(Math.abs(gap))));
    List<String[]> rows = new ArrayList<>();
    for (InflationCause.Share s : r.inflation()) {
      if (s.rows() == 0 && s.tokens() == 0) {
        continue;
      }
      rows.add(new String[] {s.cause().label(), n(s.rows()), signed(s.tokens()),
          gap == 0 ? "" : pct((double) s.tokens() / gap), s.cause().description()});
    }
    rows.add(new String[] {"**total**", "", signed(gap), gap == 0 ? "" : "100.0%", "observed − delta"});
    md.table(List.of("cause", "rows", "extra tokens", "share", "what the rows are"), rows, 1, 2, 3);

    Map<AccountingWarning, Long> flags = r.warningCounts();
    List<String> why = new ArrayList<>();
    long finalSession = r.finalSessionTotalTokens();
    List<String> reasons = new ArrayList<>();
    long replayed = flags.get(AccountingWarning.REPLAYED_PREFIX) + flags.get(AccountingWarning.REPLAY_UNVERIFIED);
    if (replayed > 0) {
      reasons.add("a fork's or subagent's final total includes the parent history it replayed (" + n(replayed)
          + " replayed rows in the window)");
    }
    long resets = flags.get(AccountingWarning.CUMULATIVE_RESET);
    if (resets > 0) {
      reasons.add("a session whose counter restarted (" + n(resets) + (resets == 1 ? " reset" : " resets")
          + ") keeps only its largest run");
    }
    if (r.window().window().since() != null) {
      reasons.add("sessions that began before the window start bring their earlier usage");
    }
    reasons.add("a file accounted from usage records may restart its totals every turn");
    why.add(String.format(Locale.ROOT, "`final_session_total_tokens` (%s) is %s the real usage: %s.", n(finalSession),
        relation(finalSession), String.join("; ", reasons)));
    long perTurn = t.uniqueLastPerThreadTurnTokens();
    why.add(String.format(Locale.ROOT, "The per-turn estimates count each turn's last usage once; "
        + "`unique_last_per_thread_turn_tokens` (%s) is %s the real usage, where a turn's last usage is not the"
        + " increase of its total (compactions, %s rows without usage info, %s rows repeating a last usage).",
        n(perTurn), relation(perTurn), n(flags.get(AccountingWarning.INFO_MISSING)),
        n(flags.get(AccountingWarning.REPEATED_LAST_USAGE))));
    List<String> flagged = new ArrayList<>();
    flags.forEach((w, count) -> {
      if (count > 0) {
        flagged.add("`" + w.label() + "` " + n(count));
      }
    });
    if (!flagged.isEmpty()) {
      why.add("Rows flagged in the window: " + String.join(", ", flagged) + ".");
    }
    List<String> sources = new ArrayList<>();
    r.deltaSourceCounts().entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> sources.add("`" + e.getKey() + "` " + n(e.getValue())));
    why.add("Rows by `delta_source`: " + String.join(", ", sources) + ".");
    md.bullets(why);
  }

  private String relation(long value) {
    if (total == 0 || value == total) {
      return value == total ? "equal to" : "above";
    }
    double f = (double) value / total;
    return String.format(Locale.ROOT, "%s %s", pct(Math.abs(f - 1)), value > total ? "above" : "below");
  }

  private void split() {
    if (total == 0) {
      return;
    }
    md.section("Input, cached, output and reasoning tokens");
    TokenUsage d = t.delta();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"input (cached included)", n(d.inputTokens()), share(d.inputTokens(), d.totalTokens()) + " of all"});
    rows.add(new String[] {"cached input", n(d.cachedInputTokens()),
        share(d.cachedInputTokens(), d.inputTokens()) + " of input (the cache ratio)"});
    rows.add(new String[] {"uncached input", n(d.uncachedInputTokens()), share(d.uncachedInputTokens(), d.inputTokens()) + " of input"});
    rows.add(new String[] {"output (reasoning included)", n(d.outputTokens()), share(d.outputTokens(), d.totalTokens()) + " of all"});
    rows.add(new String[] {"reasoning output", n(d.reasoningOutputTokens()),
        share(d.reasoningOutputTokens(), d.outputTokens()) + " of output"});
    if (d.cacheWriteInputTokens() > 0) {
      rows.add(new String[] {"cache-write input", n(d.cacheWriteInputTokens()), share(d.cacheWriteInputTokens(), d.inputTokens()) + " of input"});
    }
    md.table(List.of("tokens", "count", "share"), rows, 1, 2);
    md.paragraph(String.format(Locale.ROOT, "Cache ratio (cached ÷ input): **%s**. Codex's fields nest: input"
        + " includes cached input and output includes reasoning, so input + output = all; pricing that adds"
        + " cached to input, or reasoning to output, bills twice.", pct(t.cacheRatio())));
  }

  private void overTime() {
    if (r.days().isEmpty()) {
      return;
    }
    md.section("Over time");
    PeriodUsage busiest = r.days().get(0);
    for (PeriodUsage p : r.days()) {
      if (p.usage().cumulativeDeltaTokens() > busiest.usage().cumulativeDeltaTokens()) {
        busiest = p;
      }
    }
    boolean partial = r.days().stream().anyMatch(PeriodUsage::partial) || r.weeks().stream().anyMatch(PeriodUsage::partial)
        || r.months().stream().anyMatch(PeriodUsage::partial);
    md.paragraph(String.format(Locale.ROOT, "%s with usage; the busiest, %s, used %s tokens (%s). Every day, week"
        + " and month is recomputed from the token rows inside the window, so they add up to the total exactly%s."
        + " Per day: `%s`.", count(r.days().size(), "day", "days"), busiest.key(), n(busiest.usage().cumulativeDeltaTokens()),
        share(busiest.usage().cumulativeDeltaTokens(), total),
        partial ? "; a period the window cuts (marked partial) holds only its rows inside the window" : "",
        r.window().latest(ReportTables.DAILY)));
    periodTable("week", r.weeks());
    periodTable("month", r.months());
  }

  private void periodTable(String name, List<PeriodUsage> periods) {
    List<String[]> rows = new ArrayList<>();
    for (PeriodUsage p : periods) {
      UsageSums u = p.usage();
      rows.add(new String[] {p.key() + (p.partial() ? " (partial)" : ""), n(p.threadCount()), n(u.cumulativeDeltaTokens()),
          share(u.cumulativeDeltaTokens(), total), n(u.observedEventSumTokens()),
          u.inflationFactor() == null ? "" : x(u.inflationFactor()), pct(u.cacheRatio())});
    }
    md.table(List.of(name, "threads", "tokens", "share", "observed", "inflation", "cache ratio"), rows, 1, 2, 3, 4, 5, 6);
  }

  private void topThreads() {
    List<ThreadUsage> threads = r.threads();
    if (threads.isEmpty()) {
      return;
    }
    int shown = Math.min(r.top(), threads.size());
    md.section("Top threads");
    md.paragraph(String.format(Locale.ROOT, "The %s of %s threads with the most tokens in the window; all of them, with"
        + " their full-history figures, are in `%s`.", shown == threads.size() ? "all" : "top " + shown,
        n(threads.size()), r.window().latest(ReportTables.THREAD_ROLLUPS)));
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < shown; i++) {
      ThreadUsage u = threads.get(i);
      String where = u.githubRepo() == null ? Markdown.escape(u.workstreamLabel())
          : Markdown.escape(u.githubRepo()) + " / " + Markdown.escape(workstreamTopic(u));
      String history = u.history() == null ? "" : n(u.history().cumulativeDeltaTokens());
      rows.add(new String[] {Integer.toString(i + 1), Markdown.code(u.threadId()),
          u.title() == null ? "(untitled)" : Markdown.escape(u.title()), where, u.confidence().label(), n(u.tokens()),
          share(u.tokens(), total), history});
    }
    md.table(List.of("#", "thread", "title", "repo / workstream", "confidence", "tokens", "share", "full history"), rows,
        0, 5, 6, 7);
  }

  private static String workstreamTopic(ThreadUsage u) {
    String w = u.workstreamLabel();
    String prefix = u.githubRepo() + ":";
    return w.startsWith(prefix) ? w.substring(prefix.length()) : w;
  }

  private void reposAndWorkstreams() {
    if (r.threads().isEmpty()) {
      return;
    }
    md.section("Repositories and workstreams");
    md.table(List.of("GitHub repository", "threads", "tokens", "share"), ranked(r.repos(), "(no GitHub repository)"),
        1, 2, 3);
    md.table(List.of("workstream", "threads", "tokens", "share"), ranked(r.workstreams(), "(none)"), 1, 2, 3);
    md.paragraph("Every (repository, workstream, outcome, confidence) with its linked commits, PRs, issues and"
        + " releases is in `" + r.window().latest(ReportTables.REPO_WORKSTREAM_OUTCOME_ROLLUPS) + "`.");
  }

  private List<String[]> ranked(List<Ranked> list, String empty) {
    List<String[]> rows = new ArrayList<>();
    int shown = 0;
    long rest = 0;
    long restThreads = 0;
    for (Ranked k : list) {
      if (shown < r.top()) {
        rows.add(new String[] {k.name().isEmpty() ? empty : Markdown.escape(k.name()), n(k.threadCount()), n(k.tokens()),
            share(k.tokens(), total)});
        shown++;
      } else {
        rest += k.tokens();
        restThreads += k.threadCount();
      }
    }
    if (shown < list.size()) {
      rows.add(new String[] {"(" + n(list.size() - shown) + " more)", n(restThreads), n(rest), share(rest, total)});
    }
    return rows;
  }

  private void outcomes() {
    if (r.threads().isEmpty()) {
      return;
    }
    md.section("Outcomes");
    OutcomeHeadline h = r.headline();
    List<String> lines = new ArrayList<>();
    lines.add(per("merged pull request", h.mergedPullRequests(), h.mergedPullRequestTokens(), h.tokensPerMergedPullRequest()));
    lines.add(per("closed issue", h.closedIssues(), h.closedIssueTokens(), h.tokensPerClosedIssue()));
    lines.add(per("release", h.releases(), h.releaseTokens(), h.tokensPerRelease()));
    long links = r.threads().stream().mapToLong(ThreadUsage::linkCount).sum();
    lines.add(String.format(Locale.ROOT, "%s outcome links from %s threads; a thread's in-window tokens are shared over"
        + " its links in equal parts, so no token is counted twice.", n(links),
        n(r.threads().stream().filter(u -> u.linkCount() > 0).count())));
    md.bullets(lines);
    List<String[]> rows = new ArrayList<>();
    for (Ranked k : r.outcomeTypes()) {
      rows.add(new String[] {k.name(), n(k.threadCount()), n(k.tokens()), share(k.tokens(), total)});
    }
    md.table(List.of("outcome type", "threads", "tokens", "share"), rows, 1, 2, 3);
  }

  private static String per(String what, long count, long tokens, Double perOne) {
    if (count == 0) {
      return "No " + what + " linked.";
    }
    return String.format(Locale.ROOT, "%s %s%s linked, carrying %s tokens: **%s tokens per %s**.", n(count), what,
        count == 1 ? "" : "s", n(tokens), n(Math.round(perOne)), what);
  }

  private void boundary() {
    md.section("Boundary uncertainty");
    if (t.boundaryUncertainEventCount() == 0) {
      md.paragraph(r.window().window().since() == null
          ? "None: the window has no start, so no session straddles it."
          : "None: no session with usage in the window has token rows before its start.");
      return;
    }
    long b = t.boundaryUncertainTokens();
    md.paragraph(String.format(Locale.ROOT, "%s carrying %s tokens (%s of the window) %s flagged"
        + " `boundary_uncertain`: each is the first in-window usage of a session that has token rows before the"
        + " window start, so its delta may include usage from before the start. They are counted in the window (a"
        + " delta is never split or guessed): the window's real usage lies between %s and %s tokens.",
        count(t.boundaryUncertainEventCount(), "token row", "token rows"), n(b), share(b, total),
        t.boundaryUncertainEventCount() == 1 ? "is" : "are", n(total - b), n(total)));
  }

  private void parserWarnings() {
    md.section("Parser warnings");
    List<ParserWarning> warnings = r.parserWarnings();
    if (warnings.isEmpty()) {
      md.paragraph("None: the " + n(r.rolloutFilesRead()) + " rollout files the backfill read had no malformed,"
          + " truncated or unknown lines.");
      return;
    }
    long lines = warnings.stream().mapToLong(ParserWarning::lines).sum();
    md.paragraph(String.format(Locale.ROOT, "The parser counted %s bad %s in the %s rollout files the backfill read;"
        + " none stops a run, and none is silently dropped (`rollout_files.tsv`, columns `issue_count` and `issues`;"
        + " `wlat inspect-log FILE` shows one file's lines):", n(lines), lines == 1 ? "line" : "lines",
        n(r.rolloutFilesRead())));
    List<String[]> rows = new ArrayList<>();
    for (ParserWarning w : warnings) {
      List<String> places = new ArrayList<>();
      for (String p : w.firstPlaces()) {
        places.add(Markdown.code(p));
      }
      rows.add(new String[] {Markdown.code(w.kind()), n(w.lines()), n(w.files()), String.join(", ", places)});
    }
    md.table(List.of("kind", "lines", "files", "first places"), rows, 1, 2);
  }

  private void attribution() {
    md.section("Attribution confidence");
    OutcomeHeadline h = r.headline();
    md.paragraph(String.format(Locale.ROOT, "%s of %s tokens (%s) are attributed manual, exact or strong; %s (%s) to a"
        + " GitHub repository.", n(h.exactOrStrongTokens()), n(h.totalTokens()), pct(h.exactOrStrongShare()),
        n(h.githubRepoTokens()), share(h.githubRepoTokens(), h.totalTokens())));
    List<String[]> rows = new ArrayList<>();
    for (ConfidenceSummary c : r.confidenceSummary()) {
      rows.add(new String[] {c.confidence().label(), n(c.threadCount()), n(c.tokens()), pct(c.tokenShare()),
          n(c.githubRepoTokens()), n(c.linkCount()), n(c.linkAllocatedTokens())});
    }
    md.table(List.of("confidence", "threads", "tokens", "share", "to a GitHub repo", "links", "link tokens"), rows,
        1, 2, 3, 4, 5, 6);
    md.paragraph("manual: an overrides row; exact: a commit or PR names the thread, or the session's commit or branch"
        + " ties to a PR or issue; strong: two signals agree (cwd, recorded origin, branch, commit); derived: one"
        + " signal; weak: only a folder name; none: nothing to go on.");
    md.subsection("For better attribution");
    List<String> s = r.suggestions();
    md.bullets(s.isEmpty() ? List.of("Nothing stands out: most tokens are attributed and linked. Map what is left"
        + " in an overrides file (`--attribution-overrides`).") : s);
  }

  private void files() {
    md.section("Files");
    List<String> names = new ArrayList<>();
    for (String name : List.of(ReportTables.SUMMARY, ReportTables.THREAD_ROLLUPS,
        ReportTables.REPO_WORKSTREAM_OUTCOME_ROLLUPS, ReportTables.DAILY, ReportTables.WEEKLY, ReportTables.MONTHLY,
        ReportTables.CONFIDENCE)) {
      names.add("`" + r.window().latest(name) + "`");
    }
    md.paragraph("Under `reports/`, each also kept as `<run_id>_" + r.window().label() + "_…`: "
        + String.join(", ", names) + ". Tab-separated, header first; the data they come from is under `data/`.");
  }

  // ---------------------------------------------------------------------------------------------
  // formatting
  // ---------------------------------------------------------------------------------------------

  private static String n(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  private static String count(long v, String one, String many) {
    return n(v) + " " + (v == 1 ? one : many);
  }

  /** {@return a window label in words: {@code 30d} → {@code 30 days}}. */
  private static String words(String label) {
    long v = Long.parseLong(label.substring(0, label.length() - 1));
    return switch (label.charAt(label.length() - 1)) {
      case 'm' -> count(v, "minute", "minutes");
      case 'h' -> count(v, "hour", "hours");
      case 'd' -> count(v, "day", "days");
      default -> count(v, "week", "weeks");
    };
  }

  private static String signed(long v) {
    return v > 0 ? "+" + n(v) : v < 0 ? "−" + n(-v) : "0";
  }

  private static String x(double f) {
    return String.format(Locale.ROOT, "%.2fx", f);
  }

  private static String pct(double f) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * f);
  }

  private static String share(long part, long whole) {
    return whole == 0 ? "" : pct((double) part / whole);
  }

  private static String time(Instant t) {
    return t == null ? "" : MINUTE.format(t);
  }
}
