package dev.wlat.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.wlat.ingest.GeneratedRollout;
import dev.wlat.model.IssueKind;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.SegmentLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Lines longer than the read buffer: held whole when they must be parsed, else streamed past. */
class SegmentReaderTests {

  @TempDir Path dir;

  @Test
  @Timeout(60)
  void anyBufferSizeGivesTheSameResult() {
    qt().withFixedSeed(19L).withExamples(60)
        .forAll(longs().all(), integers().between(16, 2048))
        .checkAssert((seed, buffer) -> {
          Path file = write(GeneratedRollout.of(seed).bytes());
          RolloutSegment big = read(SegmentReader.of(SegmentReader.DEFAULT_MAX_LINE_BYTES), file);
          RolloutSegment small = read(
              SegmentReader.of(SegmentReader.DEFAULT_MAX_LINE_BYTES, buffer), file);

          assertThat(small).isEqualTo(big);
        });
  }

  @Test
  @Timeout(20)
  void lineLongerThanLimitAndBufferIsStreamedPastAsOversized() {
    String token = "{\"timestamp\":\"2026-03-01T10:00:00Z\",\"type\":\"event_msg\",\"payload\":"
        + "{\"type\":\"token_count\",\"info\":null}}";
    String longToken = token.replace("\"info\":null", "\"pad\":\"" + "y".repeat(5000)
        + "\",\"info\":null");
    String longItem = "{\"timestamp\":\"2026-03-01T10:00:00Z\",\"type\":\"response_item\","
        + "\"payload\":{\"text\":\"" + "z".repeat(5000) + "\"}}";
    Path file = write((longToken + "\n" + longItem + "\n" + token + "\n")
        .getBytes(StandardCharsets.UTF_8));

    RolloutSegment s = read(SegmentReader.of(1000, 64), file);

    assertThat(s.diagnostics().sampleLines())
        .isEqualTo(Map.of(IssueKind.OVERSIZED_LINE, List.of(1L, 2L),
            IssueKind.NO_SESSION_META, List.of(3L)));
    assertThat(s.events()).extracting(e -> e.lineNumber()).containsExactly(3L);
    assertThat(s.segment().lineKinds())
        .isEqualTo(Map.of("event_msg:token_count", 2L, "response_item", 1L));
  }

  @Test
  @Timeout(20)
  void longSkippedLineCutAtTheEndIsTruncated() {
    String longItem = "{\"timestamp\":\"2026-03-01T10:00:00Z\",\"type\":\"response_item\","
        + "\"payload\":{\"text\":\"" + "z".repeat(5000);
    Path file = write(longItem.getBytes(StandardCharsets.UTF_8));

    RolloutSegment s = read(SegmentReader.of(1 << 20, 64), file);

    assertThat(s.diagnostics().sampleLines())
        .isEqualTo(Map.of(IssueKind.TRUNCATED_LAST_LINE, List.of(1L)));
  }

  private Path write(byte[] bytes) {
    try {
      return Files.write(dir.resolve(GeneratedRollout.FILE_NAME), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RolloutSegment read(SegmentReader reader, Path file) {
    return reader.read(file, GeneratedRollout.FILE_NAME, SegmentLocation.OTHER, false, -1,
        GeneratedRollout.THREAD, "0123456789abcdef");
  }
}
