package dev.wlat.accounting;

import dev.wlat.model.AccountingBasis;
import dev.wlat.model.EventFlag;
import dev.wlat.model.EventKind;
import dev.wlat.model.ParseDiagnostics;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.SegmentLocation;
import dev.wlat.model.SessionSegment;
import dev.wlat.model.TokenEvent;
import dev.wlat.model.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/*
 * Random threads whose rows are consistent the way Codex writes them: each own row's last usage is
 * its total minus the previous total of its segment, field by field (after a restart, its whole
 * total); re-emits repeat both; info-null rows carry nothing; a child's replayed prefix is the
 * parent's sequence, stamped within milliseconds, and its first own row repeats the replayed total.
 * Resume segments either repeat the previous total or restart from zero.
 */

/** Generates consistent random threads from a seed; see the block comment for the shapes. */
final class SyntheticThreads {

  /** What a generated thread may contain. */
  record Shape(boolean resets, boolean replay, int maxSegments) {
    static final Shape ANY = new Shape(true, true, 3);
    static final Shape PLAIN = new Shape(false, false, 1);
  }

  private static final Instant EPOCH = Instant.parse("2026-02-20T00:00:00Z");

  private final Random random;
  private final Shape shape;

  private SyntheticThreads(long seed, Shape shape) {
    this.random = new Random(seed);
    this.shape = shape;
  }

  /** {@return the segments of one random thread}. */
  static List<RolloutSegment> thread(long seed, String threadId, Shape shape) {
    return new SyntheticThreads(seed, shape).thread(threadId);
  }

