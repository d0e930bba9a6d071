package dev.wlat.ingest;

import static dev.wlat.ingest.Rollouts.THREAD;
import static dev.wlat.ingest.Rollouts.usage;
import static dev.wlat.ingest.Rollouts.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.model.AccountingBasis;
import dev.wlat.model.EventFlag;
import dev.wlat.model.EventKind;
import dev.wlat.model.GitFacts;
import dev.wlat.model.RateLimitSnapshot;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.SessionSegment;
import dev.wlat.model.TokenEvent;
import dev.wlat.model.TokenUsage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutParserTests {

  private static final String TURN_1 = "019a1111-0001-7000-8000-000000000001";
  private static final String TURN_2 = "019a1111-0002-7000-8000-000000000002";

  @TempDir Path dir;

  @Test
  void tokenCountRowBecomesOneEventWithBothUsages() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .tokenCount("2026-03-01T10:00:05.250Z", usage(100, 40, 20, 5, 120), usage(300, 140, 60, 15, 360))
        .parse(dir);

    assertThat(s.events()).hasSize(1);
    TokenEvent e = s.events().get(0);
    assertThat(e.kind()).isEqualTo(EventKind.TOKEN_COUNT);
    assertThat(e.threadId()).isEqualTo(THREAD);
    assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-03-01T10:00:05.250Z"));
    assertThat(e.lineNumber()).isEqualTo(2);
    assertThat(e.last()).isEqualTo(TokenUsage.of(100, 40, 20, 5, 120));
    assertThat(e.total()).isEqualTo(TokenUsage.of(300, 140, 60, 15, 360));
    assertThat(e.modelContextWindow()).isEqualTo(258_400L);
    assertThat(e.rateLimits()).isNull();
    assertThat(e.flags()).isEmpty();
  }

  @Test
  void eventIdIsSegmentIdAndLineNumber() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .userMessage("hello")
        .tokenCount(usage(1, 0, 1, 0, 2), usage(1, 0, 1, 0, 2))
        .parse(dir);

    String segmentId = RolloutFile.segmentIdOf(Rollouts.FILE_NAME);
    assertThat(s.events().get(0).eventId()).isEqualTo(segmentId + ":3");
    assertThat(s.events().get(0).sessionSegmentId()).isEqualTo(segmentId);
    assertThat(s.segment().segmentId()).isEqualTo(segmentId);
  }

  @Test
  void reEmitWithUnchangedTotalsIsFlaggedRepeatedTotal() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .tokenCount(usage(10, 0, 5, 0, 15), usage(10, 0, 5, 0, 15))
        .tokenCountInfoNull("null")
        .tokenCount(usage(10, 0, 5, 0, 15), usage(10, 0, 5, 0, 15))
        .tokenCount(usage(20, 10, 5, 0, 25), usage(30, 10, 10, 0, 40))
        .parse(dir);

    assertThat(s.events()).extracting(e -> e.has(EventFlag.REPEATED_TOTAL))
        .containsExactly(false, false, true, false);
  }

  @Test
  void infoNullRowIsKeptAndFlaggedInfoMissing() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .tokenCountInfoNull("{\"primary\":" + window(12.5, 300, 1_772_000_000L) + "}")
        .parse(dir);

    TokenEvent e = s.events().get(0);
    assertThat(e.flags()).containsExactly(EventFlag.INFO_MISSING);
    assertThat(e.last()).isNull();
    assertThat(e.total()).isNull();
    assertThat(e.rateLimits().primary().usedPercent()).isEqualTo(12.5);
  }

  @Test
  void absentLastUsageIsFlaggedLastUsageMissing() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .envelope(Rollouts.T0, "event_msg", "{\"type\":\"token_count\",\"info\":{\"total_token_usage\":"
            + usage(5, 0, 5, 0, 10) + "},\"rate_limits\":null}")
        .parse(dir);

    assertThat(s.events().get(0).flags()).containsExactly(EventFlag.LAST_USAGE_MISSING);
    assertThat(s.events().get(0).total().totalTokens()).isEqualTo(10);
  }

  @Test
  void absentTotalUsageIsFlaggedTotalUsageMissing() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .envelope(Rollouts.T0, "event_msg", "{\"type\":\"token_count\",\"info\":{\"last_token_usage\":"
            + usage(5, 0, 5, 0, 10) + "},\"rate_limits\":null}")
        .parse(dir);

    assertThat(s.events().get(0).flags()).containsExactly(EventFlag.TOTAL_USAGE_MISSING);
  }

  @Test
  void lastUsageZeroButForTotalTokensIsFlaggedZeroLastUsage() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .tokenCount(usage(0, 0, 0, 0, 940_499), usage(900_000, 800_000, 40_499, 9_000, 940_499))
        .parse(dir);

    assertThat(s.events().get(0).flags()).containsExactly(EventFlag.ZERO_LAST_USAGE);
  }

  @Test
  void cacheWriteInputTokensAreRead() {
    String withCacheWrite = "{\"input_tokens\":50,\"cached_input_tokens\":10,"
        + "\"cache_write_input_tokens\":7,\"output_tokens\":3,\"reasoning_output_tokens\":1,"
        + "\"total_tokens\":53}";
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .tokenCount(withCacheWrite, withCacheWrite)
        .parse(dir);

    assertThat(s.events().get(0).last()).isEqualTo(new TokenUsage(50, 10, 3, 1, 53, 7));
  }

  @Test
  void rowBelongsToTurnOfLatestTurnContext() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .turnContext(TURN_1, "gpt-5.3-codex", "high")
        .tokenCount(usage(1, 0, 1, 0, 2), usage(1, 0, 1, 0, 2))
        .turnContext(TURN_2, "gpt-5.3-codex", "high")
        .tokenCount(usage(1, 0, 1, 0, 2), usage(2, 0, 2, 0, 4))
        .parse(dir);

    assertThat(s.events()).extracting(TokenEvent::turnId).containsExactly(TURN_1, TURN_2);
  }

  @Test
  void rowBelongsToTurnOfLatestTaskStarted() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .taskStarted(TURN_1)
        .tokenCount(usage(1, 0, 1, 0, 2), usage(1, 0, 1, 0, 2))
        .taskComplete(TURN_1)
        .taskStarted(TURN_2)
        .tokenCount(usage(1, 0, 1, 0, 2), usage(2, 0, 2, 0, 4))
        .parse(dir);

    assertThat(s.events()).extracting(TokenEvent::turnId).containsExactly(TURN_1, TURN_2);
    assertThat(s.segment().turnCount()).isEqualTo(2);
  }

  @Test
  void rowBeforeAnyTurnHasNoTurnId() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .turnContext(null, "gpt-5", null)
        .tokenCount(usage(1, 0, 1, 0, 2), usage(1, 0, 1, 0, 2))
        .parse(dir);

    assertThat(s.events().get(0).turnId()).isNull();
    assertThat(s.segment().turnCount()).isZero();
  }

  @Test
  void modelAndEffortComeFromLatestTurnContext() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .turnContext(TURN_1, "gpt-5.1-codex", "low")
        .tokenCount(usage(1, 0, 1, 0, 2), usage(1, 0, 1, 0, 2))
        .turnContext(TURN_1, "gpt-5.3-codex", "xhigh")
        .tokenCount(usage(1, 0, 1, 0, 2), usage(2, 0, 2, 0, 4))
        .parse(dir);

    assertThat(s.events()).extracting(TokenEvent::model)
        .containsExactly("gpt-5.1-codex", "gpt-5.3-codex");
    assertThat(s.events()).extracting(TokenEvent::effort).containsExactly("low", "xhigh");
  }

  @Test
  void effortFallsBackToCollaborationModeSettings() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .envelope(Rollouts.T0, "turn_context", "{\"turn_id\":\"" + TURN_1 + "\",\"model\":\"gpt-5.5\","
            + "\"collaboration_mode\":{\"mode\":\"default\",\"settings\":{\"model\":\"gpt-5.5\","
            + "\"reasoning_effort\":\"medium\",\"developer_instructions\":\"long text\"}}}")
        .tokenCount(usage(1, 0, 1, 0, 2), usage(1, 0, 1, 0, 2))
        .parse(dir);

    assertThat(s.events().get(0).effort()).isEqualTo("medium");
  }

  @Test
  void cwdComesFromTurnContextElseSessionMeta() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .tokenCount(usage(1, 0, 1, 0, 2), usage(1, 0, 1, 0, 2))
        .envelope(Rollouts.T0, "turn_context", "{\"turn_id\":\"" + TURN_1 + "\",\"cwd\":\"/work/other\","
            + "\"model\":\"gpt-5\"}")
        .tokenCount(usage(1, 0, 1, 0, 2), usage(2, 0, 2, 0, 4))
        .parse(dir);

    assertThat(s.events()).extracting(TokenEvent::cwd).containsExactly("/work/proj", "/work/other");
  }

  @Test
  void rateLimitWindowsAreIdentifiedByWindowMinutesNotSlot() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .tokenCountInfoNull("{\"limit_id\":\"codex\",\"primary\":" + window(14.0, 10080, 1_784_500_227L)
            + ",\"secondary\":null,\"credits\":null,\"plan_type\":\"plus\"}")
        .parse(dir);

    RateLimitSnapshot r = s.events().get(0).rateLimits();
    assertThat(r.weekly()).hasValueSatisfying(w -> {
      assertThat(w.usedPercent()).isEqualTo(14.0);
      assertThat(w.resetsAt()).isEqualTo(Instant.ofEpochSecond(1_784_500_227L));
    });
    assertThat(r.fiveHour()).isEmpty();
    assertThat(r.planType()).isEqualTo("plus");
    assertThat(r.limitId()).isEqualTo("codex");
  }

  @Test
  void resetsInSecondsIsResolvedAgainstTheEventTimestamp() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .tokenCountWithLimits("2026-03-01T10:00:00Z", usage(1, 0, 1, 0, 2), usage(1, 0, 1, 0, 2),
            "{\"primary\":{\"used_percent\":3.0,\"window_minutes\":300,\"resets_in_seconds\":3600},"
                + "\"secondary\":{\"used_percent\":40,\"window_minutes\":10080,"
                + "\"resets_in_seconds\":86400}}")
        .parse(dir);

    RateLimitSnapshot r = s.events().get(0).rateLimits();
    assertThat(r.primary().resetsAt()).isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
    assertThat(r.secondary().resetsAt()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
    assertThat(r.secondary().usedPercent()).isEqualTo(40.0);
  }

  @Test
  void creditsAndRateLimitReachedTypeAreRead() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .tokenCountInfoNull("{\"credits\":{\"has_credits\":true,\"unlimited\":false,\"balance\":\"12.50\"},"
            + "\"plan_type\":\"pro\",\"rate_limit_reached_type\":\"primary\"}")
        .parse(dir);

    RateLimitSnapshot r = s.events().get(0).rateLimits();
    assertThat(r.hasCredits()).isTrue();
    assertThat(r.unlimitedCredits()).isFalse();
    assertThat(r.creditsBalance()).isEqualTo("12.50");
    assertThat(r.rateLimitReachedType()).isEqualTo("primary");
  }

  @Test
  void allNullRateLimitsGiveNoSnapshot() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .tokenCountInfoNull("{\"primary\":null,\"secondary\":null,\"credits\":null,\"plan_type\":null}")
        .parse(dir);

    assertThat(s.events().get(0).rateLimits()).isNull();
  }

  @Test
  void sessionSegmentHoldsSessionMetaFacts() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD, ",\"git\":{\"commit_hash\":\"abc123\",\"branch\":\"main\","
            + "\"repository_url\":\"git@github.com:o/r.git\"}")
        .parse(dir);

    SessionSegment m = s.segment();
    assertThat(m.threadId()).isEqualTo(THREAD);
    assertThat(m.startedAt()).isEqualTo(Instant.parse(Rollouts.T0));
    assertThat(m.cwd()).isEqualTo("/work/proj");
    assertThat(m.originator()).isEqualTo("codex_cli_rs");
    assertThat(m.cliVersion()).isEqualTo("0.150.0");
    assertThat(m.source()).isEqualTo("cli");
    assertThat(m.modelProvider()).isEqualTo("openai");
    assertThat(m.git()).isEqualTo(new GitFacts("abc123", "main", "git@github.com:o/r.git"));
    assertThat(m.sessionMetaCount()).isEqualTo(1);
    assertThat(m.isChildThread()).isFalse();
  }

  @Test
  void sessionSegmentCountsLinesBytesKindsAndCompactions() {
    Rollouts r = Rollouts.create()
        .sessionMeta(THREAD)
        .taskStarted(TURN_1)
        .turnContext(TURN_1, "gpt-5", "low")
        .responseMessage("user", "hi")
        .functionCall("ls", "a.txt")
        .tokenCount(usage(1, 0, 1, 0, 2), usage(1, 0, 1, 0, 2))
        .compacted("summary")
        .agentMessage("done");
    RolloutSegment s = r.parse(dir);

    SessionSegment m = s.segment();
    assertThat(m.lineCount()).isEqualTo(10);
    assertThat(m.byteCount()).isEqualTo(r.bytes().length);
    assertThat(m.lineKinds()).isEqualTo(Map.of(
        "compacted", 1L,
        "event_msg:agent_message", 1L,
        "event_msg:context_compacted", 1L,
        "event_msg:task_started", 1L,
        "event_msg:token_count", 1L,
        "response_item", 3L,
        "session_meta", 1L,
        "turn_context", 1L));
    assertThat(m.compactionCount()).isEqualTo(1);
    assertThat(m.turnCount()).isEqualTo(1);
    assertThat(m.basis()).isEqualTo(AccountingBasis.TOKEN_COUNT_TOTALS);
  }

  @Test
  void subagentSourceObjectBecomesColonString() {
    RolloutSegment s = Rollouts.create()
        .envelope(Rollouts.T0, "session_meta", "{\"id\":\"" + THREAD + "\",\"source\":{\"subagent\":\"review\"}}")
        .parse(dir);

    assertThat(s.segment().source()).isEqualTo("subagent:review");
    assertThat(s.segment().isChildThread()).isFalse();
  }

  @Test
  void threadSpawnSourceNamesParentNicknameAndRole() {
    String parent = "019a0000-0000-7000-8000-000000000001";
    RolloutSegment s = Rollouts.create()
        .envelope(Rollouts.T0, "session_meta", "{\"id\":\"" + THREAD + "\",\"source\":{\"subagent\":"
            + "{\"thread_spawn\":{\"parent_thread_id\":\"" + parent + "\",\"depth\":1,"
            + "\"agent_path\":\"/a\",\"agent_nickname\":\"scout\",\"agent_role\":\"explorer\"}}}}")
        .parse(dir);

    SessionSegment m = s.segment();
    assertThat(m.source()).isEqualTo("subagent:thread_spawn");
    assertThat(m.parentThreadId()).isEqualTo(parent);
    assertThat(m.agentNickname()).isEqualTo("scout");
    assertThat(m.agentRole()).isEqualTo("explorer");
    assertThat(m.isChildThread()).isTrue();
  }

  @Test
  void usageRecordsMakeTheBasisAndCarryResponseIdAndTurn() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .taskStarted(TURN_1)
        .tokenCount(usage(10, 0, 2, 0, 12), usage(10, 0, 2, 0, 12))
        .envelope("2026-03-01T10:00:07Z", "token_usage_record", "{\"thread_id\":\"" + THREAD
            + "\",\"turn_id\":\"" + TURN_2 + "\",\"session_id\":\"" + THREAD
            + "\",\"response_id\":\"resp_1\",\"usage\":" + usage(10, 0, 2, 0, 12)
            + ",\"turn_token_usage\":" + usage(10, 0, 2, 0, 12)
            + ",\"thread_token_usage\":" + usage(110, 50, 12, 0, 122) + "}")
        .parse(dir);

    assertThat(s.segment().basis()).isEqualTo(AccountingBasis.USAGE_RECORDS);
    TokenEvent r = s.events().get(1);
    assertThat(r.kind()).isEqualTo(EventKind.USAGE_RECORD);
    assertThat(r.responseId()).isEqualTo("resp_1");
    assertThat(r.turnId()).isEqualTo(TURN_2);
    assertThat(r.last()).isEqualTo(TokenUsage.of(10, 0, 2, 0, 12));
    assertThat(r.total()).isEqualTo(TokenUsage.of(110, 50, 12, 0, 122));
    assertThat(r.timestamp()).isEqualTo(Instant.parse("2026-03-01T10:00:07Z"));
    assertThat(s.segment().lineKinds()).containsEntry("token_usage_record", 1L);
  }

  @Test
  void fileWithOnlyInfoNullRowsHasNoBasis() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .tokenCountInfoNull("null")
        .parse(dir);

    assertThat(s.segment().basis()).isEqualTo(AccountingBasis.NONE);
  }

  @Test
  void spacesAroundColonsGiveTheSameEvents() {
    String compact = Rollouts.create()
        .sessionMeta(THREAD)
        .taskStarted(TURN_1)
        .responseMessage("user", "hi")
        .tokenCount(usage(3, 1, 2, 0, 5), usage(3, 1, 2, 0, 5))
        .text();
    String spaced = compact.replace("\":", "\": ").replace(",\"", ", \"").replace("{\"", "{ \"");
    RolloutSegment a = parseText(compact, "a");
    RolloutSegment b = parseText(spaced, "b");

    assertThat(b.events()).hasSize(1);
    assertThat(b.events().get(0).total()).isEqualTo(a.events().get(0).total());
    assertThat(b.events().get(0).turnId()).isEqualTo(TURN_1);
    assertThat(b.segment().lineKinds()).isEqualTo(a.segment().lineKinds());
    assertThat(b.diagnostics().isEmpty()).isTrue();
  }

  @Test
  void payloadBeforeTypeIsStillParsed() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .line("{\"payload\":{\"info\":{\"total_token_usage\":" + usage(7, 0, 1, 0, 8)
            + ",\"last_token_usage\":" + usage(7, 0, 1, 0, 8) + "},\"type\":\"token_count\"},"
            + "\"type\":\"event_msg\",\"timestamp\":\"2026-03-01T10:00:01Z\"}")
        .parse(dir);

    assertThat(s.events()).hasSize(1);
    assertThat(s.events().get(0).total().totalTokens()).isEqualTo(8);
    assertThat(s.events().get(0).timestamp()).isEqualTo(Instant.parse("2026-03-01T10:00:01Z"));
  }

  @Test
  void ordinalBeforeTypeIsUnderstood() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .line("{\"timestamp\":\"2026-03-01T10:00:01Z\",\"ordinal\":7,\"type\":\"event_msg\","
            + "\"payload\":{\"type\":\"token_count\",\"info\":{\"total_token_usage\":"
            + usage(7, 0, 1, 0, 8) + ",\"last_token_usage\":" + usage(7, 0, 1, 0, 8) + "}}}")
        .parse(dir);

    assertThat(s.events()).extracting(TokenEvent::lineNumber).containsExactly(2L);
  }

  @Test
  void resumeSegmentTakesThreadIdFromSessionMetaNotFileName() {
    Path file = Rollouts.create()
        .sessionMeta(THREAD)
        .tokenCount(usage(1, 0, 1, 0, 2), usage(1, 0, 1, 0, 2))
        .writeTo(dir, "rollout-2026-03-02T10-00-00-019a2222-0000-7000-8000-00000000bbbb_2.jsonl");

    RolloutSegment s = RolloutParser.create().parse(RolloutFile.of(file));
    assertThat(s.segment().threadId()).isEqualTo(THREAD);
    assertThat(s.events().get(0).threadId()).isEqualTo(THREAD);
  }

  @Test
  void parsingTheSameFileTwiceGivesEqualResults() {
    Path file = Rollouts.create()
        .sessionMeta(THREAD)
        .taskStarted(TURN_1)
        .tokenCount(usage(3, 1, 2, 0, 5), usage(3, 1, 2, 0, 5))
        .writeTo(dir);

    RolloutParser parser = RolloutParser.create();
    assertThat(parser.parse(RolloutFile.of(file))).isEqualTo(parser.parse(RolloutFile.of(file)));
  }

  private RolloutSegment parseText(String text, String sub) {
    Path file = Rollouts.write(dir.resolve(sub).resolve(Rollouts.FILE_NAME),
        text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return RolloutParser.create().parse(RolloutFile.of(file));
  }

}
