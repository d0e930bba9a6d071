package dev.wlat.testkit.internal;

import dev.wlat.testkit.FileTruth;
import dev.wlat.testkit.ThreadTruth;
import dev.wlat.testkit.Usage;
import dev.wlat.testkit.internal.Model.FileStats;
import dev.wlat.testkit.internal.Model.Session;
import dev.wlat.testkit.internal.Model.ThreadAcc;
import dev.wlat.testkit.internal.Model.Turn;
import dev.wlat.testkit.internal.Model.UsageState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/*
 * Renders planned sessions into rollout lines, and records what is true while doing so.
 *
 * Every random choice inside a turn comes from a generator seeded by (session seed, turn index),
 * and the token state is a plain value object: rendering a parent's turns again from a fresh state
 * reproduces them exactly, which is how fork and subagent children replay their parent. In replay
 * mode only the envelope timestamps change (rewritten to within a few milliseconds of the child's
 * creation, as codex 0.144/0.153 do) and no usage is recorded for the child.
 *
 * Per-call timing is bounded (a call never takes more than 30 s of simulated time), so the planner
 * can lay turns out without rendering them first.
 */
final class Renderer {
  static final long MAX_CALL_MS = 30_000;

  private final Path home;
  private final byte[] shared = new byte[1 << 20];
  private final Buf b = new Buf();

  private LineSink sink;
  private FileStats fs;
  private ThreadAcc acc;
  private boolean replay;
  private long replayBase;
  private int replayLines;
  private long now;

  Renderer(Path home) {
    this.home = home;
  }

  // ------------------------------------------------------------------------------------------
  // Sessions
  // ------------------------------------------------------------------------------------------

