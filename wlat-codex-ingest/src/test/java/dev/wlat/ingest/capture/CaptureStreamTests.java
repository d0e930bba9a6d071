package dev.wlat.ingest.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.model.TokenUsage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CaptureStreamTests {

  @Test
  void readsTheThreadTheTurnsTheirUsageAndTheirFailures() {
    CaptureStream s = CaptureStream.create();
    s.line("{\"type\":\"thread.started\",\"thread_id\":\"t-1\"}");
    s.line("{\"type\":\"turn.started\"}");
    s.line("{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":100,\"cached_input_tokens\":40,\"output_tokens\":7}}");
    s.line("{\"type\":\"turn.started\"}");
    s.line("{\"type\":\"turn.failed\",\"error\":{\"message\":\"rate limited\"}}");
    s.line("{\"type\":\"error\",\"message\":\"stream closed\"}");

    assertThat(s.threadId()).isEqualTo("t-1");
    assertThat(s.turns()).hasSize(2);
    assertThat(s.turns().get(0).usage()).isEqualTo(TokenUsage.of(100, 40, 7, 0, 107));
    assertThat(s.turns().get(1).error()).isEqualTo("rate limited");
    assertThat(s.lastError()).isEqualTo("stream closed");
    assertThat(s.streamUsage().totalTokens()).isEqualTo(107);
    assertThat(s.turnOpen()).isFalse();
  }

  @Test
  void linesThatAreNotEventsAreCountedNeverFatal() {
    CaptureStream s = CaptureStream.create();
    s.line("hello");
    s.line("{broken");
    s.line("{\"no_type\":1}");
    s.line("");

    assertThat(s.otherLines()).isEqualTo(1);
    assertThat(s.malformedLines()).isEqualTo(2);
    assertThat(s.jsonLines()).isZero();
    assertThat(s.shownTokens()).isPositive();
    assertThat(s.streamUsage()).isNull();
  }

  @Test
  void withoutAnyUsageTheRunIsEstimatedFromTheTextItSawAndSaysWhy() {
    CaptureStream s = CaptureStream.create();
    s.line("{\"type\":\"thread.started\",\"thread_id\":\"t-2\"}");
    s.line("{\"type\":\"turn.started\"}");

    CapturedRun run = Capture.finish(s, null, Instant.EPOCH, Instant.EPOCH, "write a haiku");

    assertThat(run.source()).isEqualTo(CaptureSource.ESTIMATED);
    assertThat(run.usage().inputTokens()).isEqualTo(CaptureStream.tokens("write a haiku")).isPositive();
    assertThat(run.warnings()).singleElement().asString().contains("ended before a turn completed");
  }

  @Test
  void anIncreaseIsFieldByFieldAndADropCountsTheNewTotalWhole() {
    TokenUsage before = TokenUsage.of(1000, 200, 50, 10, 1050);
    TokenUsage after = TokenUsage.of(1500, 300, 80, 15, 1580);

    assertThat(Capture.increase(before, after)).isEqualTo(TokenUsage.of(500, 100, 30, 5, 530));
    assertThat(Capture.increase(after, before)).isEqualTo(before);
  }
}
