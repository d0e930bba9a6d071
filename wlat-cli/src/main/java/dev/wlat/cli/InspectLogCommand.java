package dev.wlat.cli;

import dev.wlat.accounting.ThreadAccountant;
import dev.wlat.ingest.IngestException;
import dev.wlat.ingest.RolloutFile;
import dev.wlat.ingest.RolloutParser;
import dev.wlat.model.AccountingWarning;
import dev.wlat.model.EventAccounting;
import dev.wlat.model.EventFlag;
import dev.wlat.model.IssueKind;
import dev.wlat.model.ParseDiagnostics;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.SessionSegment;
import dev.wlat.model.ThreadAccounting;
import dev.wlat.model.ThreadRollup;
import dev.wlat.model.TokenEvent;
import dev.wlat.report.Cells;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wlat inspect-log FILE}: what the parser sees in one rollout and the accounting it derives; writes nothing. */
@Command(name = "inspect-log", sortOptions = false,
    description = {"Show what wlat sees in one rollout file: line kinds, token rows, re-emits, replayed rows,",
        "resets, warnings with line numbers, and the accounting it would derive. Writes nothing."})
final class InspectLogCommand implements Callable<Integer> {

  @Mixin HelpOption help;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "A rollout-*.jsonl or .jsonl.zst file.")
  Path file;

  @Option(names = "--summary", description = "Leave out the table of token rows.")
  boolean summary;

  @Override
  public Integer call() {
    if (!Files.exists(file)) {
      throw WlatException.invalidInput("inspect-log: no such file: " + file);
    }
    if (!Files.isRegularFile(file)) {
      throw WlatException.invalidInput("inspect-log: not a rollout file (a directory?): " + file);
    }
    RolloutSegment parsed;
    try {
      parsed = RolloutParser.create().parse(RolloutFile.of(file));
    } catch (IngestException e) {
      throw WlatException.invalidInput(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    SessionSegment s = parsed.segment();
    out.println("file      " + s.sourcePath());
    out.println("thread    " + s.threadId() + (s.isChildThread() ? "  (child of " + s.parentId() + ")" : ""));
    out.println("segment   " + s.segmentId() + "  basis " + s.basis().label());
    out.printf(Locale.ROOT, "written   by %s %s, source %s, provider %s%n", nz(s.originator()), nz(s.cliVersion()),
        nz(s.source()), nz(s.modelProvider()));
    out.printf(Locale.ROOT, "lines     %,d (%,d bytes), %d session_meta, %d turns, %d compactions%n",
        s.lineCount(), s.byteCount(), s.sessionMetaCount(), s.turnCount(), s.compactionCount());
    StringBuilder kinds = new StringBuilder();
    for (Map.Entry<String, Long> k : s.lineKinds().entrySet()) {
      kinds.append(kinds.length() == 0 ? "" : ", ").append(k.getKey()).append(' ').append(k.getValue());
    }
    out.println("kinds     " + kinds);

    List<TokenEvent> events = parsed.events();
    out.printf(Locale.ROOT, "tokens    %d rows: %d info-null, %d repeated totals (re-emits), %d replayed, %d replay-unverified%n",
        events.size(), count(events, EventFlag.INFO_MISSING), count(events, EventFlag.REPEATED_TOTAL),
        count(events, EventFlag.REPLAYED), count(events, EventFlag.REPLAY_UNVERIFIED));

    ThreadAccounting acc = ThreadAccountant.create().account(List.of(parsed));
    if (!summary && !acc.events().isEmpty()) {
      out.println();
      out.printf(Locale.ROOT, "%7s  %-24s  %-12s  %12s  %10s  %10s  %s%n", "line", "timestamp", "turn",
          "total", "last", "delta", "flags");
      for (EventAccounting e : acc.events()) {
        TokenEvent ev = e.event();
        String turn = ev.turnId() == null ? "-" : shortId(ev.turnId());
        out.printf(Locale.ROOT, "%7d  %-24s  %-12s  %12s  %10s  %10d  %s%n", ev.lineNumber(),
            Cells.instant(ev.timestamp()), turn,
            ev.total() == null ? "-" : String.format(Locale.ROOT, "%,d", ev.total().totalTokens()),
            ev.last() == null ? "-" : String.format(Locale.ROOT, "%,d", ev.last().totalTokens()),
            e.delta().totalTokens(), flags(e));
      }
    }
    out.println();
    ParseDiagnostics d = parsed.diagnostics();
    if (d.isEmpty()) {
      out.println("warnings  none");
    } else {
      for (Map.Entry<IssueKind, Long> w : d.counts().entrySet()) {
        out.printf(Locale.ROOT, "warning   %s: %d line(s), first at line(s) %s%n", w.getKey().label(), w.getValue(),
            d.sampleLines().getOrDefault(w.getKey(), List.of()));
      }
    }
    ThreadRollup t = acc.thread();
    out.printf(Locale.ROOT, "observed_event_sum_tokens   %,d   (sum of last_token_usage over rows: diagnostic, overstates)%n",
        t.observedEventSumTokens());
    out.printf(Locale.ROOT, "final_session_total_tokens  %,d   (final cumulative total of the file)%n", t.finalSessionTotalTokens());
    out.printf(Locale.ROOT, "cumulative_delta_tokens     %,d   (positive deltas: what this file really adds)%n",
        t.cumulativeDeltaTokens());
    out.printf(Locale.ROOT, "  input %,d (cached %,d), output %,d (reasoning %,d); resets %d%n",
        t.delta().inputTokens(), t.delta().cachedInputTokens(), t.delta().outputTokens(),
        t.delta().reasoningOutputTokens(), t.cumulativeResetCount());
    if (t.cumulativeDeltaTokens() > 0) {
      out.printf(Locale.ROOT, "inflation   %.2fx if the rows were summed naively%n",
          (double) t.observedEventSumTokens() / t.cumulativeDeltaTokens());
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static String flags(EventAccounting e) {
    StringBuilder b = new StringBuilder();
    for (AccountingWarning w : e.warnings()) {
      b.append(b.length() == 0 ? "" : ",").append(w.label());
    }
    if (e.cumulativeReset() && !e.has(AccountingWarning.CUMULATIVE_RESET)) {
      b.append(b.length() == 0 ? "" : ",").append("cumulative_reset");
    }
    return b.toString();
  }

  private static long count(List<TokenEvent> events, EventFlag flag) {
    return events.stream().filter(e -> e.has(flag)).count();
  }

  private static String shortId(String id) {
    return id.length() <= 12 ? id : id.substring(0, 11) + "…";
  }

  private static String nz(String s) {
    return s == null ? "-" : s;
  }
}
