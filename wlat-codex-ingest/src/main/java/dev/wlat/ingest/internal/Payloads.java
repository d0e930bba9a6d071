package dev.wlat.ingest.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.wlat.ingest.TokenCounts;
import dev.wlat.model.IssueKind;
import dev.wlat.model.TokenUsage;
import java.io.IOException;

/**
 * Streaming readers for the payloads wlat needs, each reading exactly the fields it keeps and
 * skipping every other subtree ({@code instructions}, {@code base_instructions},
 * {@code user_instructions}, {@code developer_instructions}, {@code sandbox_policy}, …) with
 * {@link JsonParser#skipChildren()}, so that no prompt, message or instruction text is ever decoded.
 *
 * <p>Each reader starts on the payload's {@code START_OBJECT} and ends on its {@code END_OBJECT}.
 * Problems that do not spoil the line are reported to {@link SegmentParse#pending(IssueKind)}: they
 * count only once the whole line has parsed.
 */
final class Payloads {

  /** The largest token counter accepted: {@link TokenCounts#MAX}. */
  static final long MAX_TOKEN_COUNT = TokenCounts.MAX;

  private final SegmentParse sink;

  Payloads(SegmentParse sink) {
    this.sink = sink;
  }

  // ---------------------------------------------------------------------------------------------
  // Holders: plain mutable fields, one instance per parsed line
  // ---------------------------------------------------------------------------------------------

  static final class SessionMeta {
    String id;
    String timestamp;
    String cwd;
    String originator;
    String cliVersion;
    String source;
    String modelProvider;
    String gitCommit;
    String gitBranch;
    String gitUrl;
    String forkedFromId;
    String parentThreadId;
    String spawnParentThreadId;
    String agentNickname;
    String agentRole;
  }

  static final class TurnContext {
    String turnId;
    String model;
    String effort;
    String collaborationEffort;
    String cwd;
  }

  static final class Window {
    double usedPercent = Double.NaN;
    Integer windowMinutes;
    Long resetsAt;
    Long resetsInSeconds;
  }

  static final class RateLimits {
    Window primary;
    Window secondary;
    String planType;
    Boolean hasCredits;
    Boolean unlimitedCredits;
    String creditsBalance;
    String limitId;
    String rateLimitReachedType;
  }

  static final class EventMsg {
    String type;
    String turnId;
    boolean infoPresent;
    boolean infoObject;
    TokenUsage total;
    TokenUsage last;
    Long modelContextWindow;
    RateLimits rateLimits;
  }

  static final class UsageRecord {
    String turnId;
    String responseId;
    TokenUsage usage;
    TokenUsage threadUsage;
  }

  // ---------------------------------------------------------------------------------------------
  // session_meta
  // ---------------------------------------------------------------------------------------------