  /** {@return the segments of {@code count} random threads}. */
  static List<List<RolloutSegment>> threads(long seed, int count, Shape shape) {
    List<List<RolloutSegment>> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(thread(seed * 31 + i, "thread-" + i, shape));
    }
    return all;
  }

  private List<RolloutSegment> thread(String threadId) {
    List<RolloutSegment> segments = new ArrayList<>();
    Instant time = EPOCH.plus(Duration.ofMinutes(random.nextInt(20 * 24 * 60)));
    boolean child = shape.replay() && random.nextInt(3) == 0;
    TokenUsage carried = null;
    TokenUsage carriedLast = null;
    int n = 1 + random.nextInt(shape.maxSegments());
    for (int s = 0; s < n; s++) {
      String name = "rollout-" + threadId + (s == 0 ? "" : "_" + s) + ".jsonl";
      Rows rows = new Rows(threadId, "sessions/2026/02/20/" + name, time);
      if (s == 0 && child) {
        rows.replayedPrefix(1 + random.nextInt(4));
      } else if (carried != null) {
        if (shape.resets() && random.nextInt(3) == 0) {
          rows.cumulative = TokenUsage.ZERO;
        } else {
          // A resume segment's first row repeats the total from before the pause.
          rows.cumulative = carried;
          rows.add(carriedLast, carried, EventFlag.REPEATED_TOTAL);
        }
      }
      int count = random.nextInt(12);
      for (int i = 0; i < count; i++) {
        rows.randomRow();
      }
      segments.add(rows.build(child && s == 0 ? "parent-of-" + threadId : null));
      carried = rows.cumulative;
      carriedLast = rows.lastUsage;
      time = rows.time.plus(Duration.ofMinutes(random.nextInt(3 * 24 * 60)));
    }
    return segments;
  }

  /** One segment under construction. */
  private final class Rows {
    final String threadId;
    final String relativePath;
    final List<TokenEvent> events = new ArrayList<>();
    Instant time;
    TokenUsage cumulative = TokenUsage.ZERO;
    TokenUsage lastUsage;
    String turn = null;
    int turns;

    Rows(String threadId, String relativePath, Instant time) {
      this.threadId = threadId;
      this.relativePath = relativePath;
      this.time = time;
    }

    void replayedPrefix(int count) {
      for (int i = 0; i < count; i++) {
        TokenUsage step = increment();
        cumulative = cumulative.plus(step);
        lastUsage = step;
        time = time.plusMillis(1);
        add(step, cumulative, EventFlag.REPLAYED);
      }
      // The child's first own row repeats the parent's last total.
      nextTurn();
      time = time.plusSeconds(30);
      add(lastUsage, cumulative, EventFlag.REPEATED_TOTAL);
    }

    void randomRow() {
      time = time.plus(Duration.ofMinutes(1 + random.nextInt(240)));
      int kind = random.nextInt(10);
      if (kind == 0) {
        add(null, null, EventFlag.INFO_MISSING);
      } else if (kind <= 2 && lastUsage != null) {
        add(lastUsage, cumulative, EventFlag.REPEATED_TOTAL);
      } else if (kind == 3 && shape.resets() && !cumulative.isZero()) {
        TokenUsage restart = increment();
        cumulative = restart;
        lastUsage = restart;
        add(restart, restart);
      } else {
        if (random.nextInt(3) == 0) {
          nextTurn();
        }
        TokenUsage step = increment();
        cumulative = cumulative.plus(step);
        lastUsage = step;
        add(step, cumulative);
      }
    }

    void nextTurn() {
      turns++;
      turn = random.nextInt(8) == 0 ? null : "turn-" + turns;
    }

    TokenUsage increment() {
      long input = random.nextInt(5000);
      long cached = input == 0 ? 0 : random.nextInt((int) input + 1);
      long output = random.nextInt(800);
      long reasoning = output == 0 ? 0 : random.nextInt((int) output + 1);
      return TokenUsage.of(input, cached, output, reasoning, input + output);
    }

    void add(TokenUsage last, TokenUsage total, EventFlag... flags) {
      int line = events.size() + 1;
      Set<EventFlag> f = EnumSet.noneOf(EventFlag.class);
      f.addAll(List.of(flags));
      events.add(new TokenEvent(relativePath + ":" + line, threadId, relativePath, turn, time,
          "/h/" + relativePath, line, EventKind.TOKEN_COUNT, null, last, total, "gpt-5", null,
          null, null, null, f));
    }

    RolloutSegment build(String parent) {
      return new RolloutSegment(new SessionSegment(relativePath, threadId, "/h/" + relativePath,
          relativePath, SegmentLocation.LIVE, false, null, null, null, null, null, null, null, null,
          parent, null, null, 1, AccountingBasis.TOKEN_COUNT_TOTALS, events.size(), 0, Map.of(), turns,
          0), events, ParseDiagnostics.EMPTY);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Transformations used by the properties
  // ---------------------------------------------------------------------------------------------

  /** {@return a copy of {@code s} under {@code archived_sessions/}, keeping its first {@code rows} rows}. */
  static RolloutSegment archivedCopy(RolloutSegment s, int rows) {
    SessionSegment m = s.segment();
    String name = m.relativePath().substring(m.relativePath().lastIndexOf('/') + 1);
    String path = "archived_sessions/" + name;
    List<TokenEvent> events = new ArrayList<>();
    for (TokenEvent e : s.events().subList(0, Math.min(rows, s.events().size()))) {
      events.add(new TokenEvent(path + ":" + e.lineNumber(), e.threadId(), path, e.turnId(),
          e.timestamp(), "/h/" + path, e.lineNumber(), e.kind(), e.responseId(), e.last(),
          e.total(), e.model(), e.effort(), e.cwd(), e.modelContextWindow(), e.rateLimits(),
          e.flags()));
    }
    return new RolloutSegment(new SessionSegment(path, m.threadId(), "/h/" + path, path,
        SegmentLocation.ARCHIVED, false, m.startedAt(), m.cwd(), m.originator(), m.cliVersion(),
        m.source(), m.modelProvider(), m.git(), m.forkedFromId(), m.parentThreadId(),
        m.agentNickname(), m.agentRole(), m.sessionMetaCount(), m.basis(), m.lineCount(),
        m.byteCount(), m.lineKinds(), m.turnCount(), m.compactionCount()), events, s.diagnostics());
  }

  /** {@return {@code s} with a re-emit after each row picked by {@code pick}}. */
  static RolloutSegment withReEmits(RolloutSegment s, Random pick) {
    List<TokenEvent> events = new ArrayList<>();
    String id = s.segment().segmentId();
    for (TokenEvent e : s.events()) {
      events.add(renumber(e, id, events.size() + 1, e.timestamp(), e.flags()));
      if (e.total() != null && pick.nextBoolean()) {
        EnumSet<EventFlag> f = EnumSet.of(EventFlag.REPEATED_TOTAL);
        f.addAll(e.flags());
        events.add(renumber(e, id, events.size() + 1, e.timestamp().plusMillis(1), f));
      }
    }
    return new RolloutSegment(s.segment(), events, s.diagnostics());
  }

  /** {@return {@code s} without its replayed rows except the last}. */
  static RolloutSegment withShortReplay(RolloutSegment s) {
    List<TokenEvent> replayed = s.events().stream().filter(e -> e.has(EventFlag.REPLAYED)).toList();
    List<TokenEvent> events = new ArrayList<>();
    for (TokenEvent e : s.events()) {
      if (!e.has(EventFlag.REPLAYED) || e == replayed.get(replayed.size() - 1)) {
        events.add(renumber(e, s.segment().segmentId(), events.size() + 1, e.timestamp(), e.flags()));
      }
    }
    return new RolloutSegment(s.segment(), events, s.diagnostics());
  }

  private static TokenEvent renumber(TokenEvent e, String segmentId, int line, Instant t,
      Set<EventFlag> flags) {
    return new TokenEvent(segmentId + ":" + line, e.threadId(), segmentId, e.turnId(), t,
        e.sourcePath(), line, e.kind(), e.responseId(), e.last(), e.total(), e.model(), e.effort(),
        e.cwd(), e.modelContextWindow(), e.rateLimits(), flags);
  }
}
