package dev.wlat.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The checkpoint's primitive encoding: exact round trips, and refusals that allocate nothing. */
class StateCodingTests {

  @Test
  void longsRoundTripAsVarintsAndZigzags() {
    qt().withFixedSeed(113L).withExamples(1000).forAll(longs().all()).checkAssert(v -> {
      StateEncoder out = StateEncoder.create().zigzag(v);
      if (v >= 0) {
        out.varint(v);
      }
      StateDecoder in = StateDecoder.of(out.toByteArray());

      assertThat(in.zigzag()).isEqualTo(v);
      if (v >= 0) {
        assertThat(in.varint()).isEqualTo(v);
      }
      in.expectEnd("test");
    });
  }

  @Test
  void anyStringRoundTripsExactlyAndRepeatsAreWrittenOnce() {
    qt().withFixedSeed(127L).withExamples(500)
        .forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(s -> {
          StateEncoder out = StateEncoder.create().string(s);
          int once = out.size();
          out.string(s).string(null);
          StateDecoder in = StateDecoder.of(out.toByteArray());

          assertThat(in.string()).isEqualTo(s);
          assertThat(in.string()).isEqualTo(s);
          assertThat(in.string()).isNull();
          assertThat(out.size() - once).isEqualTo(2);
        });
  }

  @Test
  void unpairedSurrogatesAndNulRoundTrip() {
    String s = "a\ud800b\u0000c\udfff\ud83d\ude00";
    StateDecoder in = StateDecoder.of(StateEncoder.create().string(s).toByteArray());

    assertThat(in.string()).isEqualTo(s);
  }

  @Test
  void instantsRoundTripWithTheirNanos() {
    Instant[] all = {Instant.EPOCH, Instant.parse("2026-03-01T10:00:00.123Z"),
        Instant.parse("2026-03-01T10:00:00.123456789Z"), Instant.MIN, Instant.MAX};
    StateEncoder out = StateEncoder.create();
    for (Instant at : all) {
      out.optionalInstant(at);
    }
    out.optionalInstant(null);
    StateDecoder in = StateDecoder.of(out.toByteArray());

    for (Instant at : all) {
      assertThat(in.optionalInstant()).isEqualTo(at);
    }
    assertThat(in.optionalInstant()).isNull();
  }

  @Test
  void countBeyondTheBytesLeftIsRefusedBeforeAnythingIsAllocated() {
    byte[] b = StateEncoder.create().varint(Integer.MAX_VALUE).varint(7).toByteArray();

    assertThatThrownBy(() -> StateDecoder.of(b).count(1, "event"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event count 2147483647 exceeds the 1 bytes left (at byte 5)");
    assertThatThrownBy(() -> StateDecoder.of(b).bytes())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StateDecoder.of(new byte[] {1, (byte) 0xFF, (byte) 0xFF, 0x7F})
        .string())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("string char count 2097151 exceeds");
  }

  @Test
  void varintLongerThanTenBytesOrBeyondSixtyFourBitsIsRefused() {
    byte[] eleven = new byte[11];
    Arrays.fill(eleven, (byte) 0x80);
    byte[] wide = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x02};

    assertThatThrownBy(() -> StateDecoder.of(eleven).varint())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("varint");
    assertThatThrownBy(() -> StateDecoder.of(wide).varint())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 bits");
  }

  @Test
  void stringReferenceBeyondTheTableIsRefused() {
    byte[] b = StateEncoder.create().varint(5).toByteArray();

    assertThatThrownBy(() -> StateDecoder.of(b).string())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("string reference 2 beyond the table's 0 entries (at byte 1)");
  }

  @Test
  void lowerCaseUuidsTakeSeventeenBytesAndOtherSpellingsStayAsWritten() {
    String uuid = "019a0000-6000-7000-8000-00000000abcf";
    String upper = uuid.toUpperCase(Locale.ROOT);
    String almost = uuid.replace('-', '_');
    StateEncoder out = StateEncoder.create().string(uuid);
    assertThat(out.size()).isEqualTo(17);
    out.string(upper).string(almost).string(uuid);
    StateDecoder in = StateDecoder.of(out.toByteArray());

    assertThat(in.string()).isEqualTo(uuid);
    assertThat(in.string()).isEqualTo(upper);
    assertThat(in.string()).isEqualTo(almost);
    assertThat(in.string()).isEqualTo(uuid);
    in.expectEnd("test");
  }
}
