package dev.wlat.ingest.claude;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.wlat.ingest.TokenCounts;
import dev.wlat.ingest.internal.Timestamps;
import dev.wlat.model.IssueKind;
import dev.wlat.model.Redaction;
import dev.wlat.model.TokenUsage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one Claude Code session log, line by line, into its calls (deduplicated within the file)
 * and counts. Streaming: the file is never held whole, a line is held only while it is looked at,
 * and a line without the bytes {@code "usage"} is neither parsed nor turned into a string (only
 * checked to look like a JSON object, or, as the unterminated last line, parsed to see whether it
 * is complete). Not thread-safe: one instance per file.
 */
final class ClaudeFileParser {

  static final int DEFAULT_MAX_LINE_BYTES = 64 << 20;
  private static final int INITIAL_BUFFER_BYTES = 1 << 16;
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;
  private static final byte[] USAGE = "\"usage\"".getBytes(StandardCharsets.US_ASCII);

  /** One factory for every parse: Jackson factories are thread-safe once configured. */
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(Integer.MAX_VALUE)
          .maxNestingDepth(10_000)
          .build())
      .build();

  /** What one file gave: its calls by id (each the one kept of its repeats in the file) and counts. */
  record FileResult(Path file, Map<String, ClaudeCall> calls, long linesRead, long usageLines, long zeroUsageLines,
      long nonZeroUsageLines, Map<IssueKind, Long> issueCounts, List<ClaudeLog.Issue> issues) {}

  private final Path file;
  private final int maxLineBytes;
  private final Map<String, ClaudeCall> calls = new HashMap<>();
  private final EnumMap<IssueKind, Long> issueCounts = new EnumMap<>(IssueKind.class);
  private final List<ClaudeLog.Issue> issues = new ArrayList<>();
  private long linesRead;
  private long usageLines;
  private long zeroUsageLines;
  private long nonZeroUsageLines;

  private ClaudeFileParser(Path file, int maxLineBytes) {
    this.file = file;
    this.maxLineBytes = maxLineBytes;
  }

  /** {@return what {@code file} holds}; a file that cannot be read (or stops being readable) counts a read error. */
  static FileResult parse(Path file, int maxLineBytes) {
    ClaudeFileParser p = new ClaudeFileParser(file, maxLineBytes);
    try (InputStream in = Files.newInputStream(file)) {
      p.pump(in);
    } catch (IOException | UncheckedIOException e) {
      p.issue(IssueKind.READ_ERROR, 0);
    }
    return new FileResult(file, p.calls, p.linesRead, p.usageLines, p.zeroUsageLines, p.nonZeroUsageLines,
        p.issueCounts, p.issues);
  }

  // ---- lines ----

  private void pump(InputStream in) throws IOException {
    byte[] buf = new byte[Math.min(INITIAL_BUFFER_BYTES, maxLineBytes + 1)];
    int start = 0;
    int limit = 0;
    int scan = 0;
    boolean eof = false;
    while (true) {
      int hit = indexOfNewline(buf, scan, limit);
      if (hit >= 0) {
        line(buf, start, hit, true);
        start = hit + 1;
        scan = start;
        continue;
      }
      if (eof) {
        if (start < limit) {
          line(buf, start, limit, false);
        }
        return;
      }
      if (start > 0) {
        int n = limit - start;
        System.arraycopy(buf, start, buf, 0, n);
        limit = n;
        start = 0;
      } else if (limit == buf.length) {
        if (buf.length <= maxLineBytes && buf.length < MAX_ARRAY) {
          buf = Arrays.copyOf(buf, (int) Math.min(Math.min(2L * buf.length, maxLineBytes + 1L), MAX_ARRAY));
        } else {
          int leftover = skipRestOfLine(in, buf);
          if (leftover < 0) {
            return;
          }
          limit = leftover;
          scan = 0;
          continue;
        }
      }
      scan = limit;
      int n = in.read(buf, limit, buf.length - limit);
      if (n < 0) {
        eof = true;
      } else {
        limit += n;
      }
    }
  }

  /**
   * Streams past the rest of a line longer than the limit, whose first bytes fill {@code buf}, and
   * counts it. Moves the bytes after its newline to the front of {@code buf}.
   *
   * @return how many bytes were moved, or -1 at the end of the input
   */
  private int skipRestOfLine(InputStream in, byte[] buf) throws IOException {
    long number = ++linesRead;
    issue(IssueKind.OVERSIZED_LINE, number);
    while (true) {
      int n = in.read(buf, 0, buf.length);
      if (n < 0) {
        return -1;
      }
      int hit = indexOfNewline(buf, 0, n);
      if (hit >= 0) {
        int leftover = n - hit - 1;
        System.arraycopy(buf, hit + 1, buf, 0, leftover);
        return leftover;
      }
    }
  }

  /** One line, {@code [s, e)} without its {@code '\n'}; {@code terminated} is false for a last line without one. */
  private void line(byte[] b, int s, int e, boolean terminated) {
    long number = ++linesRead;
    if (number == 1 && e - s >= 3 && b[s] == (byte) 0xEF && b[s + 1] == (byte) 0xBB && b[s + 2] == (byte) 0xBF) {
      s += 3;
    }
    int first = skipWhitespace(b, s, e);
    if (first == e) {
      return;
    }
    if (!contains(b, first, e, USAGE)) {
      if (!terminated) {
        if (!isJsonObject(b, first, e)) {
          issue(IssueKind.TRUNCATED_LAST_LINE, number);
        }
      } else if (b[first] != '{' || b[lastNonWhitespace(b, first, e)] != '}') {
        issue(IssueKind.MALFORMED_JSON, number);
      }
      return;
    }
    usageLine(b, first, e, terminated, number);
  }

  // ---- one line's JSON ----

  /** The fields of a line wlat keeps; {@code hasUsage} when it has a {@code message.usage}. */
  private static final class Fields {
    String sessionId;
    String cwd;
    String gitBranch;
    String timestamp;
    String requestId;
    String messageId;
    String model;
    boolean hasUsage;
    boolean usageNotObject;
    boolean badCount;
    long input;
    long cacheCreation;
    long cacheRead;
    long output;
  }

  private void usageLine(byte[] b, int s, int e, boolean terminated, long number) {
    Fields f = new Fields();
    try (JsonParser p = JSON.createParser(b, s, e - s)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      topLevel(p, f);
      if (p.nextToken() != null) {
        throw new IOException("content after the object");
      }
    } catch (IOException | RuntimeException bad) {
      issue(terminated ? IssueKind.MALFORMED_JSON : IssueKind.TRUNCATED_LAST_LINE, number);
      return;
    }
    if (!f.hasUsage) {
      return; // "usage" was elsewhere (a tool result's, a text): not a call
    }
    if (f.usageNotObject) {
      issue(IssueKind.UNKNOWN_EVENT_SHAPE, number);
      return;
    }
    if (f.badCount) {
      issue(IssueKind.INVALID_NUMBER, number);
      return;
    }
    if (f.timestamp == null) {
      issue(IssueKind.MISSING_FIELD, number);
      return;
    }
    Instant at = Timestamps.parse(f.timestamp);
    if (at == null) {
      issue(IssueKind.INVALID_TIMESTAMP, number);
      return;
    }
    TokenUsage usage;
    try {
      usage = ClaudeCall.tokenUsage(f.input, f.cacheCreation, f.cacheRead, f.output);
    } catch (ArithmeticException overflow) {
      issue(IssueKind.INVALID_NUMBER, number);
      return;
    }
    usageLines++;
    if (usage.isZero()) {
      zeroUsageLines++;
      return;
    }
    nonZeroUsageLines++;
    ClaudeCall call = new ClaudeCall(ClaudeCall.idOf(f.messageId, f.requestId, file, number), at, f.sessionId,
        f.cwd, f.gitBranch, f.model, usage, file, number);
    calls.merge(call.id(), call, ClaudeUsage::keep);
  }

  private static void topLevel(JsonParser p, Fields f) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "sessionId" -> f.sessionId = text(p, v);
        case "cwd" -> f.cwd = Redaction.path(text(p, v)); // as for Codex: a secret in a folder name never goes further
        case "gitBranch" -> f.gitBranch = Redaction.redact(text(p, v));
        case "timestamp" -> f.timestamp = text(p, v);
        case "requestId" -> f.requestId = text(p, v);
        case "message" -> {
          if (v == JsonToken.START_OBJECT) {
            message(p, f);
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw new IOException("unterminated object");
    }
  }

  private static void message(JsonParser p, Fields f) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "id" -> f.messageId = text(p, v);
        case "model" -> f.model = text(p, v);
        case "usage" -> {
          if (v == JsonToken.START_OBJECT) {
            usage(p, f);
          } else if (v != JsonToken.VALUE_NULL) {
            f.hasUsage = true;
            f.usageNotObject = true;
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
  }

  private static void usage(JsonParser p, Fields f) throws IOException {
    f.hasUsage = true;
    f.usageNotObject = false;
    f.input = 0;
    f.cacheCreation = 0;
    f.cacheRead = 0;
    f.output = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "input_tokens" -> f.input = count(p, v, f);
        case "cache_creation_input_tokens" -> f.cacheCreation = count(p, v, f);
        case "cache_read_input_tokens" -> f.cacheRead = count(p, v, f);
        case "output_tokens" -> f.output = count(p, v, f);
        default -> p.skipChildren();
      }
    }
  }

  /**
   * {@return a token count}: an integer from 0 to {@link TokenCounts#MAX}; {@code null} is 0; anything
   * else marks the line bad.
   */
  private static long count(JsonParser p, JsonToken v, Fields f) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return 0;
    }
    if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      p.skipChildren();
      f.badCount = true;
      return 0;
    }
    long value = p.getLongValue();
    if (value < 0 || value > TokenCounts.MAX) {
      f.badCount = true;
      return 0;
    }
    return value;
  }

  private static String text(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    p.skipChildren();
    return null;
  }

  /** {@return whether {@code [s, e)} is one whole JSON object and nothing else}. */
  private static boolean isJsonObject(byte[] b, int s, int e) {
    try (JsonParser p = JSON.createParser(b, s, e - s)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      p.skipChildren();
      return p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null;
    } catch (IOException | RuntimeException e2) {
      return false;
    }
  }

  // ---- issues and bytes ----

  private void issue(IssueKind kind, long line) {
    issueCounts.merge(kind, 1L, Long::sum);
    if (issues.size() < ClaudeLog.MAX_ISSUES) {
      issues.add(new ClaudeLog.Issue(kind, file, line));
    }
  }

  private static int indexOfNewline(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static boolean isWhitespace(byte c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static int skipWhitespace(byte[] b, int i, int e) {
    while (i < e && isWhitespace(b[i])) {
      i++;
    }
    return i;
  }

  /** {@return the index of the last byte of {@code [s, e)} that is not whitespace}; {@code [s, e)} has one. */
  private static int lastNonWhitespace(byte[] b, int s, int e) {
    int i = e - 1;
    while (i > s && isWhitespace(b[i])) {
      i--;
    }
    return i;
  }

  /** {@return whether {@code [s, e)} contains {@code needle}}. */
  static boolean contains(byte[] b, int s, int e, byte[] needle) {
    byte first = needle[0];
    int last = e - needle.length;
    outer:
    for (int i = s; i <= last; i++) {
      if (b[i] != first) {
        continue;
      }
      for (int k = 1; k < needle.length; k++) {
        if (b[i + k] != needle[k]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