  /** {@return the relative path of a live rollout for a thread starting at {@code ms}}. */
  static String livePath(String threadId, long ms, int segment) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000), 0, ZoneOffset.UTC);
    return String.format("sessions/%04d/%02d/%02d/%s", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
        fileName(threadId, ms, segment));
  }

  static String fileName(String threadId, long ms, int segment) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000), 0, ZoneOffset.UTC);
    return String.format("rollout-%04d-%02d-%02dT%02d-%02d-%02d-%s%s.jsonl", t.getYear(), t.getMonthValue(),
        t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), threadId,
        segment == 0 ? "" : "_" + segment);
  }

  /**
   * Writes a session's rollout file(s), the first at {@code firstPath}; later segments go to their
   * own live paths.
   */
  List<FileStats> write(Session s, String firstPath, FileTruth.Role firstRole) throws IOException {
    List<FileStats> out = new ArrayList<>();
    acc = s.acc;
    replay = false;
    UsageState st = initial(s);
    open(firstPath, firstRole, s.id, out);
    now = s.createdMs + 5 + new SplittableRandom(s.seed).nextInt(900);
    meta(s);
    if (s.kind == ThreadTruth.Kind.FORK || s.kind == ThreadTruth.Kind.SUBAGENT) {
      replay = true;
      replayBase = now;
      replayLines = 1;
      long saved = now;
      if (s.kind == ThreadTruth.Kind.FORK) {
        meta(s.parent);
      }
      UsageState pst = initial(s.parent);
      int n = s.kind == ThreadTruth.Kind.FORK ? s.parent.turns.size() : s.parentReplayTurns;
      for (int i = 0; i < n; i++) {
        turn(s.parent, i, pst);
      }
      replay = false;
      now = saved;
      st = pst;
      acc.replayed = pst.reported();
    }
    for (int i = 0; i < s.turns.size(); i++) {
      if (s.segmentStarts.contains(i)) {
        close();
        long segStart = s.turns.get(i).startMs - 1500;
        open(livePath(s.id, segStart, s.segmentStarts.indexOf(i) + 1), FileTruth.Role.SEGMENT, s.id, out);
        now = segStart;
        meta(s);
      }
      turn(s, i, st);
      if (i == s.malformedAfterTurn) {
        malformed();
      }
    }
    if (s.truncateEnd) {
      truncatedRow(s, st);
    }
    close();
    s.finalState = st;
    acc.finalCumulative = st.reported();
    return out;
  }

  private UsageState initial(Session s) {
    SplittableRandom r = new SplittableRandom(Ids.mix(s.seed, 77));
    UsageState st = new UsageState();
    st.ctx = 7_000 + r.nextInt(9_000);
    st.p5h = r.nextInt(30);
    st.pWeek = r.nextInt(40);
    return st;
  }

  private void open(String rel, FileTruth.Role role, String threadId, List<FileStats> out) throws IOException {
    sink = new LineSink(home.resolve(rel), shared);
    fs = new FileStats(rel, threadId, role);
    out.add(fs);
    if (role == FileTruth.Role.ARCHIVED_DUPLICATE) {
      fs.counted = false;
    }
    (fs.counted ? acc.countedFiles : acc.otherFiles).add(rel);
    acc.rolloutPath = rel;
  }

  private void close() throws IOException {
    sink.close();
    fs.bytes = sink.bytes();
    sink = null;
  }

  // ------------------------------------------------------------------------------------------
  // Lines
  // ------------------------------------------------------------------------------------------

  private long envTs() {
    if (replay) {
      return replayBase + replayLines++ / 7;
    }
    if (now > acc.updatedMs) {
      acc.updatedMs = now;
    }
    return now;
  }

  private void begin(String type) {
    b.reset();
    b.raw("{\"timestamp\":").ts(envTs()).raw(",\"type\":\"").raw(type).raw("\",\"payload\":{");
  }

  private void end() throws IOException {
    b.raw("}}");
    sink.line(b);
  }

  private void meta(Session s) throws IOException {
    SplittableRandom r = new SplittableRandom(Ids.mix(s.seed, 91));
    begin("session_meta");
    if (s.style == Model.Style.CLASSIC) {
      b.key("id").str(s.id);
    } else {
      String root = s.kind == ThreadTruth.Kind.SUBAGENT ? s.parent.id : s.id;
      b.key("session_id").str(root).raw(',').key("id").str(s.id);
      if (s.parent != null) {
        b.raw(',').key("forked_from_id").str(s.parent.id);
        if (s.kind == ThreadTruth.Kind.SUBAGENT) {
          b.raw(',').key("parent_thread_id").str(s.parent.id);
        }
      }
    }
    b.raw(',').key("timestamp").ts(s.createdMs);
    b.raw(',').key("cwd").str(s.cwd());
    b.raw(',').key("originator").str(s.originator);
    b.raw(',').key("cli_version").str(s.cliVersion);
    b.raw(',').key("source");
    if (s.kind == ThreadTruth.Kind.SUBAGENT) {
      b.raw("{\"subagent\":{\"thread_spawn\":{\"parent_thread_id\":").str(s.parent.id)
          .raw(",\"depth\":1,\"agent_path\":").str("/root/" + s.agentNickname.toLowerCase())
          .raw(",\"agent_nickname\":").str(s.agentNickname).raw(",\"agent_role\":").str(s.agentRole).raw("}}}");
    } else {
      b.str(s.source);
    }
    if (s.style != Model.Style.CLASSIC) {
      b.raw(',').key("thread_source").str(s.kind == ThreadTruth.Kind.SUBAGENT ? "subagent" : "user");
      if (s.kind == ThreadTruth.Kind.SUBAGENT) {
        b.raw(',').key("agent_nickname").str(s.agentNickname);
        b.raw(',').key("agent_role").str(s.agentRole);
        b.raw(',').key("agent_path").str("/root/" + s.agentNickname.toLowerCase());
      }
    }
    b.raw(',').key("model_provider").str("openai");
    b.raw(',').key("base_instructions").raw("{\"text\":\"You are Codex, a coding agent. ");
    Filler.text(b, r, 1200 + s.payloadBytes / 2);
    b.raw("\"}");
    if (s.style != Model.Style.CLASSIC) {
      b.raw(',').key("history_mode").str("legacy");
      if (s.kind == ThreadTruth.Kind.FORK) {
        b.raw(',').key("multi_agent_version").str("v2");
      }
      b.raw(',').key("context_window").raw("{\"window_id\":").str(Ids.uuid7(s.createdMs, r)).raw('}');
    }
    if (s.branch != null) {
      b.raw(',').key("git").raw("{\"commit_hash\":").str(s.commit).raw(",\"branch\":").str(s.branch);
      if (s.repo != null && s.repo.hasRemote()) {
        b.raw(",\"repository_url\":").str(s.repo.remoteUrl());
      }
      b.raw('}');
    }
    end();
  }

  private void malformed() throws IOException {
    begin("event_msg");
    b.raw("\"type\":\"agent_message\",\"message\":\"Lorem ipsum dolor sit amet, consectetur");
    sink.line(b);
    fs.malformed++;
  }

  private void truncatedRow(Session s, UsageState st) throws IOException {
    UsageState copy = st.copy();
    Usage u = Usage.of(copy.ctx, copy.prevInput / 128 * 128, 321, 128);
    now += 4_000;
    begin("event_msg");
    b.raw("\"type\":\"token_count\",\"info\":{\"total_token_usage\":");
    usage(copy.rIn + u.input(), copy.rCa + u.cached(), copy.rOut + u.output(), copy.rRe + u.reasoning());
    b.raw(",\"last_token_usage\":");
    usage(u.input(), u.cached(), u.output(), u.reasoning());
    b.raw(",\"model_context_window\":").num(s.contextWindow).raw("},\"rate_limits\":null}}");
    sink.partial(b, b.n * 55 / 100);
    fs.truncated++;
  }

  // ------------------------------------------------------------------------------------------
  // Turns
  // ------------------------------------------------------------------------------------------

  private void turn(Session o, int idx, UsageState st) throws IOException {
    Turn t = o.turns.get(idx);
    SplittableRandom r = new SplittableRandom(Ids.mix(o.seed, 1000 + idx));
    now = t.startMs;
    if (!replay) {
      acc.turns++;
      acc.models.add(t.model);
    }
    if (o.perTurnTotals) {
      st.rIn = 0;
      st.rCa = 0;
      st.rOut = 0;
      st.rRe = 0;
    }
    begin("event_msg");
    b.raw("\"type\":\"task_started\",\"turn_id\":").str(t.id).raw(",\"started_at\":").num(now / 1000)
        .raw(",\"model_context_window\":").num(o.contextWindow).raw(",\"collaboration_mode_kind\":\"default\"");
    end();
    if (idx == 0 && o.kind != ThreadTruth.Kind.SUBAGENT) {
      begin("response_item");
      b.raw("\"type\":\"message\",\"role\":\"developer\",\"content\":[{\"type\":\"input_text\",\"text\":\"<permissions instructions>\\n");
      Filler.text(b, r, 600 + r.nextInt(900));
      b.raw("\"}]");
      end();
      begin("response_item");
      b.raw("\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"<environment_context>\\n  <cwd>")
          .strBody(o.cwd()).raw("</cwd>\\n  <shell>bash</shell>\\n</environment_context>\"}]");
      end();
    }
    turnContext(o, t);
    begin("response_item");
    b.raw("\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":").str(t.prompt)
        .raw("}]");
    end();
    now += 2;
    begin("event_msg");
    b.raw("\"type\":\"user_message\",\"message\":").str(t.prompt)
        .raw(",\"images\":[],\"local_images\":[],\"text_elements\":[]");
    end();
    if (t.compactBefore && st.hasInfo) {
      compaction(o, st, r);
    }
    if (t.resetBefore) {
      st.resetPending = true;
    }
    now += 300 + r.nextInt(1200);
    if (t.resumeRepeat && st.hasInfo) {
      infoRow(o, st, Row.RE_EMIT, -1);
    } else if (t.nullRow) {
      nullRow(o, st);
    }
    for (int c = 0; c < t.calls; c++) {
      boolean last = c == t.calls - 1;
      now += 800 + r.nextInt(5_000);
      if (r.nextInt(3) == 0) {
        begin("event_msg");
        b.raw("\"type\":\"agent_reasoning\",\"text\":\"**");
        Filler.text(b, r, 20 + r.nextInt(60));
        b.raw("**\"");
        end();
      }
      begin("response_item");
      b.raw("\"type\":\"reasoning\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"**");
      Filler.text(b, r, 20 + r.nextInt(60));
      b.raw("**\"}],\"content\":null,\"encrypted_content\":\"gAAAAAB");
      Filler.blob(b, r, 300 + r.nextInt(600) + o.payloadBytes / 8);
      b.raw('"');
      end();
      Usage u = call(o, st, r, t, c == 0, last);
      if (last) {
        now += 200 + r.nextInt(2_000);
        begin("event_msg");
        b.raw("\"type\":\"agent_message\",\"message\":\"");
        finalText(b, r, t);
        b.raw("\",\"phase\":\"final_answer\"");
        end();
        begin("response_item");
        b.raw("\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"");
        finalText(b, new SplittableRandom(Ids.mix(o.seed, 5000 + idx)), t);
        b.raw("\"}],\"phase\":\"final_answer\"");
        end();
        now += 5 + r.nextInt(30);
        usageRow(o, st, t, u, r, c);
      } else {
        if (r.nextInt(4) == 0) {
          begin("event_msg");
          b.raw("\"type\":\"agent_message\",\"message\":\"");
          Filler.text(b, r, 40 + r.nextInt(160));
          b.raw("\",\"phase\":\"commentary\"");
          end();
        }
        String callId = Ids.callId(r);
        boolean patch = c > 0 && r.nextInt(5) == 0;
        now += 100 + r.nextInt(1_500);
        begin("response_item");
        if (patch) {
          b.raw("\"type\":\"custom_tool_call\",\"status\":\"completed\",\"call_id\":\"").raw(callId)
              .raw("\",\"name\":\"apply_patch\",\"input\":\"*** Begin Patch\\n*** Update File: src/main/")
              .raw(Filler.sentence(r, 1).toLowerCase()).raw(".rs\\n@@\\n-");
          Filler.text(b, r, 60 + o.payloadBytes / 4);
          b.raw("\\n+");
          Filler.text(b, r, 60 + o.payloadBytes / 4);
          b.raw("\\n*** End Patch\\n\"");
        } else {
          String cmd = c == 0 && t.argsSecret != null
              ? "AWS_ACCESS_KEY_ID=" + t.argsSecret + " aws s3 ls s3://acme-backups/nightly"
              : CMDS[r.nextInt(CMDS.length)];
          String args = "{\"cmd\":" + quote(cmd) + ",\"workdir\":" + quote(o.cwd())
              + ",\"yield_time_ms\":1000,\"max_output_tokens\":12000}";
          b.raw("\"type\":\"function_call\",\"name\":\"exec_command\",\"arguments\":").str(args)
              .raw(",\"call_id\":\"").raw(callId).raw('"');
        }
        end();
        now += 5 + r.nextInt(60);
        usageRow(o, st, t, u, r, c);
        now += 100 + r.nextInt(15_000);
        int size = (int) (o.payloadBytes * (0.3 + 1.4 * r.nextDouble()));
        begin("response_item");
        if (patch) {
          b.raw("\"type\":\"custom_tool_call_output\",\"call_id\":\"").raw(callId)
              .raw("\",\"output\":\"{\\\"output\\\":\\\"Success. Updated the following files:\\\\nM src/main/lib.rs\\\\n\\\",\\\"metadata\\\":{\\\"exit_code\\\":0,\\\"duration_seconds\\\":0.1}}\"");
          size = 60;
        } else {
          b.raw("\"type\":\"function_call_output\",\"call_id\":\"").raw(callId)
              .raw("\",\"output\":\"Chunk ID: ").raw(Ids.hex(r, 6)).raw("\\nWall time: 0.")
              .num(10 + r.nextInt(89)).raw(" seconds\\nProcess exited with code 0\\nOriginal token count: ")
              .num(size / 4).raw("\\nOutput:\\n");
          if (c == 0 && t.toolOutputSecret != null) {
            b.strBody(t.toolOutputSecret).raw("\\n");
          }
          Filler.text(b, r, size);
          b.raw('"');
        }
        end();
        st.ctx += size / 4;
        now += 5 + r.nextInt(20);
        turnContext(o, t);
        if (o.reEmits) {
          now += 300 + r.nextInt(1_200);
          infoRow(o, st, Row.RE_EMIT, -1);
        }
      }
    }
    now += 5 + r.nextInt(40);
    begin("event_msg");
    b.raw("\"type\":\"task_complete\",\"turn_id\":").str(t.id).raw(",\"last_agent_message\":\"");
    finalText(b, new SplittableRandom(Ids.mix(o.seed, 5000 + idx)), t);
    b.raw("\",\"completed_at\":").num(now / 1000).raw(",\"duration_ms\":").num(now - t.startMs);
    end();
  }

  private static final String[] CMDS = {
    "rg -n ledger src", "sed -n 1,160p src/main/handler.rs", "cargo test -q", "mvn -q -DskipTests package",
    "git status --short", "git diff --stat", "ls -la", "npm test -- --watch=false", "cat README.md",
    "pytest -q tests/test_router.py"
  };

  private static String quote(String s) {
    Buf q = new Buf();
    q.str(s);
    return q.toString();
  }

  private static void finalText(Buf b, SplittableRandom r, Turn t) {
    Filler.text(b, r, 80 + r.nextInt(500));
    if (t.messageSecret != null) {
      b.raw("\\n\\nSet SLACK_BOT_TOKEN=").strBody(t.messageSecret).raw(" in the CI secrets.");
    }
  }

  private void turnContext(Session o, Turn t) throws IOException {
    begin("turn_context");
    b.key("turn_id").str(t.id);
    b.raw(',').key("cwd").str(o.cwd());
    b.raw(",\"current_date\":\"").raw(dateOf(now)).raw('"');
    b.raw(',').key("timezone").str(o.timezone);
    b.raw(",\"approval_policy\":\"on-request\",\"sandbox_policy\":{\"type\":\"workspace-write\",\"writable_roots\":[")
        .str(o.cwd()).raw("],\"network_access\":false,\"exclude_tmpdir_env_var\":false,\"exclude_slash_tmp\":false}");
    b.raw(',').key("model").str(t.model);
    b.raw(",\"personality\":\"pragmatic\",\"collaboration_mode\":{\"mode\":\"default\",\"settings\":{\"model\":")
        .str(t.model).raw(",\"reasoning_effort\":").str(t.effort).raw(",\"developer_instructions\":null}}");
    if (t.effort != null) {
      b.raw(',').key("effort").str(t.effort);
    }
    b.raw(",\"summary\":\"auto\",\"truncation_policy\":{\"mode\":\"tokens\",\"limit\":10000}");
    end();
  }

  private static String dateOf(long ms) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000), 0, ZoneOffset.UTC).toLocalDate().toString();
  }

  private void compaction(Session o, UsageState st, SplittableRandom r) throws IOException {
    now += 500 + r.nextInt(3_000);
    begin("compacted");
    b.raw("\"message\":\"\",\"replacement_history\":[");
    int items = 4 + r.nextInt(5);
    for (int i = 0; i < items; i++) {
      if (i > 0) {
        b.raw(',');
      }
      if (i % 2 == 0) {
        b.raw("{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"");
        Filler.text(b, r, 100 + r.nextInt(400));
        b.raw("\"}]}");
      } else {
        b.raw("{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"");
        Filler.text(b, r, 300 + o.payloadBytes / 2 + r.nextInt(1 + o.payloadBytes));
        b.raw("\"}],\"phase\":\"final_answer\"}");
      }
    }
    b.raw(']');
    end();
    now += 15;
    begin("event_msg");
    b.raw("\"type\":\"context_compacted\"");
    end();
    now += 400 + r.nextInt(800);
    infoRow(o, st, Row.COMPACTION, st.ctx);
    st.ctx = 8_000 + r.nextInt(8_000);
    st.prevInput = 0;
  }

  // ------------------------------------------------------------------------------------------
  // Token rows
  // ------------------------------------------------------------------------------------------

  private enum Row { USAGE, RE_EMIT, COMPACTION }

  /** Draws one model response's usage and advances the state. */
  private Usage call(Session o, UsageState st, SplittableRandom r, Turn t, boolean first, boolean last) {
    long input = st.ctx + (first ? 30 + r.nextInt(400) : 0);
    long cached = st.prevInput == 0 ? 0 : (long) (st.prevInput * (0.80 + 0.18 * r.nextDouble())) / 128 * 128;
    cached = Math.min(cached, input / 128 * 128);
    long output = last ? 120 + r.nextInt(1_700) : 30 + r.nextInt(650);
    long reasoning = t.effort == null || t.effort.equals("minimal") ? 0 : r.nextInt((int) (output * 0.85) + 1);
    st.ctx = input + output;
    st.prevInput = input;
    if (st.ctx > o.contextWindow * 8L / 10) {
      st.ctx = o.contextWindow * 35L / 100 + r.nextInt(5_000);
      st.prevInput = 0;
    }
    if (st.resetPending) {
      st.rIn = 0;
      st.rCa = 0;
      st.rOut = 0;
      st.rRe = 0;
    }
    st.cIn += input; st.cCa += cached; st.cOut += output; st.cRe += reasoning;
    st.rIn += input; st.rCa += cached; st.rOut += output; st.rRe += reasoning;
    st.lIn = input; st.lCa = cached; st.lOut = output; st.lRe = reasoning;
    st.hasInfo = true;
    long w5 = Math.floorDiv(now, 18_000_000L);
    if (w5 != st.window5h) {
      st.window5h = w5;
      st.p5h = r.nextInt(6);
    }
    long ww = Math.floorDiv(now, 604_800_000L);
    if (ww != st.windowWeek) {
      st.windowWeek = ww;
      st.pWeek = r.nextInt(6);
    }
    st.p5h = Math.min(100, st.p5h + (input - cached + 4 * output) / 40_000.0);
    st.pWeek = Math.min(100, st.pWeek + (input - cached + 4 * output) / 400_000.0);
    return Usage.of(input, cached, output, reasoning);
  }

  private void usageRow(Session o, UsageState st, Turn t, Usage u, SplittableRandom r, int c) throws IOException {
    boolean reset = st.resetPending;
    st.resetPending = false;
    infoRow(o, st, Row.USAGE, -1);
    if (!replay) {
      acc.increment(now, t.id, t.model, u);
      fs.trueUsage = fs.trueUsage.plus(u);
      if (reset) {
        fs.resets++;
      }
    }
    if (o.perTurnTotals) {
      String responseId = "resp_" + Ids.hex(r, 32);
      int copies = (o.duplicateRecordTurn == o.turns.indexOf(t) && c == 0) ? 2 : 1;
      for (int k = 0; k < copies; k++) {
        now += 1 + k;
        begin("token_usage_record");
        b.key("thread_id").str(acc.threadId).raw(',').key("turn_id").str(t.id).raw(',').key("session_id")
            .str(acc.threadId).raw(',').key("response_id").str(responseId).raw(",\"usage\":");
        usage(u.input(), u.cached(), u.output(), u.reasoning());
        b.raw(",\"turn_token_usage\":");
        usage(st.rIn, st.rCa, st.rOut, st.rRe);
        b.raw(",\"thread_token_usage\":");
        usage(st.cIn, st.cCa, st.cOut, st.cRe);
        end();
        fs.records++;
        if (k > 0) {
          fs.dupRecords++;
        }
      }
    }
  }

  private void nullRow(Session o, UsageState st) throws IOException {
    begin("event_msg");
    b.raw("\"type\":\"token_count\",\"info\":null,\"rate_limits\":");
    rateLimits(o, st);
    end();
    fs.rows++;
    if (replay) {
      fs.replayed++;
    } else {
      fs.infoNull++;
    }
  }

  private void infoRow(Session o, UsageState st, Row kind, long compactedTotal) throws IOException {
    begin("event_msg");
    b.raw("\"type\":\"token_count\",\"info\":{\"total_token_usage\":");
    usage(st.rIn, st.rCa, st.rOut, st.rRe);
    b.raw(",\"last_token_usage\":");
    if (kind == Row.COMPACTION) {
      b.raw("{\"input_tokens\":0,\"cached_input_tokens\":0,\"output_tokens\":0,\"reasoning_output_tokens\":0,\"total_tokens\":")
          .num(compactedTotal).raw('}');
      fs.naive(0, 0, 0, 0, compactedTotal);
    } else {
      usage(st.lIn, st.lCa, st.lOut, st.lRe);
      fs.naive(st.lIn, st.lCa, st.lOut, st.lRe, st.lIn + st.lOut);
    }
    b.raw(",\"model_context_window\":").num(o.contextWindow).raw("},\"rate_limits\":");
    rateLimits(o, st);
    end();
    fs.rows++;
    fs.finalTotal = st.reported();
    if (replay) {
      fs.replayed++;
    } else if (kind == Row.USAGE) {
      fs.usage++;
    } else if (kind == Row.RE_EMIT) {
      fs.reEmit++;
    } else {
      fs.compaction++;
    }
  }

  private void usage(long in, long ca, long out, long re) {
    b.raw("{\"input_tokens\":").num(in).raw(",\"cached_input_tokens\":").num(ca).raw(",\"output_tokens\":")
        .num(out).raw(",\"reasoning_output_tokens\":").num(re).raw(",\"total_tokens\":").num(in + out).raw('}');
  }

  private void rateLimits(Session o, UsageState st) {
    if (o.rateLimitsNull) {
      b.raw("null");
      return;
    }
    long reset5h = (Math.floorDiv(now, 18_000_000L) + 1) * 18_000L;
    long resetWeek = (Math.floorDiv(now, 604_800_000L) + 1) * 604_800L;
    b.raw("{\"limit_id\":\"codex\",\"limit_name\":null,\"primary\":");
    if (o.weeklyPrimary) {
      window(st.pWeek, 10080, resetWeek);
      b.raw(",\"secondary\":");
      if (o.secondaryNull) {
        b.raw("null");
      } else {
        window(st.p5h, 300, reset5h);
      }
    } else {
      window(st.p5h, 300, reset5h);
      b.raw(",\"secondary\":");
      window(st.pWeek, 10080, resetWeek);
    }
    b.raw(",\"credits\":{\"has_credits\":false,\"unlimited\":false,\"balance\":null},\"plan_type\":\"plus\"}");
  }

  private void window(double pct, int minutes, long resetsAt) {
    b.raw("{\"used_percent\":").num(Math.round(pct)).raw(".0,\"window_minutes\":").num(minutes)
        .raw(",\"resets_at\":").num(resetsAt).raw('}');
  }

  // ------------------------------------------------------------------------------------------
  // Legacy
  // ------------------------------------------------------------------------------------------

  /** Writes a pre-2025-09 rollout: bare objects, {@code record_type: state}, no token events. */
  FileStats writeLegacy(Session s, String rel) throws IOException {
    acc = s.acc;
    replay = false;
    List<FileStats> out = new ArrayList<>();
    open(rel, FileTruth.Role.LEGACY, s.id, out);
    SplittableRandom r = new SplittableRandom(s.seed);
    now = s.createdMs;
    b.reset();
    b.raw("{\"id\":").str(s.id).raw(",\"timestamp\":").ts(s.createdMs).raw(",\"instructions\":null,\"git\":{\"commit_hash\":")
        .str(s.commit).raw(",\"branch\":").str(s.branch).raw(",\"repository_url\":").str(s.repo.remoteUrl()).raw("}}");
    sink.line(b);
    for (Turn t : s.turns) {
      acc.turns++;
      b.reset();
      b.raw("{\"record_type\":\"state\"}");
      sink.line(b);
      b.reset();
      b.raw("{\"type\":\"message\",\"id\":null,\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":")
          .str(t.prompt).raw("}]}");
      sink.line(b);
      for (int c = 0; c < t.calls; c++) {
        String callId = Ids.callId(r);
        b.reset();
        b.raw("{\"type\":\"reasoning\",\"id\":\"rs_").raw(Ids.hex(r, 32)).raw("\",\"summary\":[],\"encrypted_content\":\"gAAAAAB");
        Filler.blob(b, r, 400);
        b.raw("\"}");
        sink.line(b);
        b.reset();
        b.raw("{\"type\":\"function_call\",\"id\":\"fc_").raw(Ids.hex(r, 32))
            .raw("\",\"name\":\"shell\",\"arguments\":\"{\\\"command\\\":[\\\"bash\\\",\\\"-lc\\\",\\\"ls\\\"]}\",\"call_id\":\"")
            .raw(callId).raw("\"}");
        sink.line(b);
        b.reset();
        b.raw("{\"type\":\"function_call_output\",\"call_id\":\"").raw(callId).raw("\",\"output\":\"");
        Filler.text(b, r, s.payloadBytes / 2);
        b.raw("\"}");
        sink.line(b);
      }
      b.reset();
      b.raw("{\"type\":\"message\",\"id\":\"msg_").raw(Ids.hex(r, 32))
          .raw("\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"");
      Filler.text(b, r, 200);
      b.raw("\"}]}");
      sink.line(b);
      now = t.startMs + 20_000;
      acc.updatedMs = now;
    }
    close();
    return fs;
  }
}