  SessionMeta sessionMeta(JsonParser p) throws IOException {
    SessionMeta m = new SessionMeta();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "id":
          m.id = text(p, t);
          break;
        case "timestamp":
          m.timestamp = text(p, t);
          break;
        case "cwd":
          m.cwd = text(p, t);
          break;
        case "originator":
          m.originator = text(p, t);
          break;
        case "cli_version":
          m.cliVersion = text(p, t);
          break;
        case "model_provider":
          m.modelProvider = text(p, t);
          break;
        case "forked_from_id":
          m.forkedFromId = text(p, t);
          break;
        case "parent_thread_id":
          m.parentThreadId = text(p, t);
          break;
        case "agent_nickname":
          m.agentNickname = text(p, t);
          break;
        case "agent_role":
          m.agentRole = text(p, t);
          break;
        case "source":
          readSource(p, t, m);
          break;
        case "git":
          readGit(p, t, m);
          break;
        default:
          p.skipChildren();
      }
    }
    return m;
  }

  /** {@code "cli"}, or {@code {"subagent":"review"}}, or {@code {"subagent":{"thread_spawn":{…}}}}. */
  private void readSource(JsonParser p, JsonToken t, SessionMeta m) throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      m.source = identifier(p.getText());
      return;
    }
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String outer = identifier(p.currentName());
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_STRING) {
        m.source = firstOf(m.source, outer + ":" + identifier(p.getText()));
      } else if (v == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String inner = p.currentName();
          JsonToken w = p.nextToken();
          m.source = firstOf(m.source, outer + ":" + identifier(inner));
          if ("thread_spawn".equals(inner) && w == JsonToken.START_OBJECT) {
            readThreadSpawn(p, m);
          } else {
            p.skipChildren();
          }
        }
      } else {
        m.source = firstOf(m.source, outer);
        p.skipChildren();
      }
    }
  }

  private static String firstOf(String a, String b) {
    return a == null ? b : a;
  }

  private void readThreadSpawn(JsonParser p, SessionMeta m) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "parent_thread_id":
          m.spawnParentThreadId = text(p, t);
          break;
        case "agent_nickname":
          if (m.agentNickname == null) {
            m.agentNickname = text(p, t);
          } else {
            p.skipChildren();
          }
          break;
        case "agent_role":
          if (m.agentRole == null) {
            m.agentRole = text(p, t);
          } else {
            p.skipChildren();
          }
          break;
        default:
          p.skipChildren();
      }
    }
  }

  /** Reads a {@code git} object (of a bare pre-2025-09 first line) into a new holder. */
  SessionMeta git(JsonParser p, JsonToken t) throws IOException {
    SessionMeta m = new SessionMeta();
    readGit(p, t, m);
    return m;
  }

  private void readGit(JsonParser p, JsonToken t, SessionMeta m) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "commit_hash":
          m.gitCommit = text(p, v);
          break;
        case "branch":
          m.gitBranch = text(p, v);
          break;
        case "repository_url":
          m.gitUrl = text(p, v);
          break;
        default:
          p.skipChildren();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // turn_context
  // ---------------------------------------------------------------------------------------------

  TurnContext turnContext(JsonParser p) throws IOException {
    TurnContext c = new TurnContext();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "turn_id":
          c.turnId = text(p, t);
          break;
        case "model":
          c.model = text(p, t);
          break;
        case "effort":
          c.effort = text(p, t);
          break;
        case "cwd":
          c.cwd = text(p, t);
          break;
        case "collaboration_mode":
          readCollaborationMode(p, t, c);
          break;
        default:
          p.skipChildren();
      }
    }
    return c;
  }

  /** Newer files carry the effort in {@code collaboration_mode.settings.reasoning_effort}. */
  private void readCollaborationMode(JsonParser p, JsonToken t, TurnContext c) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if ("settings".equals(name) && v == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String setting = p.currentName();
          JsonToken w = p.nextToken();
          if ("reasoning_effort".equals(setting)) {
            c.collaborationEffort = text(p, w);
          } else {
            p.skipChildren();
          }
        }
      } else {
        p.skipChildren();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // event_msg (token_count, task_started, turn_started, and any other when sniffing was unsure)
  // ---------------------------------------------------------------------------------------------

  EventMsg eventMsg(JsonParser p) throws IOException {
    EventMsg m = new EventMsg();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "type":
          m.type = text(p, t);
          break;
        case "turn_id":
          m.turnId = text(p, t);
          break;
        case "info":
          m.infoPresent = true;
          if (t == JsonToken.START_OBJECT) {
            m.infoObject = true;
            readInfo(p, m);
          } else if (t != JsonToken.VALUE_NULL) {
            sink.pending(IssueKind.UNKNOWN_EVENT_SHAPE);
            p.skipChildren();
          }
          break;
        case "rate_limits":
          if (t == JsonToken.START_OBJECT) {
            m.rateLimits = readRateLimits(p);
          } else if (t != JsonToken.VALUE_NULL) {
            sink.pending(IssueKind.UNKNOWN_EVENT_SHAPE);
            p.skipChildren();
          }
          break;
        default:
          p.skipChildren();
      }
    }
    return m;
  }

  private void readInfo(JsonParser p, EventMsg m) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "total_token_usage":
          m.total = usage(p, t);
          break;
        case "last_token_usage":
          m.last = usage(p, t);
          break;
        case "model_context_window":
          m.modelContextWindow = optionalCount(p, t);
          break;
        default:
          p.skipChildren();
      }
    }
  }

  private RateLimits readRateLimits(JsonParser p) throws IOException {
    RateLimits r = new RateLimits();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "primary":
          r.primary = window(p, t);
          break;
        case "secondary":
          r.secondary = window(p, t);
          break;
        case "plan_type":
          r.planType = text(p, t);
          break;
        case "limit_id":
          r.limitId = text(p, t);
          break;
        case "rate_limit_reached_type":
          r.rateLimitReachedType = text(p, t);
          break;
        case "credits":
          readCredits(p, t, r);
          break;
        default:
          p.skipChildren();
      }
    }
    return r;
  }

  private void readCredits(JsonParser p, JsonToken t, RateLimits r) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      if (t != JsonToken.VALUE_NULL) {
        sink.pending(IssueKind.UNKNOWN_EVENT_SHAPE);
      }
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "has_credits":
          r.hasCredits = bool(p, v);
          break;
        case "unlimited":
          r.unlimitedCredits = bool(p, v);
          break;
        case "balance":
          if (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT
              || v == JsonToken.VALUE_NUMBER_FLOAT) {
            r.creditsBalance = p.getText();
          } else {
            p.skipChildren();
          }
          break;
        default:
          p.skipChildren();
      }
    }
  }

  private Window window(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      if (t != JsonToken.VALUE_NULL) {
        sink.pending(IssueKind.UNKNOWN_EVENT_SHAPE);
      }
      p.skipChildren();
      return null;
    }
    Window w = new Window();
    boolean bad = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "used_percent":
          if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
            w.usedPercent = p.getDoubleValue();
            if (!(w.usedPercent >= 0) || Double.isInfinite(w.usedPercent)) {
              bad = true;
            }
          } else {
            bad = true;
            p.skipChildren();
          }
          break;
        case "window_minutes":
          Long minutes = optionalCount(p, v);
          w.windowMinutes = minutes == null || minutes > Integer.MAX_VALUE ? null : minutes.intValue();
          break;
        case "resets_at":
          w.resetsAt = optionalCount(p, v);
          break;
        case "resets_in_seconds":
          w.resetsInSeconds = optionalCount(p, v);
          break;
        default:
          p.skipChildren();
      }
    }
    if (bad) {
      sink.pending(IssueKind.INVALID_NUMBER);
      return null;
    }
    if (Double.isNaN(w.usedPercent)) {
      sink.pending(IssueKind.UNKNOWN_EVENT_SHAPE);
      return null;
    }
    return w;
  }

  // ---------------------------------------------------------------------------------------------
  // token_usage_record
  // ---------------------------------------------------------------------------------------------

  UsageRecord usageRecord(JsonParser p) throws IOException {
    UsageRecord r = new UsageRecord();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "turn_id":
          r.turnId = text(p, t);
          break;
        case "response_id":
          r.responseId = text(p, t);
          break;
        case "usage":
          r.usage = usage(p, t);
          break;
        case "thread_token_usage":
          r.threadUsage = usage(p, t);
          break;
        default:
          p.skipChildren();
      }
    }
    return r;
  }

  // ---------------------------------------------------------------------------------------------
  // Values
  // ---------------------------------------------------------------------------------------------

  /**
   * {@return the usage object at the current token, or {@code null} when it is null, not an object,
   * or holds a counter that is negative, above {@link #MAX_TOKEN_COUNT} or not an integer (counted
   * as an issue)}.
   */
  TokenUsage usage(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      if (t != JsonToken.VALUE_NULL) {
        sink.pending(IssueKind.UNKNOWN_EVENT_SHAPE);
      }
      p.skipChildren();
      return null;
    }
    long input = 0;
    long cached = 0;
    long output = 0;
    long reasoning = 0;
    long total = 0;
    long cacheWrite = 0;
    boolean bad = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      int field;
      switch (name) {
        case "input_tokens":
          field = 0;
          break;
        case "cached_input_tokens":
          field = 1;
          break;
        case "output_tokens":
          field = 2;
          break;
        case "reasoning_output_tokens":
          field = 3;
          break;
        case "total_tokens":
          field = 4;
          break;
        case "cache_write_input_tokens":
          field = 5;
          break;
        default:
          p.skipChildren();
          continue;
      }
      long value;
      if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
        value = p.getLongValue();
        if (value < 0 || value > MAX_TOKEN_COUNT) {
          bad = true;
        }
      } else if (v == JsonToken.VALUE_NULL) {
        value = 0;
      } else {
        bad = true;
        value = 0;
        p.skipChildren();
      }
      switch (field) {
        case 0:
          input = value;
          break;
        case 1:
          cached = value;
          break;
        case 2:
          output = value;
          break;
        case 3:
          reasoning = value;
          break;
        case 4:
          total = value;
          break;
        default:
          cacheWrite = value;
      }
    }
    if (bad) {
      sink.pending(IssueKind.INVALID_NUMBER);
      return null;
    }
    if (cacheWrite == 0) {
      return TokenUsage.of(input, cached, output, reasoning, total);
    }
    return new TokenUsage(input, cached, output, reasoning, total, cacheWrite);
  }

  /** {@return a non-negative integer, or {@code null} for null (and for bad values, counted)}. */
  private Long optionalCount(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      long v = p.getLongValue();
      if (v >= 0) {
        return v;
      }
    } else {
      p.skipChildren();
    }
    sink.pending(IssueKind.INVALID_NUMBER);
    return null;
  }

  private static Boolean bool(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_TRUE) {
      return Boolean.TRUE;
    }
    if (t == JsonToken.VALUE_FALSE) {
      return Boolean.FALSE;
    }
    p.skipChildren();
    return null;
  }

  /** {@return the string value at the current token, or {@code null} (non-strings are skipped)}. */
  static String text(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    p.skipChildren();
    return null;
  }

  /** Keeps a key of the {@code source} object only if it looks like a Codex identifier. */
  private static String identifier(String s) {
    if (s == null || s.isEmpty() || s.length() > 64) {
      return "other";
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
          || c == '-' || c == '.')) {
        return "other";
      }
    }
    return s;
  }
}
