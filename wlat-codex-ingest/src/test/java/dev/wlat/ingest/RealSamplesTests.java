package dev.wlat.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.wlat.model.EventFlag;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.TokenEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checks the parser against the real rollouts in the shared samples folder, when present. The
 * samples are read in place, never copied into the project; expected numbers come from the
 * samples' own {@code EXPECTED.json}.
 */
class RealSamplesTests {

  private static final Path SAMPLES = Path.of("../../shared/codex/samples");
  private static final Path FORKS = Path.of("../../shared/codex/samples-forks");

  /** What EXPECTED.json says about one file. */
  private record Expected(String threadId, long tokenCountEvents, long infoNull, long repeated,
      long finalTotalTokens) {}

  @Test
  void everySampleMatchesItsExpectedCounts() throws IOException {
    Path expectedFile = SAMPLES.resolve("EXPECTED.json");
    assumeThat(Files.isRegularFile(expectedFile)).as("shared samples present").isTrue();
    Map<String, Expected> expected = readExpected(expectedFile);
    assertThat(expected).isNotEmpty();

    for (Map.Entry<String, Expected> entry : expected.entrySet()) {
      RolloutSegment s = RolloutParser.create().parse(RolloutFile.of(SAMPLES.resolve(entry.getKey())));
      Expected e = entry.getValue();
      assertThat(s.segment().threadId()).as(entry.getKey()).isEqualTo(e.threadId());
      assertThat(s.events()).as(entry.getKey()).hasSize((int) e.tokenCountEvents());
      assertThat(count(s, EventFlag.INFO_MISSING)).as(entry.getKey()).isEqualTo(e.infoNull());
      assertThat(count(s, EventFlag.REPEATED_TOTAL)).as(entry.getKey()).isEqualTo(e.repeated());
      TokenEvent last = s.events().get(s.events().size() - 1);
      assertThat(last.total().totalTokens()).as(entry.getKey()).isEqualTo(e.finalTotalTokens());
      assertThat(s.diagnostics().isEmpty()).as(entry.getKey()).isTrue();
    }
  }

  @Test
  void forkChildSampleHasOnlyItsOwnUnflaggedRows() {
    Path fork = FORKS.resolve("fork-child-0.144.4.jsonl");
    assumeThat(Files.isRegularFile(fork)).as("shared fork sample present").isTrue();

    RolloutSegment s = RolloutParser.create().parse(RolloutFile.of(fork));

    assertThat(s.segment().isChildThread()).isTrue();
    assertThat(s.segment().sessionMetaCount()).isEqualTo(2);
    assertThat(s.events()).hasSize(8);
    assertThat(s.events()).allSatisfy(e -> assertThat(e.flags()).isEmpty());
    assertThat(s.events().get(7).total().totalTokens()).isEqualTo(264_839);
  }

  private static long count(RolloutSegment s, EventFlag flag) {
    return s.events().stream().filter(e -> e.has(flag)).count();
  }

  private static Map<String, Expected> readExpected(Path file) throws IOException {
    Map<String, Expected> out = new HashMap<>();
    try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        String thread = null;
        long events = -1;
        long infoNull = -1;
        long repeated = -1;
        long total = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          switch (field) {
            case "thread_id" -> thread = p.getText();
            case "token_count_events" -> events = p.getLongValue();
            case "token_count_info_null" -> infoNull = p.getLongValue();
            case "repeated_total_events" -> repeated = p.getLongValue();
            case "final_total_token_usage" -> total = totalTokens(p);
            default -> p.skipChildren();
          }
        }
        out.put(name, new Expected(thread, events, infoNull, repeated, total));
      }
    }
    return out;
  }

  private static long totalTokens(JsonParser p) throws IOException {
    long total = -1;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if ("total_tokens".equals(field)) {
        total = p.getLongValue();
      } else {
        p.skipChildren();
      }
    }
    return total;
  }
}
