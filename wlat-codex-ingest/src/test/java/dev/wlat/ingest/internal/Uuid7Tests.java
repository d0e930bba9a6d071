package dev.wlat.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Uuid7Tests {

  @Test
  void millisAreTheFirst48Bits() {
    // 0x019a00005000 = 0x019a * 2^32 + 0x5000 = 410 * 4_294_967_296 + 20_480 ms
    assertThat(Uuid7.millis("019a0000-5000-7000-8000-000000000002"))
        .isEqualTo(1_760_936_611_840L);
  }

  @Test
  void notAUuid7GivesMinusOne() {
    assertThat(Uuid7.millis("1")).isEqualTo(-1);
    assertThat(Uuid7.millis(null)).isEqualTo(-1);
    assertThat(Uuid7.millis("019a0000-5000-4000-8000-000000000002")).isEqualTo(-1);
    assertThat(Uuid7.millis("019a0000-5000-7000-8000-00000000000g")).isEqualTo(-1);
  }
}
