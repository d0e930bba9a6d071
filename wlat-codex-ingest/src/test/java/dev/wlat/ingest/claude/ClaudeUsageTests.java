package dev.wlat.ingest.claude;

import static dev.wlat.ingest.claude.ClaudeLines.assistant;
import static dev.wlat.ingest.claude.ClaudeLines.assistantRaw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wlat.model.IssueKind;
import dev.wlat.model.TokenUsage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeUsageTests {

  private static final String SONNET = "claude-sonnet-4-5-20250929";
  private static final String PROJECT = "-home-u-proj/";
  private static final String S1 = PROJECT + "5c0ffee0-0000-4000-8000-000000000001.jsonl";
  private static final String S2 = PROJECT + "5c0ffee0-0000-4000-8000-000000000002.jsonl";

  @TempDir Path dir;
  Path projects;

  @BeforeEach
  void home() throws IOException {
    projects = Files.createDirectories(dir.resolve("projects"));
  }

  private ClaudeLog read() {
    return ClaudeUsage.read(ClaudeHome.open(dir), null, 1);
  }

  /** The counts of a log always add up: every usage line is a call, a zero, a repeat or before the window. */
  private static ClaudeLog addsUp(ClaudeLog log) {
    assertThat(log.usageLines())
        .isEqualTo(log.zeroUsageLines() + log.duplicatesMerged() + log.beforeSince() + log.calls().size());
    return log;
  }

  @Test
  void theFourUsageFieldsOfALineMapToInputIncludingTheCacheAndTheCallKeepsItsContext() {
    Path f = ClaudeLines.write(projects, S1, ClaudeLines.user("2026-11-30T09:59:58.000Z"),
        assistant("msg_01", "req_01", "2026-11-30T10:00:00.123Z", SONNET, 12, 3_000, 20_000, 450));

    ClaudeLog log = addsUp(read());

    assertThat(log.calls()).hasSize(1);
    ClaudeCall c = log.calls().get(0);
    assertThat(c.id()).isEqualTo("msg_01:req_01");
    assertThat(c.at()).isEqualTo(Instant.parse("2026-11-30T10:00:00.123Z"));
    assertThat(c.sessionId()).isEqualTo(ClaudeLines.SESSION);
    assertThat(c.cwd()).isEqualTo("/home/u/proj");
    assertThat(c.gitBranch()).isEqualTo("main");
    assertThat(c.model()).isEqualTo(SONNET);
    assertThat(c.file()).isEqualTo(f);
    assertThat(c.line()).isEqualTo(2);
    // input 12 + 3,000 + 20,000 = 23,012 of which cached 20,000 and cache writes 3,000; output 450;
    // total 23,012 + 450 = 23,462
    assertThat(c.usage()).isEqualTo(new TokenUsage(23_012, 20_000, 450, 0, 23_462, 3_000));
    assertThat(log.linesRead()).isEqualTo(2);
    assertThat(log.usageLines()).isEqualTo(1);
    assertThat(log.filesRead()).isEqualTo(1);
    assertThat(log.malformedLines()).isZero();
  }

  @Test
  void contentBlockRepeatsOfOneMessageAreCountedOnceKeepingTheLargest() {
    // one message in three content blocks: thinking, text, tool_use; the output count grows to 450
    ClaudeLines.write(projects, S1,
        assistant("msg_01", "req_01", "2026-11-30T10:00:00.100Z", SONNET, 12, 3_000, 20_000, 1),
        assistant("msg_01", "req_01", "2026-11-30T10:00:00.200Z", SONNET, 12, 3_000, 20_000, 450),
        assistant("msg_01", "req_01", "2026-11-30T10:00:00.300Z", SONNET, 12, 3_000, 20_000, 9),
        assistant("msg_02", "req_02", "2026-11-30T10:00:05.000Z", SONNET, 3, 500, 23_012, 80));

    ClaudeLog log = addsUp(read());

    assertThat(log.calls()).extracting(ClaudeCall::id).containsExactly("msg_01:req_01", "msg_02:req_02");
    assertThat(log.calls().get(0).usage().outputTokens()).isEqualTo(450);
    assertThat(log.calls().get(0).line()).isEqualTo(2);
    assertThat(log.calls().get(0).at()).isEqualTo(Instant.parse("2026-11-30T10:00:00.200Z"));
    assertThat(log.usageLines()).isEqualTo(4);
    assertThat(log.duplicatesMerged()).isEqualTo(2);
    // 23,462 + (3 + 500 + 23,012 + 80 = 23,595) = 47,057, not the 93,892 of summing every line
    assertThat(log.total().totalTokens()).isEqualTo(47_057);
  }

  @Test
  void aResumedSessionRepeatingEarlierMessagesInANewFileCountsThemOnce() {
    ClaudeLines.write(projects, S1,
        assistant("msg_01", "req_01", "2026-11-30T10:00:00.000Z", SONNET, 12, 3_000, 20_000, 450));
    ClaudeLines.write(projects, S2,
        assistant("msg_01", "req_01", "2026-11-30T10:00:00.000Z", SONNET, 12, 3_000, 20_000, 450),
        assistant("msg_03", "req_03", "2026-12-01T08:00:00.000Z", SONNET, 5, 1_000, 0, 40));

    ClaudeLog log = addsUp(read());

    assertThat(log.calls()).extracting(ClaudeCall::id).containsExactly("msg_01:req_01", "msg_03:req_03");
    assertThat(log.duplicatesMerged()).isEqualTo(1);
    assertThat(log.filesRead()).isEqualTo(2);
    // of equal copies the first file's is kept, whichever file is read first
    assertThat(log.calls().get(0).file()).isEqualTo(projects.resolve(S1));
    assertThat(ClaudeUsage.read(ClaudeHome.open(dir), null, 4)).isEqualTo(log);
  }

  @Test
  void theLargestCopyIsKeptAcrossFilesToo() {
    ClaudeLines.write(projects, S1,
        assistant("msg_01", "req_01", "2026-11-30T10:00:00.000Z", SONNET, 12, 3_000, 20_000, 7));
    ClaudeLines.write(projects, S2,
        assistant("msg_01", "req_01", "2026-11-30T10:00:00.000Z", SONNET, 12, 3_000, 20_000, 450));

    ClaudeLog log = addsUp(read());

    assertThat(log.calls()).singleElement().satisfies(c -> {
      assertThat(c.usage().outputTokens()).isEqualTo(450);
      assertThat(c.file()).isEqualTo(projects.resolve(S2));
    });
  }

  @Test
  void aMessageWithoutRequestIdIsKeyedByItsFileAndLineSoItsLinesAreNotMerged() {
    Path f = ClaudeLines.write(projects, S1,
        assistant("msg_01", null, "2026-11-30T10:00:00.000Z", SONNET, 1, 0, 0, 10),
        assistant("msg_01", null, "2026-11-30T10:00:00.500Z", SONNET, 1, 0, 0, 10),
        assistant(null, "req_09", "2026-11-30T10:00:01.000Z", SONNET, 1, 0, 0, 10));

    ClaudeLog log = addsUp(read());

    assertThat(log.calls()).extracting(ClaudeCall::id).containsExactly(f + ":1", f + ":2", f + ":3");
    assertThat(log.duplicatesMerged()).isZero();
  }

  @Test
  void linesWithoutAMessageUsageAreNotCallsEvenWhenTheyMentionUsage() {
    ClaudeLines.write(projects, S1, ClaudeLines.summary(), ClaudeLines.user("2026-11-30T09:00:00.000Z"),
        ClaudeLines.system("2026-11-30T09:00:01.000Z"), ClaudeLines.toolResultWithUsage("2026-11-30T09:00:02.000Z"),
        "{\"type\":\"assistant\",\"message\":{\"id\":\"msg_x\",\"usage\":null},\"text\":\"\\\"usage\\\"\"}");

    ClaudeLog log = addsUp(read());

    assertThat(log.calls()).isEmpty();
    assertThat(log.linesRead()).isEqualTo(5);
    assertThat(log.usageLines()).isZero();
    assertThat(log.malformedLines()).isZero();
  }

  @Test
  void zeroUsageLinesAreCountedAndLeftOut() {
    ClaudeLines.write(projects, S1,
        assistant("msg_err", "req_err", "2026-11-30T10:00:00.000Z", "<synthetic>", 0, 0, 0, 0),
        assistantRaw("msg_e2", "req_e2", "2026-11-30T10:00:01.000Z", "<synthetic>", "{}"),
        assistant("msg_01", "req_01", "2026-11-30T10:00:02.000Z", SONNET, 1, 2, 3, 4));

    ClaudeLog log = addsUp(read());

    assertThat(log.calls()).extracting(ClaudeCall::id).containsExactly("msg_01:req_01");
    assertThat(log.zeroUsageLines()).isEqualTo(2);
    assertThat(log.usageLines()).isEqualTo(3);
  }

  @Test
  void malformedLinesAreCountedWithTheirFileAndLineAndNeverStopTheRead() {
    String ts = "2026-11-30T10:00:00.000Z";
    Path f = ClaudeLines.write(projects, S1,
        assistant("msg_01", "req_01", ts, SONNET, 1, 0, 0, 1),                                   // 1 good
        "{\"type\":\"assistant\",\"message\":{\"usage\":{\"input_tokens\":5}},\"timestamp\":",   // 2 bad JSON
        assistant("msg_03", "req_03", "yesterday", SONNET, 1, 0, 0, 1),                          // 3 bad time
        assistantRaw("msg_04", "req_04", ts, SONNET, "{\"input_tokens\":-5,\"output_tokens\":1}"),  // 4 negative
        assistantRaw("msg_05", "req_05", ts, SONNET, "{\"input_tokens\":1.5,\"output_tokens\":1}"), // 5 fraction
        assistantRaw("msg_06", "req_06", ts, SONNET, "{\"input_tokens\":\"7\",\"output_tokens\":1}"), // 6 a string
        assistantRaw("msg_07", "req_07", ts, SONNET,
            "{\"input_tokens\":99999999999999999999,\"output_tokens\":1}"),                     // 7 too big
        "{\"type\":\"assistant\",\"message\":{\"id\":\"m8\",\"usage\":{\"output_tokens\":3}}}",  // 8 no time
        "{\"type\":\"user\",\"message\":{\"content\":\"hi\"",                                     // 9 bad, no usage
        assistantRaw("msg_10", "req_10", ts, SONNET, "[1,2]"),                                  // 10 not an object
        assistant("msg_11", "req_11", "2026-11-30T10:00:09.000Z", SONNET, 2, 0, 0, 2));          // 11 good

    ClaudeLog log = addsUp(read());

    assertThat(log.calls()).extracting(ClaudeCall::id).containsExactly("msg_01:req_01", "msg_11:req_11");
    assertThat(log.malformedLines()).isEqualTo(9);
    assertThat(log.issueCount(IssueKind.MALFORMED_JSON)).isEqualTo(2);
    assertThat(log.issueCount(IssueKind.INVALID_TIMESTAMP)).isEqualTo(1);
    assertThat(log.issueCount(IssueKind.INVALID_NUMBER)).isEqualTo(4);
    assertThat(log.issueCount(IssueKind.MISSING_FIELD)).isEqualTo(1);
    assertThat(log.issueCount(IssueKind.UNKNOWN_EVENT_SHAPE)).isEqualTo(1);
    assertThat(log.issues()).extracting(ClaudeLog.Issue::line).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(log.issues()).allSatisfy(i -> assertThat(i.file()).isEqualTo(f));
    assertThat(log.issues().get(0)).hasToString("malformed_json at " + f + ":2");
    assertThat(log.usageLines()).isEqualTo(2);
  }

  @Test
  void onlyTheFirstIssuesAreKeptWithTheirPlaceButAllAreCounted() {
    String[] bad = new String[ClaudeLog.MAX_ISSUES + 5];
    java.util.Arrays.fill(bad, "{\"message\":{\"usage\":{\"input_tokens\":1}}");
    ClaudeLines.write(projects, S1, bad);

    ClaudeLog log = read();

    assertThat(log.malformedLines()).isEqualTo(ClaudeLog.MAX_ISSUES + 5);
    assertThat(log.issues()).hasSize(ClaudeLog.MAX_ISSUES);
  }

  @Test
  void anIncompleteLastLineWithoutItsNewlineIsCountedAsTruncated() {
    String good = assistant("msg_01", "req_01", "2026-11-30T10:00:00.000Z", SONNET, 1, 0, 0, 1);
    String cut = assistant("msg_02", "req_02", "2026-11-30T10:00:01.000Z", SONNET, 1, 0, 0, 1);
    ClaudeLines.writeRaw(projects, S1, (good + "\n" + cut.substring(0, cut.length() - 9))
        .getBytes(StandardCharsets.UTF_8));
    // a cut line that has not reached its usage yet is truncated too
    ClaudeLines.writeRaw(projects, S2, (good.replace("msg_01", "msg_05") + "\n" + cut.substring(0, 40))
        .getBytes(StandardCharsets.UTF_8));

    ClaudeLog log = addsUp(read());

    assertThat(log.calls()).extracting(ClaudeCall::id).containsExactly("msg_01:req_01", "msg_05:req_01");
    assertThat(log.issueCount(IssueKind.TRUNCATED_LAST_LINE)).isEqualTo(2);
    assertThat(log.issues()).extracting(ClaudeLog.Issue::line).containsExactly(2L, 2L);
    assertThat(log.linesRead()).isEqualTo(4);
  }

  @Test
  void aCompleteLastLineWithoutItsNewlineIsACall() {
    String last = assistant("msg_01", "req_01", "2026-11-30T10:00:00.000Z", SONNET, 1, 0, 0, 1);
    ClaudeLines.writeRaw(projects, S1, (ClaudeLines.summary() + "\n" + last).getBytes(StandardCharsets.UTF_8));

    ClaudeLog log = read();

    assertThat(log.calls()).hasSize(1);
    assertThat(log.malformedLines()).isZero();
  }

  @Test
  void aByteOrderMarkCrLfLineEndsAndBlankLinesAreReadAsPlainLines() {
    String a = assistant("msg_01", "req_01", "2026-11-30T10:00:00.000Z", SONNET, 1, 0, 0, 1);
    String b = assistant("msg_02", "req_02", "2026-11-30T10:00:01.000Z", SONNET, 2, 0, 0, 2);
    byte[] body = (a + "\r\n\r\n   \n" + ClaudeLines.summary() + "\r\n" + b + "\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[body.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(body, 0, bytes, 3, body.length);
    ClaudeLines.writeRaw(projects, S1, bytes);

    ClaudeLog log = addsUp(read());

    assertThat(log.calls()).extracting(ClaudeCall::line).containsExactly(1L, 5L);
    assertThat(log.linesRead()).isEqualTo(5);
    assertThat(log.malformedLines()).isZero();
  }

  @Test
  void aLineLongerThanTheLimitIsCountedAsOversizedAndTheNextLinesAreRead() {
    String big = assistant("msg_01", "req_01", "2026-11-30T10:00:00.000Z", SONNET, 1, 0, 0, 1)
        .replace("Looking at the tests now.", "x".repeat(5_000));
    ClaudeLines.write(projects, S1, big,
        assistant("msg_02", "req_02", "2026-11-30T10:00:01.000Z", SONNET, 2, 0, 0, 2));

    ClaudeLog log = ClaudeUsage.read(List.of(ClaudeHome.open(dir)), null, 1, 1_024);

    assertThat(log.calls()).extracting(ClaudeCall::id).containsExactly("msg_02:req_02");
    assertThat(log.issues()).singleElement().satisfies(i -> {
      assertThat(i.kind()).isEqualTo(IssueKind.OVERSIZED_LINE);
      assertThat(i.line()).isEqualTo(1);
    });
    assertThat(log.linesRead()).isEqualTo(2);
  }

  @Test
  void aFileThatCannotBeReadIsCountedAsAReadError() {
    Path missing = projects.resolve(S1);

    ClaudeFileParser.FileResult r = ClaudeFileParser.parse(missing, ClaudeFileParser.DEFAULT_MAX_LINE_BYTES);

    assertThat(r.issueCounts()).containsEntry(IssueKind.READ_ERROR, 1L);
    assertThat(r.issues()).containsExactly(new ClaudeLog.Issue(IssueKind.READ_ERROR, missing, 0));
  }

  @Test
  void sinceLeavesOutFilesModifiedBeforeItUnopenedAndCallsBeforeIt() throws IOException {
    Instant since = Instant.parse("2026-12-01T00:00:00Z");
    Path old = ClaudeLines.write(projects, S1,
        assistant("msg_01", "req_01", "2026-11-20T10:00:00.000Z", SONNET, 1, 0, 0, 1));
    Files.setLastModifiedTime(old, FileTime.from(Instant.parse("2026-11-20T10:00:01Z")));
    Path recent = ClaudeLines.write(projects, S2,
        assistant("msg_02", "req_02", "2026-11-30T23:59:59.999Z", SONNET, 1, 0, 0, 1),
        assistant("msg_03", "req_03", "2026-12-01T00:00:00.000Z", SONNET, 2, 0, 0, 2));
    Files.setLastModifiedTime(recent, FileTime.from(Instant.parse("2026-12-01T00:00:01Z")));

    ClaudeLog log = addsUp(ClaudeUsage.read(ClaudeHome.open(dir), since, 2));

    assertThat(log.calls()).extracting(ClaudeCall::id).containsExactly("msg_03:req_03");
    assertThat(log.filesSkipped()).isEqualTo(1);
    assertThat(log.filesRead()).isEqualTo(1);
    assertThat(log.beforeSince()).isEqualTo(1);
    assertThat(ClaudeUsage.read(ClaudeHome.open(dir), null, 2).calls()).hasSize(3);
  }

  @Test
  void callsAreSortedByTimeThenIdAcrossFilesAndHomes() throws IOException {
    ClaudeLines.write(projects, S1,
        assistant("msg_b", "req_1", "2026-11-30T10:00:02.000Z", SONNET, 1, 0, 0, 1),
        assistant("msg_a", "req_1", "2026-11-30T10:00:02.000Z", SONNET, 1, 0, 0, 1));
    Path other = Files.createDirectories(dir.resolve("work-config/projects"));
    ClaudeLines.write(other, S2,
        assistant("msg_c", "req_1", "2026-11-30T10:00:01.000Z", SONNET, 1, 0, 0, 1),
        assistant("msg_a", "req_1", "2026-11-30T10:00:02.000Z", SONNET, 1, 0, 0, 1));

    ClaudeLog log = addsUp(ClaudeUsage.read(List.of(ClaudeHome.open(dir), ClaudeHome.open(other),
        ClaudeHome.open(dir)), null, 3));

    assertThat(log.calls()).extracting(ClaudeCall::id).containsExactly("msg_c:req_1", "msg_a:req_1", "msg_b:req_1");
    assertThat(log.filesRead()).isEqualTo(2);
    assertThat(log.duplicatesMerged()).isEqualTo(1);
  }

  @Test
  void threadsMustBeAtLeastOne() {
    assertThatThrownBy(() -> ClaudeUsage.read(ClaudeHome.open(dir), null, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("threads must be at least 1, was [0]");
  }

  @Test
  void aCounterAboveTheCapIsInvalidSoNoSumCanOverflow() {
    String ts = "2026-11-30T10:00:00.000Z";
    ClaudeLines.write(projects, S1,
        assistantRaw("msg_01", "req_01", ts, SONNET, "{\"input_tokens\":1000000000000000,\"output_tokens\":1}"),
        assistantRaw("msg_02", "req_02", ts, SONNET, "{\"input_tokens\":1000000000000001,\"output_tokens\":1}"),
        assistantRaw("msg_03", "req_03", ts, SONNET, "{\"input_tokens\":4611686018427387904,\"output_tokens\":1}"),
        assistantRaw("msg_04", "req_04", ts, SONNET, "{\"input_tokens\":4611686018427387904,\"output_tokens\":1}"));

    ClaudeLog log = addsUp(read());

    // 10^15 is the largest accepted; 10^15 + 1 and 2^62 (twice: their sum would pass Long.MAX_VALUE) are not
    assertThat(log.calls()).extracting(ClaudeCall::id).containsExactly("msg_01:req_01");
    assertThat(log.issueCount(IssueKind.INVALID_NUMBER)).isEqualTo(3);
    assertThat(log.total().totalTokens()).isEqualTo(1_000_000_000_000_001L);
  }

  @Test
  void aSecretInTheWorkingDirectoryOrBranchNeverLeavesTheParser() {
    String token = "ghp_" + "Qw3rTy5uI7oP9aS1dF3gH5jK7lZ9xC1vB3nM";
    String line = ClaudeLines.assistant("msg_01", "req_01", "2026-11-30T10:00:00.000Z", SONNET, 1, 0, 0, 1)
        .replace("\"cwd\":\"" + ClaudeLines.CWD + "\"", "\"cwd\":\"/home/dev/src/svc-" + token + "\"")
        .replace("\"gitBranch\":\"main\"", "\"gitBranch\":\"fix/" + token + "\"");
    ClaudeLines.write(projects, S1, line);

    ClaudeCall c = read().calls().get(0);

    assertThat(c.cwd()).startsWith("/home/dev/src/").doesNotContain(token).contains("[redacted:");
    assertThat(c.gitBranch()).startsWith("fix/").doesNotContain(token);
  }
}
