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
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Hand-made segments and rows for the accounting tests. */
final class Fixtures {

  private Fixtures() {}

  /** {@return a usage with only input and total set}, the common case in the examples. */
  static TokenUsage u(long total) {
    return TokenUsage.of(total, 0, 0, 0, total);
  }

  static Instant at(String iso) {
    return Instant.parse(iso);
  }

  /** {@return a builder for a live token-count segment of {@code threadId}}. */
  static SegmentBuilder live(String threadId, String fileName) {
    return new SegmentBuilder(threadId, "sessions/2026/02/23/" + fileName, SegmentLocation.LIVE);
  }

  /** {@return a builder for an archived token-count segment of {@code threadId}}. */
  static SegmentBuilder archived(String threadId, String fileName) {
    return new SegmentBuilder(threadId, "archived_sessions/" + fileName, SegmentLocation.ARCHIVED);
  }

  /** Builds one segment row by row; line numbers count from 1. */
  static final class SegmentBuilder {
    private final String threadId;
    private final String relativePath;
    private final SegmentLocation location;
    private final List<TokenEvent> events = new ArrayList<>();
    private AccountingBasis basis = AccountingBasis.TOKEN_COUNT_TOTALS;
    private String parentThreadId;
    private String turnId = "turn-1";

    SegmentBuilder(String threadId, String relativePath, SegmentLocation location) {
      this.threadId = threadId;
      this.relativePath = relativePath;
      this.location = location;
    }

    String segmentId() {
      return relativePath;
    }

    SegmentBuilder basis(AccountingBasis b) {
      this.basis = b;
      return this;
    }

    SegmentBuilder parent(String parent) {
      this.parentThreadId = parent;
      return this;
    }

    /** Sets the turn of the following rows ({@code null}: no turn started). */
    SegmentBuilder turn(String id) {
      this.turnId = id;
      return this;
    }

    /** Adds a token_count row. */
    SegmentBuilder row(String time, TokenUsage last, TokenUsage total, EventFlag... flags) {
      return add(time, EventKind.TOKEN_COUNT, null, last, total, flags);
    }

    /** Adds a token_count row whose totals are {@code total} tokens, and last {@code last} tokens. */
    SegmentBuilder row(String time, long last, long total, EventFlag... flags) {
      return row(time, u(last), u(total), flags);
    }

    /** Adds an {@code info: null} token_count row. */
    SegmentBuilder infoNull(String time) {
      return row(time, null, null, EventFlag.INFO_MISSING);
    }

    /** Adds a usage record. */
    SegmentBuilder record(String time, String responseId, long usage, long threadTotal) {
      return add(time, EventKind.USAGE_RECORD, responseId, u(usage), u(threadTotal));
    }

    SegmentBuilder add(String time, EventKind kind, String responseId, TokenUsage last,
        TokenUsage total, EventFlag... flags) {
      int line = events.size() + 1;
      EnumSet<EventFlag> f = EnumSet.noneOf(EventFlag.class);
      f.addAll(List.of(flags));
      events.add(new TokenEvent(segmentId() + ":" + line, threadId, segmentId(), turnId,
          Instant.parse(time), "/home/u/.codex/" + relativePath, line, kind, responseId, last,
          total, "gpt-5", null, "/w", null, null, f));
      return this;
    }

    RolloutSegment build() {
      Instant started = events.isEmpty() ? null : events.get(0).timestamp();
      SessionSegment seg = new SessionSegment(segmentId(), threadId,
          "/home/u/.codex/" + relativePath, relativePath, location,
          relativePath.endsWith(".zst"), started, "/w", "codex_cli_rs", "0.150.0", "cli", "openai",
          null, null, parentThreadId, null, null, 1, basis, events.size() + 1L, 100L, Map.of(),
          1, 0);
      return new RolloutSegment(seg, events, ParseDiagnostics.EMPTY);
    }
  }
}
