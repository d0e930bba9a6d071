package dev.wlat.ingest.capture;

import dev.wlat.ingest.CodexHome;
import dev.wlat.ingest.IngestException;
import dev.wlat.ingest.RolloutFile;
import dev.wlat.ingest.RolloutParser;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.TokenEvent;
import dev.wlat.model.TokenUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The usage of one captured run, reconciled when it ends: the run's rollout (found by the thread id
 * the stream named) gives the actual usage, the increase of its cumulative totals over the run;
 * without one, the stream's {@code turn.completed} usage is the parsed usage; without either, input
 * and output are estimated with o200k_base from the text the run saw, and the result says so.
 *
 * <p>For a JVM program that launches Codex itself: feed every stdout line to a {@link
 * CaptureStream}, then call {@link #finish}.
 */
public final class Capture {

  /** Rows this close before the run's start still belong to it (clocks and buffered writes). */
  static final Duration SLACK = Duration.ofSeconds(2);

  /** How an estimate is counted. */
  public static final String ESTIMATE_METHOD = "o200k_base: input from the command's arguments, output from the text"
      + " the run printed";

  private Capture() {}

  /**
   * {@return the run's usage}.
   *
   * @param stream what the run printed
   * @param codexHome the Codex home its rollout is under, or {@code null} to skip the rollout
   * @param start when the run started
   * @param end when it ended
   * @param inputText the text the run was given (its arguments), for an estimate
   */
  public static CapturedRun finish(CaptureStream stream, Path codexHome, Instant start, Instant end, String inputText) {
    List<String> warnings = new ArrayList<>();
    String thread = stream.threadId();
    if (thread != null && codexHome != null && Files.isDirectory(codexHome)) {
      CapturedRun fromRollout = fromRollout(thread, codexHome, start, end);
      if (fromRollout != null) {
        return fromRollout;
      }
    }
    TokenUsage parsed = stream.streamUsage();
    if (parsed != null) {
      List<CapturedRun.Turn> turns = new ArrayList<>();
      for (CaptureStream.StreamTurn t : stream.turns()) {
        if (t.usage() != null) {
          turns.add(new CapturedRun.Turn(t.index(), null, t.usage(), CaptureSource.PARSED));
        }
      }
      if (thread != null && codexHome != null) {
        warnings.add("no rollout of thread " + thread + " under " + codexHome + " with rows of this run: usage from"
            + " the stream's turn.completed events (parsed)");
      }
      return new CapturedRun(thread, null, parsed, CaptureSource.PARSED, null, turns, warnings);
    }
    String why;
    if (thread == null) {
      why = stream.jsonLines() == 0 ? "the command printed no Codex JSON events (not codex exec --json?)"
          : "the stream named no thread";
    } else if (stream.turnOpen() || stream.turns().isEmpty()) {
      why = "the run ended before a turn completed, and its rollout has no usage";
    } else {
      why = "no turn reported usage, and the rollout has none";
    }
    long input = CaptureStream.tokens(inputText);
    long output = stream.shownTokens();
    warnings.add("usage estimated: " + why + "; " + ESTIMATE_METHOD);
    return new CapturedRun(thread, null, TokenUsage.of(input, 0, output, 0, input + output), CaptureSource.ESTIMATED,
        ESTIMATE_METHOD, List.of(), warnings);
  }

  /** {@return the actual usage from the thread's rollout rows of the run, or {@code null} when it has none}. */
  private static CapturedRun fromRollout(String thread, Path codexHome, Instant start, Instant end) {
    List<TokenEvent> events = new ArrayList<>();
    try {
      RolloutParser parser = RolloutParser.create();
      // every file of the thread, however old: a resumed thread's earlier segments give its baseline
      for (RolloutFile f : CodexHome.open(codexHome).rollouts(null)) {
        if (thread.equals(f.threadIdFromName())) {
          RolloutSegment s = parser.parse(f);
          events.addAll(s.events());
        }
      }
    } catch (IngestException | java.io.UncheckedIOException e) {
      return null;
    }
    events.removeIf(e -> e.total() == null);
    events.sort(Comparator.comparing(TokenEvent::timestamp).thenComparingLong(TokenEvent::lineNumber));
    Instant from = start.minus(SLACK);
    Instant to = end.plus(SLACK);
    TokenUsage baseline = TokenUsage.ZERO; // a resumed thread: its total before the run
    List<TokenEvent> run = new ArrayList<>();
    for (TokenEvent e : events) {
      if (e.timestamp().isBefore(from)) {
        baseline = e.total();
      } else if (!e.timestamp().isAfter(to)) {
        run.add(e);
      }
    }
    if (run.isEmpty()) {
      return null;
    }
    Map<String, TokenUsage> lastOfTurn = new LinkedHashMap<>();
    String model = null;
    TokenUsage last = baseline;
    for (TokenEvent e : run) {
      lastOfTurn.put(e.turnId() == null ? "" : e.turnId(), e.total());
      last = e.total();
      if (e.model() != null) {
        model = e.model();
      }
    }
    List<CapturedRun.Turn> turns = new ArrayList<>();
    TokenUsage before = baseline;
    int i = 1;
    for (Map.Entry<String, TokenUsage> t : lastOfTurn.entrySet()) {
      turns.add(new CapturedRun.Turn(i++, t.getKey().isEmpty() ? null : t.getKey(), increase(before, t.getValue()),
          CaptureSource.ACTUAL));
      before = t.getValue();
    }
    return new CapturedRun(thread, model, increase(baseline, last), CaptureSource.ACTUAL, null, turns, List.of());
  }

  /** {@return {@code to − from} field by field, a drop (a reset) counting {@code to} whole}. */
  static TokenUsage increase(TokenUsage from, TokenUsage to) {
    if (to.totalTokens() < from.totalTokens()) {
      return to;
    }
    return new TokenUsage(Math.max(0, to.inputTokens() - from.inputTokens()),
        Math.max(0, to.cachedInputTokens() - from.cachedInputTokens()),
        Math.max(0, to.outputTokens() - from.outputTokens()),
        Math.max(0, to.reasoningOutputTokens() - from.reasoningOutputTokens()),
        to.totalTokens() - from.totalTokens(),
        Math.max(0, to.cacheWriteInputTokens() - from.cacheWriteInputTokens()));
  }
}
