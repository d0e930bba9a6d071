package dev.wlat.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EnvelopeTests {

  private final Envelope envelope = new Envelope();

  @Test
  void responseItemIsRecognisedByBytes() {
    assertThat(sniff("{\"timestamp\":\"2026-03-01T10:00:00Z\",\"type\":\"response_item\",\"payload\":{}}"))
        .isEqualTo(Envelope.RESPONSE_ITEM);
  }

  @Test
  void eventPayloadTypeIsFoundWithSpacesAndOrdinal() {
    String line = "{ \"timestamp\" : \"2026-03-01T10:00:00Z\", \"ordinal\": 12, \"type\": \"event_msg\","
        + " \"payload\": { \"type\": \"agent_message\", \"message\": \"x\"}}";
    byte[] b = line.getBytes(StandardCharsets.UTF_8);

    assertThat(envelope.sniff(b, 0, b.length)).isEqualTo(Envelope.EVENT_MSG);
    assertThat(new String(b, envelope.payloadTypeStart,
        envelope.payloadTypeEnd - envelope.payloadTypeStart, StandardCharsets.UTF_8))
        .isEqualTo("agent_message");
  }

  @Test
  void eventWhosePayloadDoesNotStartWithTypeIsUnsure() {
    assertThat(sniff("{\"timestamp\":\"t\",\"type\":\"event_msg\",\"payload\":{\"info\":null,\"type\":\"token_count\"}}"))
        .isEqualTo(Envelope.EVENT_MSG_UNSURE);
  }

  @Test
  void otherKeyOrdersEscapesAndCutPrefixesAreUnsure() {
    assertThat(sniff("{\"payload\":{},\"type\":\"response_item\"}")).isEqualTo(Envelope.UNSURE);
    assertThat(sniff("{\"timestamp\":\"a\\\"b\",\"type\":\"response_item\"}")).isEqualTo(Envelope.UNSURE);
    assertThat(sniff("{\"timestamp\":\"2026-03-01T10:00:00Z\",\"ty")).isEqualTo(Envelope.UNSURE);
    assertThat(sniff("[1,2]")).isEqualTo(Envelope.UNSURE);
  }

  @Test
  void unknownTypeIsOtherType() {
    assertThat(sniff("{\"timestamp\":\"t\",\"type\":\"world_state\",\"payload\":{}}"))
        .isEqualTo(Envelope.OTHER_TYPE);
  }

  private int sniff(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return envelope.sniff(b, 0, b.length);
  }
}
