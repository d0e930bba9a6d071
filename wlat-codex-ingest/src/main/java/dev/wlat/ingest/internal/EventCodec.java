package dev.wlat.ingest.internal;

import dev.wlat.model.EventFlag;
import dev.wlat.model.EventKind;
import dev.wlat.model.IssueKind;
import dev.wlat.model.ParseDiagnostics;
import dev.wlat.model.RateLimitSnapshot;
import dev.wlat.model.RateLimitWindow;
import dev.wlat.model.TokenEvent;
import dev.wlat.model.TokenUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The checkpoint encoding of the model values a parse holds: token events, usages, rate limits and
 * diagnostics. Compact: fields that are the same for every event of a file (segment id, source
 * path, event id) are not written but rebuilt; line numbers, timestamps and totals are deltas from
 * the previous event, and fields equal to the previous event's are flagged, not written; enums are
 * ordinals (the checkpoint's version covers their order); strings go through the
 * {@link StateEncoder}'s string table.
 */
final class EventCodec {

  private static final int KIND_MASK = 1;
  private static final int HAS_LAST = 1 << 1;
  private static final int SAME_LAST = 1 << 2;
  private static final int LAST_IS_DELTA = 1 << 3;
  private static final int HAS_TOTAL = 1 << 4;
  private static final int HAS_CONTEXT_WINDOW = 1 << 5;
  private static final int SAME_CONTEXT_WINDOW = 1 << 6;
  private static final int HAS_RATE_LIMITS = 1 << 7;
  private static final int SAME_RATE_LIMITS = 1 << 8;
  private static final int SAME_CONTEXT = 1 << 9;
  private static final int HEADER_BITS = SAME_CONTEXT;

  private static final int HAS_PRIMARY = 1;
  private static final int HAS_SECONDARY = 1 << 1;

  private static final int HAS_MINUTES = 1;
  private static final int HAS_RESETS = 1 << 1;
  private static final int WHOLE_PERCENT = 1 << 2;

  private static final EventKind[] KINDS = EventKind.values();
  private static final EventFlag[] FLAGS = EventFlag.values();
  private static final IssueKind[] ISSUES = IssueKind.values();

  static {
    if (KINDS.length > KIND_MASK + 1) {
      throw new IllegalStateException("EventKind grew: widen KIND_MASK and bump the checkpoint version");
    }
  }

  private EventCodec() {}

  // ---------------------------------------------------------------------------------------------
  // Events
  // ---------------------------------------------------------------------------------------------

  /**
   * Writes events made by one parse; {@code eventId}, segment id and path are left out. Each event
   * is a header of bits saying which fields are present and which repeat the previous event's
   * (rate limits, context window, thread/model/effort/cwd, last usage), then what does not repeat;
   * the total is written as field-wise deltas from the previous event's total, and a last usage
   * that equals that delta is not written at all.
   */
  static void writeEvents(StateEncoder out, List<TokenEvent> events) {
    out.varint(events.size());
    TokenEvent previous = null;
    TokenUsage previousTotal = TokenUsage.ZERO;
    long previousLine = 0;
    long previousSecond = 0;
    for (TokenEvent e : events) {
      int header = e.kind().ordinal();
      TokenUsage delta = e.total() == null ? null : difference(e.total(), previousTotal);
      if (e.last() != null) {
        if (previous != null && e.last().equals(previous.last())) {
          header |= SAME_LAST;
        } else if (e.last().equals(delta)) {
          header |= LAST_IS_DELTA;
        } else {
          header |= HAS_LAST;
        }
      }
      if (e.total() != null) {
        header |= HAS_TOTAL;
      }
      if (e.modelContextWindow() != null) {
        header |= previous != null && e.modelContextWindow().equals(previous.modelContextWindow())
            ? SAME_CONTEXT_WINDOW : HAS_CONTEXT_WINDOW;
      }
      if (e.rateLimits() != null) {
        header |= previous != null && e.rateLimits().equals(previous.rateLimits())
            ? SAME_RATE_LIMITS : HAS_RATE_LIMITS;
      }
      boolean sameContext = previous != null && e.threadId().equals(previous.threadId())
          && Objects.equals(e.model(), previous.model())
          && Objects.equals(e.effort(), previous.effort())
          && Objects.equals(e.cwd(), previous.cwd());
      if (sameContext) {
        header |= SAME_CONTEXT;
      }
      out.varint(header);
      out.varint(flagBits(e.flags()));
      out.varint(e.lineNumber() - previousLine - 1);
      previousLine = e.lineNumber();
      long second = e.timestamp().getEpochSecond();
      out.zigzag(second - previousSecond).nanos(e.timestamp().getNano());
      previousSecond = second;
      out.string(e.turnId()).string(e.responseId());
      if (!sameContext) {
        out.string(e.threadId()).string(e.model()).string(e.effort()).string(e.cwd());
      }
      if ((header & HAS_LAST) != 0) {
        usage(out, e.last());
      }
      if (e.total() != null) {
        deltas(out, e.total(), previousTotal);
        previousTotal = e.total();
      }
      if ((header & HAS_CONTEXT_WINDOW) != 0) {
        out.zigzag(e.modelContextWindow());
      }
      if ((header & HAS_RATE_LIMITS) != 0) {
        rateLimits(out, e.rateLimits(), second);
      }
      previous = e;
    }
  }

  /** Reads what {@link #writeEvents} wrote, rebuilding ids from the segment id and path. */
  static List<TokenEvent> readEvents(StateDecoder in, String segmentId, String sourcePath,
      long lineCount) {
    int n = in.count(6, "event");
    List<TokenEvent> events = new ArrayList<>(n);
    TokenEvent previous = null;
    TokenUsage previousTotal = TokenUsage.ZERO;
    long previousLine = 0;
    long previousSecond = 0;
    for (int k = 0; k < n; k++) {
      int header = in.intIn(0, (HEADER_BITS << 1) - 1, "event header");
      if (previous == null && (header & (SAME_LAST | SAME_CONTEXT_WINDOW | SAME_RATE_LIMITS
          | SAME_CONTEXT)) != 0) {
        throw in.fail("first event refers to a previous one");
      }
      if (Integer.bitCount(header & (HAS_LAST | SAME_LAST | LAST_IS_DELTA)) > 1
          || Integer.bitCount(header & (HAS_CONTEXT_WINDOW | SAME_CONTEXT_WINDOW)) > 1
          || Integer.bitCount(header & (HAS_RATE_LIMITS | SAME_RATE_LIMITS)) > 1
          || (header & LAST_IS_DELTA) != 0 && (header & HAS_TOTAL) == 0) {
        throw in.fail("contradictory event header " + header);
      }
      EventKind kind = KINDS[header & KIND_MASK];
      Set<EventFlag> flags = flags(in.intIn(0, (1 << FLAGS.length) - 1, "event flags"));
      long gap = in.nonNegative("line gap");
      if (gap >= lineCount - previousLine) {
        throw in.fail("event line beyond the " + lineCount + " lines parsed");
      }
      long line = previousLine + 1 + gap;
      previousLine = line;
      long second = previousSecond + in.zigzag();
      Instant at = in.instant(second, in.nanos());
      previousSecond = second;
      String turnId = in.string();
      String responseId = in.string();
      String threadId;
      String model;
      String effort;
      String cwd;
      if ((header & SAME_CONTEXT) != 0) {
        threadId = previous.threadId();
        model = previous.model();
        effort = previous.effort();
        cwd = previous.cwd();
      } else {
        threadId = in.string();
        model = in.string();
        effort = in.string();
        cwd = in.string();
      }
      TokenUsage last = (header & HAS_LAST) != 0 ? usage(in)
          : (header & SAME_LAST) != 0 ? previous.last() : null;
      if ((header & SAME_LAST) != 0 && last == null) {
        throw in.fail("event repeats a missing last usage");
      }
      TokenUsage total = null;
      if ((header & HAS_TOTAL) != 0) {
        total = sum(in, previousTotal);
        if ((header & LAST_IS_DELTA) != 0) {
          last = difference(total, previousTotal);
          if (last == null) {
            throw in.fail("last usage is not the total's growth");
          }
        }
        previousTotal = total;
      }
      Long window = (header & HAS_CONTEXT_WINDOW) != 0 ? Long.valueOf(in.zigzag())
          : (header & SAME_CONTEXT_WINDOW) != 0 ? previous.modelContextWindow() : null;
      RateLimitSnapshot limits = (header & HAS_RATE_LIMITS) != 0 ? rateLimits(in, second)
          : (header & SAME_RATE_LIMITS) != 0 ? previous.rateLimits() : null;
      if ((header & SAME_CONTEXT_WINDOW) != 0 && window == null
          || (header & SAME_RATE_LIMITS) != 0 && limits == null) {
        throw in.fail("event repeats a missing field");
      }
      if (threadId == null) {
        throw in.fail("event without a thread id");
      }
      TokenEvent e = new TokenEvent(segmentId + ":" + line, threadId, segmentId, turnId, at,
          sourcePath, line, kind, responseId, last, total, model, effort, cwd, window, limits,
          flags);
      events.add(e);
      previous = e;
    }
    return events;
  }

  /** {@return {@code a - b} field by field}, or null when a field would be negative. */
  private static TokenUsage difference(TokenUsage a, TokenUsage b) {
    long input = a.inputTokens() - b.inputTokens();
    long cached = a.cachedInputTokens() - b.cachedInputTokens();
    long output = a.outputTokens() - b.outputTokens();
    long reasoning = a.reasoningOutputTokens() - b.reasoningOutputTokens();
    long total = a.totalTokens() - b.totalTokens();
    long cacheWrite = a.cacheWriteInputTokens() - b.cacheWriteInputTokens();
    if ((input | cached | output | reasoning | total | cacheWrite) < 0) {
      return null;
    }
    return new TokenUsage(input, cached, output, reasoning, total, cacheWrite);
  }

  private static void deltas(StateEncoder out, TokenUsage u, TokenUsage base) {
    out.zigzag(u.inputTokens() - base.inputTokens())
        .zigzag(u.cachedInputTokens() - base.cachedInputTokens())
        .zigzag(u.outputTokens() - base.outputTokens())
        .zigzag(u.reasoningOutputTokens() - base.reasoningOutputTokens())
        .zigzag(u.totalTokens() - base.totalTokens())
        .zigzag(u.cacheWriteInputTokens() - base.cacheWriteInputTokens());
  }

  private static TokenUsage sum(StateDecoder in, TokenUsage base) {
    long input = base.inputTokens() + in.zigzag();
    long cached = base.cachedInputTokens() + in.zigzag();
    long output = base.outputTokens() + in.zigzag();
    long reasoning = base.reasoningOutputTokens() + in.zigzag();
    long total = base.totalTokens() + in.zigzag();
    long cacheWrite = base.cacheWriteInputTokens() + in.zigzag();
    if ((input | cached | output | reasoning | total | cacheWrite) < 0) {
      throw in.fail("negative usage");
    }
    return new TokenUsage(input, cached, output, reasoning, total, cacheWrite);
  }

  private static int flagBits(Set<EventFlag> flags) {
    int bits = 0;
    for (EventFlag f : flags) {
      bits |= 1 << f.ordinal();
    }
    return bits;
  }

  private static Set<EventFlag> flags(int bits) {
    if (bits == 0) {
      return Set.of();
    }
    EnumSet<EventFlag> flags = EnumSet.noneOf(EventFlag.class);
    for (EventFlag f : FLAGS) {
      if ((bits & (1 << f.ordinal())) != 0) {
        flags.add(f);
      }
    }
    return flags;
  }

  // ---------------------------------------------------------------------------------------------
  // Usage
  // ---------------------------------------------------------------------------------------------

  static void usage(StateEncoder out, TokenUsage u) {
    out.varint(u.inputTokens()).varint(u.cachedInputTokens()).varint(u.outputTokens())
        .varint(u.reasoningOutputTokens()).varint(u.totalTokens()).varint(u.cacheWriteInputTokens());
  }

  static TokenUsage usage(StateDecoder in) {
    long input = in.nonNegative("input_tokens");
    long cached = in.nonNegative("cached_input_tokens");
    long output = in.nonNegative("output_tokens");
    long reasoning = in.nonNegative("reasoning_output_tokens");
    long total = in.nonNegative("total_tokens");
    long cacheWrite = in.nonNegative("cache_write_input_tokens");
    return new TokenUsage(input, cached, output, reasoning, total, cacheWrite);
  }

  static void optionalUsage(StateEncoder out, TokenUsage u) {
    out.bool(u != null);
    if (u != null) {
      usage(out, u);
    }
  }

  static TokenUsage optionalUsage(StateDecoder in) {
    return in.bool() ? usage(in) : null;
  }

  // ---------------------------------------------------------------------------------------------
  // Rate limits
  // ---------------------------------------------------------------------------------------------

  private static void rateLimits(StateEncoder out, RateLimitSnapshot r, long second) {
    out.varint((r.primary() != null ? HAS_PRIMARY : 0) | (r.secondary() != null ? HAS_SECONDARY : 0));
    if (r.primary() != null) {
      window(out, r.primary(), second);
    }
    if (r.secondary() != null) {
      window(out, r.secondary(), second);
    }
    out.string(r.planType()).optionalBool(r.hasCredits()).optionalBool(r.unlimitedCredits())
        .string(r.creditsBalance()).string(r.limitId()).string(r.rateLimitReachedType());
  }

  private static RateLimitSnapshot rateLimits(StateDecoder in, long second) {
    int slots = in.intIn(0, HAS_PRIMARY | HAS_SECONDARY, "rate-limit slots");
    RateLimitWindow primary = (slots & HAS_PRIMARY) != 0 ? window(in, second) : null;
    RateLimitWindow secondary = (slots & HAS_SECONDARY) != 0 ? window(in, second) : null;
    String planType = in.string();
    Boolean hasCredits = in.optionalBool();
    Boolean unlimited = in.optionalBool();
    String balance = in.string();
    String limitId = in.string();
    String reached = in.string();
    return new RateLimitSnapshot(primary, secondary, planType, hasCredits, unlimited, balance,
        limitId, reached);
  }

  private static void window(StateEncoder out, RateLimitWindow w, long second) {
    double used = w.usedPercent();
    long whole = (long) used;
    boolean isWhole = Double.doubleToRawLongBits(whole) == Double.doubleToRawLongBits(used);
    out.varint((w.windowMinutes() != null ? HAS_MINUTES : 0) | (w.resetsAt() != null ? HAS_RESETS : 0)
        | (isWhole ? WHOLE_PERCENT : 0));
    if (isWhole) {
      out.zigzag(whole);
    } else {
      out.float64(used);
    }
    if (w.windowMinutes() != null) {
      out.zigzag(w.windowMinutes());
    }
    if (w.resetsAt() != null) {
      out.zigzag(w.resetsAt().getEpochSecond() - second).nanos(w.resetsAt().getNano());
    }
  }

  private static RateLimitWindow window(StateDecoder in, long second) {
    int header = in.intIn(0, HAS_MINUTES | HAS_RESETS | WHOLE_PERCENT, "rate-limit window header");
    double used = (header & WHOLE_PERCENT) != 0 ? (double) in.zigzag() : in.float64();
    Integer minutes = null;
    if ((header & HAS_MINUTES) != 0) {
      long m = in.zigzag();
      if (m != (int) m) {
        throw in.fail("window minutes out of range");
      }
      minutes = (int) m;
    }
    Instant resets = null;
    if ((header & HAS_RESETS) != 0) {
      long s = second + in.zigzag();
      resets = in.instant(s, in.nanos());
    }
    return new RateLimitWindow(used, minutes, resets);
  }

  // ---------------------------------------------------------------------------------------------
  // Diagnostics
  // ---------------------------------------------------------------------------------------------

  static void diagnostics(StateEncoder out, ParseDiagnostics d) {
    out.varint(d.counts().size());
    for (Map.Entry<IssueKind, Long> e : d.counts().entrySet()) {
      out.varint(e.getKey().ordinal()).varint(e.getValue());
      List<Long> lines = d.sampleLines().getOrDefault(e.getKey(), List.of());
      out.varint(lines.size());
      for (long line : lines) {
        out.varint(line);
      }
    }
  }

  static ParseDiagnostics diagnostics(StateDecoder in) {
    int n = in.count(3, "issue kind");
    Map<IssueKind, Long> counts = new EnumMap<>(IssueKind.class);
    Map<IssueKind, List<Long>> samples = new EnumMap<>(IssueKind.class);
    for (int k = 0; k < n; k++) {
      IssueKind kind = ISSUES[in.ordinal(ISSUES.length, "issue kind")];
      if (counts.containsKey(kind)) {
        throw in.fail("issue kind " + kind + " listed twice");
      }
      long count = in.nonNegative("issue count");
      if (count < 1) {
        throw in.fail("issue count must be positive");
      }
      int size = in.intIn(0, (int) Math.min(count, ParseDiagnostics.MAX_SAMPLE_LINES),
          "sample line count");
      List<Long> lines = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        lines.add(in.nonNegative("sample line"));
      }
      counts.put(kind, count);
      if (size > 0) {
        samples.put(kind, lines);
      }
    }
    return counts.isEmpty() ? ParseDiagnostics.EMPTY : new ParseDiagnostics(counts, samples);
  }
}
