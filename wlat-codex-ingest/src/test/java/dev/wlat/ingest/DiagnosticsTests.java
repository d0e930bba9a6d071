package dev.wlat.ingest;

import static dev.wlat.ingest.Rollouts.THREAD;
import static dev.wlat.ingest.Rollouts.usage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.model.AccountingBasis;
import dev.wlat.model.GitFacts;
import dev.wlat.model.IssueKind;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.TokenEvent;
import dev.wlat.model.TokenUsage;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input is counted with its line number, and never stops the parse. */
class DiagnosticsTests {

  private static final String ROW = "{\"timestamp\":\"2026-03-01T10:00:09Z\",\"type\":\"event_msg\","
      + "\"payload\":{\"type\":\"token_count\",\"info\":{\"total_token_usage\":"
      + usage(9, 0, 1, 0, 10) + ",\"last_token_usage\":" + usage(9, 0, 1, 0, 10) + "}}}";

  @TempDir Path dir;

  @Test
  void malformedMiddleLineIsCountedAndLaterRowsStillParse() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .line("{\"timestamp\":\"2026-03-01T10:00:00Z\",\"type\":\"event_msg\",\"payload\":{\"type\":\"token_count\",")
        .line(ROW)
        .parse(dir);

    assertThat(s.diagnostics().counts()).isEqualTo(Map.of(IssueKind.MALFORMED_JSON, 1L));
    assertThat(s.diagnostics().sampleLines().get(IssueKind.MALFORMED_JSON)).containsExactly(2L);
    assertThat(s.events()).extracting(TokenEvent::lineNumber).containsExactly(3L);
  }

  @Test
  void notJsonAtAllIsMalformed() {
    RolloutSegment s = Rollouts.create().sessionMeta(THREAD).line("garbage here").line(ROW).parse(dir);

    assertThat(s.diagnostics().sampleLines()).isEqualTo(Map.of(IssueKind.MALFORMED_JSON, List.of(2L)));
    assertThat(s.events()).hasSize(1);
  }

  @Test
  void cutLastLineWithoutNewlineIsTruncatedNotMalformed() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .line(ROW)
        .raw(ROW.substring(0, 70))
        .parse(dir);

    assertThat(s.diagnostics().sampleLines())
        .isEqualTo(Map.of(IssueKind.TRUNCATED_LAST_LINE, List.of(3L)));
    assertThat(s.events()).hasSize(1);
  }

  @Test
  void cutLastResponseItemIsTruncatedToo() {
    String item = "{\"timestamp\":\"2026-03-01T10:00:00Z\",\"type\":\"response_item\",\"payload\":"
        + "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[]}}";
    RolloutSegment s = Rollouts.create().sessionMeta(THREAD).raw(item.substring(0, 90)).parse(dir);

    assertThat(s.diagnostics().sampleLines())
        .isEqualTo(Map.of(IssueKind.TRUNCATED_LAST_LINE, List.of(2L)));
  }

  @Test
  void completeLastLineWithoutNewlineIsParsed() {
    RolloutSegment s = Rollouts.create().sessionMeta(THREAD).raw(ROW).parse(dir);

    assertThat(s.diagnostics().isEmpty()).isTrue();
    assertThat(s.events()).hasSize(1);
  }

  @Test
  void unknownEnvelopeTypeIsCounted() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .envelope(Rollouts.T0, "world_state", "{\"x\":1}")
        .parse(dir);

    assertThat(s.diagnostics().sampleLines())
        .isEqualTo(Map.of(IssueKind.UNKNOWN_LINE_TYPE, List.of(2L)));
    assertThat(s.segment().lineKinds()).containsEntry("unknown", 1L);
  }

  @Test
  void knownTypeWithUnexpectedPayloadShapeIsCounted() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .envelope(Rollouts.T0, "turn_context", "\"not an object\"")
        .envelope(Rollouts.T0, "event_msg", "{\"type\":\"token_count\",\"info\":42}")
        .parse(dir);

    assertThat(s.diagnostics().sampleLines())
        .isEqualTo(Map.of(IssueKind.UNKNOWN_EVENT_SHAPE, List.of(2L, 3L)));
  }

  @Test
  void tokenRowWithoutTimestampIsCountedAndSkipped() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .line(ROW.replace("\"timestamp\":\"2026-03-01T10:00:09Z\",", ""))
        .parse(dir);

    assertThat(s.diagnostics().sampleLines()).isEqualTo(Map.of(IssueKind.MISSING_FIELD, List.of(2L)));
    assertThat(s.events()).isEmpty();
  }

  @Test
  void badTimestampIsCountedAndTheRowSkipped() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .line(ROW.replace("2026-03-01T10:00:09Z", "yesterday"))
        .parse(dir);

    assertThat(s.diagnostics().sampleLines())
        .isEqualTo(Map.of(IssueKind.INVALID_TIMESTAMP, List.of(2L)));
    assertThat(s.events()).isEmpty();
  }

  @Test
  void negativeCounterIsInvalidAndThatUsageDropped() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .tokenCount(usage(-5, 0, 1, 0, 10), usage(9, 0, 1, 0, 10))
        .parse(dir);

    assertThat(s.diagnostics().sampleLines()).isEqualTo(Map.of(IssueKind.INVALID_NUMBER, List.of(2L)));
    assertThat(s.events().get(0).last()).isNull();
    assertThat(s.events().get(0).total().totalTokens()).isEqualTo(10);
  }

  @Test
  void counterAboveLongMaxIsInvalidAndThatUsageDropped() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .tokenCount(usage(9, 0, 1, 0, 10), usage(9, 0, 1, 0, 10)
            .replace("\"total_tokens\":10", "\"total_tokens\":9223372036854775808"))
        .parse(dir);

    assertThat(s.diagnostics().sampleLines()).isEqualTo(Map.of(IssueKind.INVALID_NUMBER, List.of(2L)));
    assertThat(s.events().get(0).total()).isNull();
    assertThat(s.events().get(0).last().totalTokens()).isEqualTo(10);
  }

  @Test
  void counterOfTwoToTheSixtySecondIsInvalidThoughALongHoldsIt() {
    long twoTo62 = 1L << 62;
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .tokenCount(usage(twoTo62, 0, 1, 0, 10), usage(9, 0, 1, 0, 10))
        .tokenCount(usage(9, 0, 1, 0, 10), usage(9, 0, twoTo62, 0, 10))
        .parse(dir);

    assertThat(s.diagnostics().sampleLines())
        .isEqualTo(Map.of(IssueKind.INVALID_NUMBER, List.of(2L, 3L)));
    assertThat(s.events().get(0).last()).isNull();
    assertThat(s.events().get(0).total().totalTokens()).isEqualTo(10);
    assertThat(s.events().get(1).total()).isNull();
  }

  @Test
  void counterOfTenToTheFifteenthIsKeptAndOneMoreIsInvalid() {
    long cap = 1_000_000_000_000_000L;
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .tokenCount(usage(cap, cap, cap, cap, cap), usage(9, 0, 1, 0, 10))
        .tokenCount(usage(9, 0, 1, 0, 10), usage(9, 0, 1, 0, cap + 1))
        .parse(dir);

    assertThat(s.diagnostics().sampleLines()).isEqualTo(Map.of(IssueKind.INVALID_NUMBER, List.of(3L)));
    assertThat(s.events().get(0).last()).isEqualTo(TokenUsage.of(cap, cap, cap, cap, cap));
    assertThat(s.events().get(1).total()).isNull();
  }

  @Test
  void fractionalOrTextCounterIsInvalid() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .tokenCount(usage(9, 0, 1, 0, 10), usage(9, 0, 1, 0, 10).replace("\"total_tokens\":10", "\"total_tokens\":10.5"))
        .tokenCount(usage(9, 0, 1, 0, 10), usage(9, 0, 1, 0, 10).replace("\"total_tokens\":10", "\"total_tokens\":\"10\""))
        .parse(dir);

    assertThat(s.diagnostics().sampleLines())
        .isEqualTo(Map.of(IssueKind.INVALID_NUMBER, List.of(2L, 3L)));
    assertThat(s.events()).extracting(TokenEvent::total).containsExactly(null, null);
  }

  @Test
  void invalidUtf8IsAnEncodingIssue() {
    byte[] head = Rollouts.create().sessionMeta(THREAD).bytes();
    byte[] bad = ROW.replace("token_count\",", "token_count\",\"note\":\"@@\",")
        .getBytes(StandardCharsets.UTF_8);
    int at = indexOf(bad, (byte) '@');
    bad[at] = (byte) 0xC3;
    bad[at + 1] = (byte) 0x28;
    RolloutSegment s = parseBytes(concat(head, bad, new byte[] {'\n'}));

    assertThat(s.diagnostics().sampleLines())
        .isEqualTo(Map.of(IssueKind.INVALID_ENCODING, List.of(2L)));
  }

  @Test
  void nulByteIsAnEncodingIssue() {
    byte[] head = Rollouts.create().sessionMeta(THREAD).bytes();
    byte[] bad = "{\"timestamp\":\"x\",\"type\":\"response_item\",\"payload\":{\"a\":\"\0\"}}\n"
        .getBytes(StandardCharsets.UTF_8);
    RolloutSegment s = parseBytes(concat(head, bad, (ROW + "\n").getBytes(StandardCharsets.UTF_8)));

    assertThat(s.diagnostics().sampleLines())
        .isEqualTo(Map.of(IssueKind.INVALID_ENCODING, List.of(2L)));
    assertThat(s.events()).hasSize(1);
  }

  @Test
  @Timeout(20)
  void lineLongerThanTheLimitIsOversizedAndSkipped() {
    Path file = Rollouts.create()
        .sessionMeta(THREAD)
        .line(ROW.replace("\"info\"", "\"padding\":\"" + "x".repeat(400) + "\",\"info\""))
        .line(ROW)
        .writeTo(dir);

    RolloutSegment s = RolloutParser.withMaxLineBytes(380).parse(RolloutFile.of(file));
    assertThat(s.diagnostics().sampleLines()).isEqualTo(Map.of(IssueKind.OVERSIZED_LINE, List.of(2L)));
    assertThat(s.events()).extracting(TokenEvent::lineNumber).containsExactly(3L);
  }

  @Test
  void legacyFileIsReportedOnceAndGivesMetadataOnly() {
    RolloutSegment s = Rollouts.create()
        .line("{\"id\":\"" + THREAD + "\",\"timestamp\":\"2025-08-01T09:00:00.000Z\","
            + "\"instructions\":\"be nice\",\"git\":{\"commit_hash\":\"def456\",\"branch\":\"dev\"}}")
        .line("{\"record_type\":\"state\"}")
        .line("{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}")
        .line("{\"record_type\":\"state\"}")
        .parse(dir);

    assertThat(s.diagnostics().sampleLines()).isEqualTo(Map.of(IssueKind.LEGACY_FORMAT, List.of(1L)));
    assertThat(s.events()).isEmpty();
    assertThat(s.segment().threadId()).isEqualTo(THREAD);
    assertThat(s.segment().startedAt()).isEqualTo(Instant.parse("2025-08-01T09:00:00Z"));
    assertThat(s.segment().git()).isEqualTo(new GitFacts("def456", "dev", null));
    assertThat(s.segment().basis()).isEqualTo(AccountingBasis.NONE);
    assertThat(s.segment().lineKinds()).isEqualTo(Map.of("legacy", 4L));
  }

  @Test
  void tokenRowBeforeSessionMetaTakesThreadIdFromFileName() {
    RolloutSegment s = Rollouts.create().line(ROW).parse(dir);

    assertThat(s.diagnostics().sampleLines()).isEqualTo(Map.of(IssueKind.NO_SESSION_META, List.of(1L)));
    assertThat(s.events().get(0).threadId()).isEqualTo(THREAD);
    assertThat(s.segment().threadId()).isEqualTo(THREAD);
  }

  @Test
  void vanishedFileIsAReadError() throws IOException {
    Path file = Rollouts.create().sessionMeta(THREAD).writeTo(dir);
    RolloutFile rollout = RolloutFile.of(file);
    java.nio.file.Files.delete(file);

    RolloutSegment s = RolloutParser.create().parse(rollout);
    assertThat(s.diagnostics().counts()).isEqualTo(Map.of(IssueKind.READ_ERROR, 1L));
    assertThat(s.segment().threadId()).isEqualTo(THREAD);
  }

  @Test
  void corruptZstdIsAReadErrorKeepingWhatWasParsed() throws IOException {
    StringBuilder first = new StringBuilder(Rollouts.create().sessionMeta(THREAD).text());
    for (int i = 1; i <= 1000; i++) {
      first.append(rowWithTotal(10 + i)).append('\n');
    }
    StringBuilder second = new StringBuilder();
    for (int i = 1001; i <= 2000; i++) {
      second.append(rowWithTotal(10 + i)).append('\n');
    }
    // Two zstd frames; the second is cut short. The first frame still decompresses.
    byte[] frame1 = zstd(first.toString().getBytes(StandardCharsets.UTF_8));
    byte[] frame2 = zstd(second.toString().getBytes(StandardCharsets.UTF_8));
    byte[] cut = concat(frame1, Arrays.copyOf(frame2, frame2.length / 2));
    Path file = Rollouts.write(dir.resolve(Rollouts.FILE_NAME + ".zst"), cut);

    RolloutSegment s = RolloutParser.create().parse(RolloutFile.of(file));
    assertThat(s.diagnostics().count(IssueKind.READ_ERROR)).isEqualTo(1);
    assertThat(s.segment().threadId()).isEqualTo(THREAD);
    assertThat(s.events().size()).isBetween(1, 1999);
  }

  @Test
  void zstdCutInsideItsOnlyFrameIsAReadError() throws IOException {
    byte[] zst = zstd(Rollouts.create().sessionMeta(THREAD).line(ROW).bytes());
    Path file = Rollouts.write(dir.resolve(Rollouts.FILE_NAME + ".zst"),
        Arrays.copyOf(zst, zst.length - 5));

    RolloutSegment s = RolloutParser.create().parse(RolloutFile.of(file));
    assertThat(s.diagnostics().counts()).isEqualTo(Map.of(IssueKind.READ_ERROR, 1L));
  }

  private static String rowWithTotal(long total) {
    return ROW.replace("\"total_tokens\":10}", "\"total_tokens\":" + total + "}");
  }

  @Test
  void issuesAreCountedOncePerLine() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .tokenCount(usage(-1, 0, 1, 0, 10), usage(-1, 0, 1, 0, 10))
        .parse(dir);

    assertThat(s.diagnostics().total()).isEqualTo(1);
  }

  static byte[] zstd(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZstdOutputStream z = new ZstdOutputStream(out)) {
      z.write(plain);
    }
    return out.toByteArray();
  }

  private RolloutSegment parseBytes(byte[] bytes) {
    Path file = Rollouts.write(dir.resolve(Rollouts.FILE_NAME), bytes);
    return RolloutParser.create().parse(RolloutFile.of(file));
  }

  private static int indexOf(byte[] b, byte c) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
