package dev.wlat.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BytesTests {

  @Test
  void swarSearchFindsTheSameByteAsAPlainLoop() {
    qt().withFixedSeed(3L).withExamples(2000)
        .forAll(longs().all(), integers().between(0, 64), integers().between(0, 64))
        .checkAssert((seed, from, extra) -> {
          Random r = new Random(seed);
          byte[] b = new byte[from + extra];
          for (int i = 0; i < b.length; i++) {
            // Mostly printable bytes, with the occasional newline, NUL or high byte.
            int k = r.nextInt(40);
            b[i] = (byte) (k == 0 ? '\n' : k == 1 ? 0 : k == 2 ? 0x8A : 'a' + k % 26);
          }
          assertThat(Bytes.findNewlineOrNul(b, from, b.length)).isEqualTo(naive(b, from, b.length));
        });
  }

  @Test
  void searchStopsAtTheEndOfTheRange() {
    byte[] b = "abcdefghij\nk".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    assertThat(Bytes.findNewlineOrNul(b, 0, 10)).isEqualTo(-1);
    assertThat(Bytes.findNewlineOrNul(b, 0, 11)).isEqualTo(10);
  }

  private static int naive(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n' || b[i] == 0) {
        return i;
      }
    }
    return -1;
  }
}
