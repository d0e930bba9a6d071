package dev.wlat.ingest.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.JsonParseException;
import dev.wlat.model.AccountingBasis;
import dev.wlat.model.EventFlag;
import dev.wlat.model.EventKind;
import dev.wlat.model.GitFacts;
import dev.wlat.model.IssueKind;
import dev.wlat.model.ParseDiagnostics;
import dev.wlat.model.RateLimitSnapshot;
import dev.wlat.model.RateLimitWindow;
import dev.wlat.model.Redaction;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.SegmentLocation;
import dev.wlat.model.SessionSegment;
import dev.wlat.model.TokenEvent;
import dev.wlat.model.TokenUsage;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The state of one file being parsed: a single-threaded accumulator fed one line at a time.
 *
 * <p>Each line is first sniffed by bytes ({@link Envelope}); only the kinds wlat needs
 * ({@code session_meta}, {@code turn_context}, {@code event_msg} {@code token_count} /
 * {@code task_started} / {@code turn_started}, {@code token_usage_record}, and lines the sniffer is
 * unsure about) are parsed, with one Jackson parser per such line. A line's effects are committed
 * only after the whole line parsed, so a cut or corrupt line changes nothing but the diagnostics.
 *
 * <h2>Replay of a parent's history</h2>
 * A file is a child when its first {@code session_meta} has {@code forked_from_id},
 * {@code parent_thread_id} or {@code source.subagent.thread_spawn.parent_thread_id}. In a child, a
 * token row is {@link EventFlag#REPLAYED} when its turn id and the child's thread id are both UUIDv7
 * and the turn is older than the thread (the parent's turn, created before the child existed).
 * Where that cannot be decided (ids that are not UUIDv7, or no turn yet), the fallback applies: a row
 * after a foreign {@code session_meta} (the parent's, written by {@code codex fork}) and before the
 * next turn start is {@code REPLAYED}; a row before any turn start is
 * {@link EventFlag#REPLAY_UNVERIFIED}. Rows of files that are not children are never flagged.
 */
final class SegmentParse {

  // ---------------------------------------------------------------------------------------------
  // File identity
  // ---------------------------------------------------------------------------------------------

  private final JsonFactory json;
  private final String segmentId;
  private final String sourcePath;
  private final String relativePath;
  private final SegmentLocation location;
  private final boolean compressed;
  private final String threadIdFromName;
  private final int maxLineBytes;
  private final Envelope envelope = new Envelope();
  private final Payloads payloads = new Payloads(this);
  private final ParseDiagnostics.Builder diagnostics = ParseDiagnostics.builder();

  // ---------------------------------------------------------------------------------------------
  // Counters
  // ---------------------------------------------------------------------------------------------

  private long lineNumber;
  private long byteCount;
  private int lineIssues;
  private int pendingIssues;
  private long sessionMetaLines;
  private long turnContextLines;
  private long responseItemLines;
  private long compactedLines;
  private long usageRecordLines;
  private long unknownLines;
  private long blankLines;
  private long legacyLines;
  private long malformedLines;
  private final EventKinds eventKinds = new EventKinds();

  // ---------------------------------------------------------------------------------------------
  // Session metadata (from the first session_meta)
  // ---------------------------------------------------------------------------------------------

  private boolean sawSessionMeta;
  private boolean sawContent;
  private boolean legacy;
  private int sessionMetaCount;
  private String threadId;
  private Instant startedAt;
  private String sessionCwd;
  private String originator;
  private String cliVersion;
  private String source;
  private String modelProvider;
  private GitFacts git = GitFacts.NONE;
  private String forkedFromId;
  private String parentThreadId;
  private String agentNickname;
  private String agentRole;

  // ---------------------------------------------------------------------------------------------
  // Turn state and replay detection
  // ---------------------------------------------------------------------------------------------

  private boolean child;
  private long childMillis = -1;
  private String currentTurn;
  private boolean anyTurnStarted;
  private boolean afterForeignMeta;
  private final Set<String> turnIds = new HashSet<>();
  private long turnsWithoutId;
  private String model;
  private String effort;
  private String turnCwd;
  // the last turn cwd read and its redacted form (not part of the parse state: a cache)
  private String turnCwdRead;
  private String turnCwdShown;
  private TokenUsage previousTotal;
  private boolean hasUsageRecords;
  private boolean hasTokenCountInfo;
  private final List<TokenEvent> events = new ArrayList<>();

  SegmentParse(JsonFactory json, String segmentId, String sourcePath, String relativePath,
      SegmentLocation location, boolean compressed, String threadIdFromName, int maxLineBytes) {
    this.json = json;
    this.segmentId = segmentId;
    this.sourcePath = sourcePath;
    this.relativePath = relativePath;
    this.location = location;
    this.compressed = compressed;
    this.threadIdFromName = threadIdFromName;
    this.maxLineBytes = maxLineBytes;
  }

  // ---------------------------------------------------------------------------------------------
  // Checkpoints
  // ---------------------------------------------------------------------------------------------

  private static final SegmentLocation[] LOCATIONS = SegmentLocation.values();
  private static final int SAW_SESSION_META = 1;
  private static final int SAW_CONTENT = 1 << 1;
  private static final int LEGACY = 1 << 2;
  private static final int CHILD = 1 << 3;
  private static final int ANY_TURN_STARTED = 1 << 4;
  private static final int AFTER_FOREIGN_META = 1 << 5;
  private static final int HAS_USAGE_RECORDS = 1 << 6;
  private static final int HAS_TOKEN_COUNT_INFO = 1 << 7;

  /**
   * {@return everything this parse holds that a later line or {@link #finish()} can read}, for a
   * checkpoint at a line boundary (per-line scratch is not kept). {@code consumedBytes} is written
   * as the byte count: the bytes of the line after the boundary, if any was read, are not counted.
   */
  byte[] save(long consumedBytes) {
    StateEncoder out = StateEncoder.withCapacity(512 + 80 * events.size());
    // The path is mostly the home's path and the relative path: only the home's part is written.
    boolean suffix = sourcePath.endsWith(relativePath);
    out.string(segmentId).string(relativePath).bool(suffix)
        .string(suffix ? sourcePath.substring(0, sourcePath.length() - relativePath.length())
            : sourcePath)
        .varint(location.ordinal()).bool(compressed).string(threadIdFromName).varint(maxLineBytes);
    out.varint(lineNumber).varint(consumedBytes).varint(sessionMetaLines).varint(turnContextLines)
        .varint(responseItemLines).varint(compactedLines).varint(usageRecordLines)
        .varint(unknownLines).varint(blankLines).varint(legacyLines).varint(malformedLines);
    eventKinds.writeTo(out);
    out.varint((sawSessionMeta ? SAW_SESSION_META : 0) | (sawContent ? SAW_CONTENT : 0)
        | (legacy ? LEGACY : 0) | (child ? CHILD : 0) | (anyTurnStarted ? ANY_TURN_STARTED : 0)
        | (afterForeignMeta ? AFTER_FOREIGN_META : 0) | (hasUsageRecords ? HAS_USAGE_RECORDS : 0)
        | (hasTokenCountInfo ? HAS_TOKEN_COUNT_INFO : 0));
    out.varint(sessionMetaCount).string(threadId).optionalInstant(startedAt).string(sessionCwd)
        .string(originator).string(cliVersion).string(source).string(modelProvider)
        .string(git.commitHash()).string(git.branch()).string(git.repositoryUrl())
        .string(forkedFromId).string(parentThreadId).string(agentNickname).string(agentRole);
    out.zigzag(childMillis).string(currentTurn);
    List<String> turns = new ArrayList<>(turnIds);
    turns.sort(null);
    out.varint(turns.size());
    for (String t : turns) {
      out.string(t);
    }
    out.varint(turnsWithoutId).string(model).string(effort).string(turnCwd);
    EventCodec.optionalUsage(out, previousTotal);
    EventCodec.diagnostics(out, diagnostics.build());
    EventCodec.writeEvents(out, events);
    return out.toByteArray();
  }

  /**
   * {@return the parse {@link #save} wrote, ready for the line after its boundary}.
   *
   * @throws IllegalArgumentException when {@code state} is not a whole, valid saved state
   */
  static SegmentParse restore(JsonFactory json, byte[] state) {
    StateDecoder in = StateDecoder.of(state);
    String segmentId = in.string();
    String relativePath = in.string();
    boolean suffix = in.bool();
    String sourcePath = in.string();
    if (suffix && sourcePath != null && relativePath != null) {
      sourcePath = sourcePath + relativePath;
    }
    SegmentLocation location = LOCATIONS[in.ordinal(LOCATIONS.length, "location")];
    boolean compressed = in.bool();
    String threadIdFromName = in.string();
    int maxLineBytes = in.intIn(1, Integer.MAX_VALUE, "line limit");
    if (segmentId == null || sourcePath == null || relativePath == null) {
      throw in.fail("missing file identity");
    }
    SegmentParse p = new SegmentParse(json, segmentId, sourcePath, relativePath, location,
        compressed, threadIdFromName, maxLineBytes);
    p.lineNumber = in.nonNegative("line count");
    p.byteCount = in.nonNegative("byte count");
    p.sessionMetaLines = in.nonNegative("line kind count");
    p.turnContextLines = in.nonNegative("line kind count");
    p.responseItemLines = in.nonNegative("line kind count");
    p.compactedLines = in.nonNegative("line kind count");
    p.usageRecordLines = in.nonNegative("line kind count");
    p.unknownLines = in.nonNegative("line kind count");
    p.blankLines = in.nonNegative("line kind count");
    p.legacyLines = in.nonNegative("line kind count");
    p.malformedLines = in.nonNegative("line kind count");
    p.eventKinds.readFrom(in);
    int flags = in.intIn(0, (HAS_TOKEN_COUNT_INFO << 1) - 1, "parse flags");
    p.sawSessionMeta = (flags & SAW_SESSION_META) != 0;
    p.sawContent = (flags & SAW_CONTENT) != 0;
    p.legacy = (flags & LEGACY) != 0;
    p.child = (flags & CHILD) != 0;
    p.anyTurnStarted = (flags & ANY_TURN_STARTED) != 0;
    p.afterForeignMeta = (flags & AFTER_FOREIGN_META) != 0;
    p.hasUsageRecords = (flags & HAS_USAGE_RECORDS) != 0;
    p.hasTokenCountInfo = (flags & HAS_TOKEN_COUNT_INFO) != 0;
    p.sessionMetaCount = in.intIn(0, Integer.MAX_VALUE, "session_meta count");
    p.threadId = in.string();
    p.startedAt = in.optionalInstant();
    p.sessionCwd = Redaction.path(in.string());
    p.originator = in.string();
    p.cliVersion = in.string();
    p.source = in.string();
    p.modelProvider = in.string();
    p.git = recorded(in.string(), in.string(), in.string());
    p.forkedFromId = in.string();
    p.parentThreadId = in.string();
    p.agentNickname = in.string();
    p.agentRole = in.string();
    p.childMillis = in.zigzag();
    p.currentTurn = in.string();
    int turns = in.count(1, "turn id");
    for (int k = 0; k < turns; k++) {
      String t = in.string();
      if (t == null || !p.turnIds.add(t)) {
        throw in.fail("bad or repeated turn id");
      }
    }
    p.turnsWithoutId = in.nonNegative("turns without id");
    p.model = in.string();
    p.effort = in.string();
    p.turnCwd = Redaction.path(in.string());
    p.previousTotal = EventCodec.optionalUsage(in);
    p.diagnostics.addAll(EventCodec.diagnostics(in));
    p.events.addAll(EventCodec.readEvents(in, segmentId, sourcePath, p.lineNumber));
    in.expectEnd("parse state");
    return p;
  }

  /** {@return true when this parse is of the file and settings given}. */
  boolean describes(String segmentId, String sourcePath, String relativePath,
      SegmentLocation location, boolean compressed, String threadIdFromName, int maxLineBytes) {
    return this.segmentId.equals(segmentId) && this.sourcePath.equals(sourcePath)
        && this.relativePath.equals(relativePath) && this.location == location
        && this.compressed == compressed && Objects.equals(this.threadIdFromName, threadIdFromName)
        && this.maxLineBytes == maxLineBytes;
  }

  /** {@return the lines fed so far}. */
  long lineNumber() {
    return lineNumber;
  }

  /** {@return the bytes counted so far}. */
  long byteCount() {
    return byteCount;
  }

  // ---------------------------------------------------------------------------------------------
  // Feeding
  // ---------------------------------------------------------------------------------------------

  void bytesRead(long n) {
    byteCount += n;
  }

  /** {@return the maximum line length this parse accepts}. */
  int maxLineBytes() {
    return maxLineBytes;
  }

  /**
   * {@return true when a line too long for the buffer must be held whole to be parsed}, judged from
   * its first bytes; false when it can be counted and skipped while streaming.
   */
  boolean needsWholeLine(byte[] b, int s, int e) {
    int code = envelope.sniff(b, s, e);
    switch (code) {
      case Envelope.RESPONSE_ITEM:
      case Envelope.COMPACTED:
      case Envelope.OTHER_TYPE:
        return false;
      case Envelope.EVENT_MSG:
        return needsParse(eventKinds.indexOf(b, envelope.payloadTypeStart, envelope.payloadTypeEnd));
      default:
        return true;
    }
  }

  /**
   * One line that was not held whole: {@code prefix} holds its first bytes, {@code length} is its
   * full length (without the newline).
   */
  void skippedLine(byte[] prefix, int s, int e, long length, int lastNonWhitespace,
      boolean terminated, boolean hasNul) {
    startLine();
    if (hasNul) {
      issue(IssueKind.INVALID_ENCODING);
      malformedLines++;
      return;
    }
    boolean oversized = length > maxLineBytes;
    int code = envelope.sniff(prefix, s, e);
    switch (code) {
      case Envelope.RESPONSE_ITEM:
        responseItemLines++;
        break;
      case Envelope.COMPACTED:
        compactedLines++;
        break;
      case Envelope.OTHER_TYPE:
        countOtherType();
        break;
      case Envelope.EVENT_MSG:
        int kind = eventKinds.indexOf(prefix, envelope.payloadTypeStart, envelope.payloadTypeEnd);
        eventKinds.count(kind);
        if (needsParse(kind)) {
          oversized = true;
        }
        break;
      default:
        oversized = true;
        malformedLines++;
    }
    sawContent = true;
    if (oversized) {
      issue(IssueKind.OVERSIZED_LINE);
    } else {
      checkEnd(lastNonWhitespace, terminated);
    }
  }

  /** One whole line {@code [s, e)}, without its newline. */
  void line(byte[] b, int s, int e, boolean terminated, boolean hasNul) {
    if (e - s > maxLineBytes) {
      skippedLine(b, s, e, e - s, Bytes.lastNonWhitespace(b, s, e), terminated, hasNul);
      return;
    }
    startLine();
    if (hasNul) {
      issue(IssueKind.INVALID_ENCODING);
      malformedLines++;
      return;
    }
    int i = Bytes.skipWhitespace(b, s, e);
    if (i == e) {
      blankLines++;
      return;
    }
    int code = envelope.sniff(b, i, e);
    switch (code) {
      case Envelope.RESPONSE_ITEM:
        responseItemLines++;
        skipChecked(b, i, e, terminated);
        return;
      case Envelope.COMPACTED:
        compactedLines++;
        skipChecked(b, i, e, terminated);
        return;
      case Envelope.OTHER_TYPE:
        countOtherType();
        skipChecked(b, i, e, terminated);
        return;
      case Envelope.EVENT_MSG:
        int kind = eventKinds.indexOf(b, envelope.payloadTypeStart, envelope.payloadTypeEnd);
        if (!needsParse(kind)) {
          eventKinds.count(kind);
          skipChecked(b, i, e, terminated);
          return;
        }
        parse(b, i, e, terminated);
        return;
      default:
        parse(b, i, e, terminated);
    }
  }

  /** A read failure: counted, and everything parsed so far is kept. */
  void readError() {
    diagnostics.add(IssueKind.READ_ERROR, lineNumber + 1);
  }

  private void startLine() {
    lineNumber++;
    lineIssues = 0;
    pendingIssues = 0;
  }

  private static boolean needsParse(int eventKind) {
    return eventKind == EventKinds.TOKEN_COUNT || eventKind == EventKinds.TASK_STARTED
        || eventKind == EventKinds.TURN_STARTED;
  }

  private void countOtherType() {
    if (legacy) {
      legacyLines++;
    } else {
      unknownLines++;
      issue(IssueKind.UNKNOWN_LINE_TYPE);
    }
  }

  /**
   * A line counted without parsing must at least end like a JSON object. The last line of a file
   * without its newline (Codex may be writing it) is checked in full instead: once per file.
   */
  private void skipChecked(byte[] b, int s, int e, boolean terminated) {
    sawContent = true;
    if (terminated) {
      checkEnd(Bytes.lastNonWhitespace(b, s, e), true);
      return;
    }
    try (JsonParser p = json.createParser(b, s, e - s)) {
      p.nextToken();
      p.skipChildren();
      requireEnd(p);
    } catch (IOException | RuntimeException ex) {
      issue(IssueKind.TRUNCATED_LAST_LINE);
    }
  }

  private void checkEnd(int lastNonWhitespace, boolean terminated) {
    if (lastNonWhitespace != '}') {
      issue(terminated ? IssueKind.MALFORMED_JSON : IssueKind.TRUNCATED_LAST_LINE);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Issues
  // ---------------------------------------------------------------------------------------------

  /** Counts {@code kind} for the current line, once per line. */
  private void issue(IssueKind kind) {
    int bit = 1 << kind.ordinal();
    if ((lineIssues & bit) == 0) {
      lineIssues |= bit;
      diagnostics.add(kind, lineNumber);
    }
  }

  /** Notes {@code kind} for the current line; it counts only if the line parses to its end. */
  void pending(IssueKind kind) {
    pendingIssues |= 1 << kind.ordinal();
  }

  private void commitPending() {
    if (pendingIssues != 0) {
      for (IssueKind kind : IssueKind.values()) {
        if ((pendingIssues & (1 << kind.ordinal())) != 0) {
          issue(kind);
        }
      }
      pendingIssues = 0;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Parsing a whole line
  // ---------------------------------------------------------------------------------------------

  private void parse(byte[] b, int s, int e, boolean terminated) {
    try {
      Line line = readLine(b, s, e, null);
      if (line.payloadBeforeType && needsPayload(line.type)) {
        pendingIssues = 0;
        line = readLine(b, s, e, line.type);
      }
      commitPending();
      commit(line);
    } catch (InputCoercionException ex) {
      malformedLines++;
      sawContent = true;
      issue(IssueKind.INVALID_NUMBER);
    } catch (IOException | RuntimeException ex) {
      // Jackson reports bad syntax, bad UTF-8 and control characters as exceptions.
      malformedLines++;
      sawContent = true;
      String message = String.valueOf(ex.getMessage());
      if (message.contains("Invalid UTF-8") || message.contains("CTRL-CHAR")) {
        issue(IssueKind.INVALID_ENCODING);
      } else if (!terminated) {
        issue(IssueKind.TRUNCATED_LAST_LINE);
      } else {
        issue(IssueKind.MALFORMED_JSON);
      }
    }
  }

  private static boolean needsPayload(String type) {
    int code = Envelope.typeCode(type);
    return code == Envelope.EVENT_MSG || code == Envelope.SESSION_META
        || code == Envelope.TURN_CONTEXT || code == Envelope.TOKEN_USAGE_RECORD;
  }

  /** What one parsed line said; made per parsed line only. */
  private static final class Line {
    String timestamp;
    boolean timestampNotString;
    String type;
    boolean isObject = true;
    boolean payloadBeforeType;
    boolean payloadNotObject;
    boolean hasRecordType;
    boolean hasPayload;
    Payloads.SessionMeta sessionMeta;
    Payloads.TurnContext turnContext;
    Payloads.EventMsg eventMsg;
    Payloads.UsageRecord usageRecord;
    // a pre-2025-09 bare first line
    String legacyId;
    String legacyCwd;
    Payloads.SessionMeta legacyGit;
  }

  private Line readLine(byte[] b, int s, int e, String knownType) throws IOException {
    Line line = new Line();
    line.type = knownType;
    try (JsonParser p = json.createParser(b, s, e - s)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        line.isObject = false;
        p.skipChildren();
        requireEnd(p);
        return line;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        switch (name) {
          case "timestamp":
            if (t == JsonToken.VALUE_STRING) {
              line.timestamp = p.getText();
            } else {
              line.timestampNotString = t != JsonToken.VALUE_NULL;
              p.skipChildren();
            }
            break;
          case "type":
            String type = Payloads.text(p, t);
            if (knownType == null) {
              line.type = type;
            }
            break;
          case "payload":
            line.hasPayload = true;
            if (line.type == null) {
              line.payloadBeforeType = true;
              p.skipChildren();
            } else if (t != JsonToken.START_OBJECT) {
              line.payloadNotObject = true;
              p.skipChildren();
            } else {
              readPayload(p, line);
            }
            break;
          case "record_type":
            line.hasRecordType = true;
            p.skipChildren();
            break;
          case "id":
            line.legacyId = Payloads.text(p, t);
            break;
          case "cwd":
            line.legacyCwd = Payloads.text(p, t);
            break;
          case "git":
            if (t == JsonToken.START_OBJECT) {
              line.legacyGit = payloads.git(p, t);
            } else {
              p.skipChildren();
            }
            break;
          default:
            p.skipChildren();
        }
      }
      requireEnd(p);
    }
    return line;
  }

  private void readPayload(JsonParser p, Line line) throws IOException {
    switch (Envelope.typeCode(line.type)) {
      case Envelope.SESSION_META:
        line.sessionMeta = payloads.sessionMeta(p);
        break;
      case Envelope.TURN_CONTEXT:
        line.turnContext = payloads.turnContext(p);
        break;
      case Envelope.EVENT_MSG:
        line.eventMsg = payloads.eventMsg(p);
        break;
      case Envelope.TOKEN_USAGE_RECORD:
        line.usageRecord = payloads.usageRecord(p);
        break;
      default:
        p.skipChildren();
    }
  }

  /** The line must hold exactly one JSON value. */
  private static void requireEnd(JsonParser p) throws IOException {
    if (p.nextToken() != null) {
      throw new JsonParseException(p, "trailing content after the JSON object");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Committing a parsed line
  // ---------------------------------------------------------------------------------------------

  private void commit(Line line) {
    boolean firstContent = !sawContent;
    sawContent = true;
    if (!line.isObject) {
      unknownLines++;
      issue(IssueKind.UNKNOWN_LINE_TYPE);
      return;
    }
    if (line.type == null || line.hasRecordType) {
      if (line.hasRecordType || firstContent && !line.hasPayload) {
        enterLegacy(line, firstContent);
      } else if (legacy) {
        legacyLines++;
      } else {
        unknownLines++;
        issue(IssueKind.UNKNOWN_LINE_TYPE);
      }
      return;
    }
    int code = Envelope.typeCode(line.type);
    if (line.payloadNotObject && code != Envelope.OTHER_TYPE) {
      countKind(code, line);
      issue(IssueKind.UNKNOWN_EVENT_SHAPE);
      return;
    }
    switch (code) {
      case Envelope.SESSION_META:
        sessionMetaLines++;
        if (line.sessionMeta == null) {
          issue(IssueKind.UNKNOWN_EVENT_SHAPE);
        } else {
          onSessionMeta(line.sessionMeta);
        }
        break;
      case Envelope.TURN_CONTEXT:
        turnContextLines++;
        if (line.turnContext == null) {
          issue(IssueKind.UNKNOWN_EVENT_SHAPE);
        } else {
          onTurnContext(line.turnContext);
        }
        break;
      case Envelope.EVENT_MSG:
        onEventMsg(line);
        break;
      case Envelope.TOKEN_USAGE_RECORD:
        usageRecordLines++;
        if (line.usageRecord == null) {
          issue(IssueKind.UNKNOWN_EVENT_SHAPE);
        } else {
          onUsageRecord(line);
        }
        break;
      case Envelope.RESPONSE_ITEM:
        responseItemLines++;
        break;
      case Envelope.COMPACTED:
        compactedLines++;
        break;
      default:
        countOtherType();
    }
  }

  private void countKind(int code, Line line) {
    switch (code) {
      case Envelope.SESSION_META:
        sessionMetaLines++;
        break;
      case Envelope.TURN_CONTEXT:
        turnContextLines++;
        break;
      case Envelope.TOKEN_USAGE_RECORD:
        usageRecordLines++;
        break;
      case Envelope.RESPONSE_ITEM:
        responseItemLines++;
        break;
      case Envelope.COMPACTED:
        compactedLines++;
        break;
      default:
        eventKinds.count(EventKinds.OTHER);
    }
  }

  private void enterLegacy(Line line, boolean firstContent) {
    if (!legacy) {
      legacy = true;
      diagnostics.add(IssueKind.LEGACY_FORMAT, lineNumber);
    }
    legacyLines++;
    if (firstContent && !sawSessionMeta && line.legacyId != null) {
      threadId = line.legacyId;
      startedAt = Timestamps.parse(line.timestamp);
      sessionCwd = Redaction.path(line.legacyCwd);
      if (line.legacyGit != null) {
        git = recorded(line.legacyGit.gitCommit, line.legacyGit.gitBranch, line.legacyGit.gitUrl);
      }
    }
  }

  private void onSessionMeta(Payloads.SessionMeta m) {
    sessionMetaCount++;
    if (!sawSessionMeta) {
      sawSessionMeta = true;
      if (m.id == null) {
        issue(IssueKind.MISSING_FIELD);
      } else if (threadId == null) {
        threadId = m.id;
      }
      if (m.timestamp != null) {
        startedAt = Timestamps.parse(m.timestamp);
        if (startedAt == null) {
          issue(IssueKind.INVALID_TIMESTAMP);
        }
      }
      sessionCwd = Redaction.path(m.cwd);
      originator = m.originator;
      cliVersion = m.cliVersion;
      source = m.source;
      modelProvider = m.modelProvider;
      git = recorded(m.gitCommit, m.gitBranch, m.gitUrl);
      forkedFromId = m.forkedFromId;
      parentThreadId = m.parentThreadId != null ? m.parentThreadId : m.spawnParentThreadId;
      agentNickname = m.agentNickname;
      agentRole = m.agentRole;
      child = forkedFromId != null || parentThreadId != null;
      childMillis = Uuid7.millis(threadId);
    } else if (m.id != null && !m.id.equals(threadId)) {
      afterForeignMeta = true;
    }
  }

  private void onTurnContext(Payloads.TurnContext c) {
    if (c.model != null) {
      model = c.model;
    }
    effort = c.effort != null ? c.effort : c.collaborationEffort;
    if (c.cwd != null) {
      if (!c.cwd.equals(turnCwdRead)) { // most turns repeat the cwd: redact each new one once
        turnCwdRead = c.cwd;
        turnCwdShown = Redaction.path(c.cwd);
      }
      turnCwd = turnCwdShown;
    }
    if (c.turnId != null && !c.turnId.equals(currentTurn)) {
      startTurn(c.turnId);
    }
  }

  /**
   * {@return a session's recorded git facts with the secrets people put in branch names and remote
   * URLs (a token in {@code https://user:token@host/...}) masked}: the parse state, and so every
   * record, run-incremental's state and output built from it, never holds them.
   */
  private static GitFacts recorded(String commit, String branch, String url) {
    return new GitFacts(commit, Redaction.redact(branch), Redaction.url(url));
  }

  private void startTurn(String turnId) {
    currentTurn = turnId;
    anyTurnStarted = true;
    afterForeignMeta = false;
    if (turnId == null) {
      turnsWithoutId++;
    } else {
      turnIds.add(turnId);
    }
  }

  private void onEventMsg(Line line) {
    Payloads.EventMsg m = line.eventMsg;
    if (m == null) {
      eventKinds.count(EventKinds.OTHER);
      issue(IssueKind.UNKNOWN_EVENT_SHAPE);
      return;
    }
    int kind = eventKinds.indexOf(m.type);
    eventKinds.count(kind);
    if (kind == EventKinds.TASK_STARTED || kind == EventKinds.TURN_STARTED) {
      startTurn(m.turnId);
    } else if (kind == EventKinds.TOKEN_COUNT) {
      onTokenCount(line, m);
    } else if (m.type == null) {
      issue(IssueKind.UNKNOWN_EVENT_SHAPE);
    }
  }

  private void onTokenCount(Line line, Payloads.EventMsg m) {
    Instant at = rowTimestamp(line);
    if (at == null) {
      return;
    }
    EnumSet<EventFlag> flags = EnumSet.noneOf(EventFlag.class);
    TokenUsage last = null;
    TokenUsage total = null;
    if (!m.infoObject) {
      flags.add(EventFlag.INFO_MISSING);
    } else {
      hasTokenCountInfo = true;
      last = m.last;
      total = m.total;
      if (last == null) {
        flags.add(EventFlag.LAST_USAGE_MISSING);
      }
      if (total == null) {
        flags.add(EventFlag.TOTAL_USAGE_MISSING);
      }
    }
    if (total != null) {
      if (total.equals(previousTotal)) {
        flags.add(EventFlag.REPEATED_TOTAL);
      }
      previousTotal = total;
    }
    if (last != null && isZeroExceptTotal(last)) {
      flags.add(EventFlag.ZERO_LAST_USAGE);
    }
    addReplayFlags(currentTurn, flags);
    RateLimitSnapshot limits = rateLimits(m.rateLimits, at);
    events.add(new TokenEvent(segmentId + ":" + lineNumber, threadIdOrName(), segmentId,
        currentTurn, at, sourcePath, lineNumber, EventKind.TOKEN_COUNT, null, last, total, model,
        effort, cwd(), m.modelContextWindow, limits, flags));
  }

  private void onUsageRecord(Line line) {
    hasUsageRecords = true;
    Payloads.UsageRecord r = line.usageRecord;
    Instant at = rowTimestamp(line);
    if (at == null) {
      return;
    }
    EnumSet<EventFlag> flags = EnumSet.noneOf(EventFlag.class);
    if (r.usage == null) {
      flags.add(EventFlag.LAST_USAGE_MISSING);
    } else if (isZeroExceptTotal(r.usage)) {
      flags.add(EventFlag.ZERO_LAST_USAGE);
    }
    if (r.threadUsage == null) {
      flags.add(EventFlag.TOTAL_USAGE_MISSING);
    }
    String turn = r.turnId != null ? r.turnId : currentTurn;
    addReplayFlags(turn, flags);
    events.add(new TokenEvent(segmentId + ":" + lineNumber, threadIdOrName(), segmentId, turn, at,
        sourcePath, lineNumber, EventKind.USAGE_RECORD, r.responseId, r.usage, r.threadUsage,
        model, effort, cwd(), null, null, flags));
  }

  /** {@return the row's envelope timestamp}, or null (counted) when it is missing or bad. */
  private Instant rowTimestamp(Line line) {
    if (!sawSessionMeta) {
      issue(IssueKind.NO_SESSION_META);
    }
    if (line.timestamp == null) {
      issue(line.timestampNotString ? IssueKind.INVALID_TIMESTAMP : IssueKind.MISSING_FIELD);
      return null;
    }
    Instant at = Timestamps.parse(line.timestamp);
    if (at == null) {
      issue(IssueKind.INVALID_TIMESTAMP);
    }
    return at;
  }

  private static boolean isZeroExceptTotal(TokenUsage u) {
    return (u.inputTokens() | u.cachedInputTokens() | u.outputTokens()
        | u.reasoningOutputTokens() | u.cacheWriteInputTokens()) == 0;
  }

  private void addReplayFlags(String turnId, EnumSet<EventFlag> flags) {
    if (!child) {
      return;
    }
    long turnMillis = Uuid7.millis(turnId);
    if (childMillis >= 0 && turnMillis >= 0) {
      if (turnMillis < childMillis) {
        flags.add(EventFlag.REPLAYED);
      }
      return;
    }
    if (afterForeignMeta) {
      flags.add(EventFlag.REPLAYED);
    } else if (!anyTurnStarted) {
      flags.add(EventFlag.REPLAY_UNVERIFIED);
    }
  }

  private RateLimitSnapshot rateLimits(Payloads.RateLimits r, Instant at) {
    if (r == null) {
      return null;
    }
    RateLimitSnapshot s = new RateLimitSnapshot(window(r.primary, at), window(r.secondary, at),
        r.planType, r.hasCredits, r.unlimitedCredits, r.creditsBalance, r.limitId,
        r.rateLimitReachedType);
    return s.isEmpty() ? null : s;
  }

  private RateLimitWindow window(Payloads.Window w, Instant at) {
    if (w == null) {
      return null;
    }
    Instant resets = null;
    try {
      if (w.resetsAt != null) {
        resets = Instant.ofEpochSecond(w.resetsAt);
      } else if (w.resetsInSeconds != null) {
        resets = at.plusSeconds(w.resetsInSeconds);
      }
    } catch (DateTimeException | ArithmeticException ex) {
      issue(IssueKind.INVALID_NUMBER);
    }
    return new RateLimitWindow(w.usedPercent, w.windowMinutes, resets);
  }

  private String cwd() {
    return turnCwd != null ? turnCwd : sessionCwd;
  }

  private String threadIdOrName() {
    if (threadId != null) {
      return threadId;
    }
    return threadIdFromName != null ? threadIdFromName : "unknown-" + segmentId;
  }

  // ---------------------------------------------------------------------------------------------
  // Result
  // ---------------------------------------------------------------------------------------------

  RolloutSegment finish() {
    Map<String, Long> kinds = new HashMap<>();
    put(kinds, "session_meta", sessionMetaLines);
    put(kinds, "turn_context", turnContextLines);
    put(kinds, "response_item", responseItemLines);
    put(kinds, "compacted", compactedLines);
    put(kinds, "token_usage_record", usageRecordLines);
    put(kinds, "unknown", unknownLines);
    put(kinds, "blank", blankLines);
    put(kinds, "legacy", legacyLines);
    put(kinds, "malformed", malformedLines);
    eventKinds.addTo(kinds);
    AccountingBasis basis = hasUsageRecords ? AccountingBasis.USAGE_RECORDS
        : hasTokenCountInfo ? AccountingBasis.TOKEN_COUNT_TOTALS : AccountingBasis.NONE;
    SessionSegment segment = new SessionSegment(segmentId, threadIdOrName(), sourcePath,
        relativePath, location, compressed, startedAt, sessionCwd, originator, cliVersion, source,
        modelProvider, git, forkedFromId, parentThreadId, agentNickname, agentRole,
        sessionMetaCount, basis, lineNumber, byteCount, kinds, turnIds.size() + turnsWithoutId,
        compactedLines);
    return new RolloutSegment(segment, events, diagnostics.build());
  }

  private static void put(Map<String, Long> kinds, String name, long count) {
    if (count > 0) {
      kinds.put(name, count);
    }
  }
}
