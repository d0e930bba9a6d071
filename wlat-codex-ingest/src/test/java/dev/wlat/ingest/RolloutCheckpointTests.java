package dev.wlat.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RolloutCheckpoint}'s binary form: exact round trips, and clear refusals of bad bytes. */
class RolloutCheckpointTests {

  @TempDir Path dir;
  private byte[] valid;

  @BeforeEach
  void checkpointOfAnAwkwardFile() {
    Path file = Rollouts.write(dir.resolve(AwkwardRollout.FILE_NAME), AwkwardRollout.of(101));
    valid = RolloutParser.withMaxLineBytes(700).parseFrom(RolloutFile.of(file), null).checkpoint()
        .toBytes();
  }

  @Test
  void bytesRoundTripToAnEqualCheckpointWithTheSameBytes() {
    RolloutCheckpoint c = RolloutCheckpoint.fromBytes(valid);

    assertThat(c.resumable()).isTrue();
    assertThat(c.toBytes()).isEqualTo(valid);
    assertThat(RolloutCheckpoint.fromBytes(c.toBytes())).isEqualTo(c)
        .hasSameHashCodeAs(c);
  }

  @Test
  void randomBytesAreRefusedWithAMessage() {
    qt().withFixedSeed(103L).withExamples(500)
        .forAll(lists().of(integers().between(0, 255)).ofSizeBetween(0, 300))
        .checkAssert(values -> {
          byte[] b = new byte[values.size()];
          for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (int) values.get(i);
          }
          assertRefused(b);
        });
  }

  @Test
  void checkpointCutToAnyLengthIsRefusedWithAMessage() {
    for (int n = 0; n < valid.length; n++) {
      assertRefused(Arrays.copyOf(valid, n));
    }
  }

  @Test
  void checkpointWithAnyByteChangedIsRefusedWithAMessage() {
    qt().withFixedSeed(107L).withExamples(500)
        .forAll(integers().between(0, Integer.MAX_VALUE - 1), integers().between(1, 255))
        .checkAssert((at, xor) -> {
          byte[] b = valid.clone();
          b[at % b.length] ^= xor;
          assertRefused(b);
        });
  }

  @Test
  void damageBehindAValidChecksumFailsOnlyWithIllegalArgument() {
    qt().withFixedSeed(109L).withExamples(2000)
        .forAll(longs().all(), integers().between(1, 4))
        .checkAssert((seed, changes) -> {
          Random r = new Random(seed);
          byte[] b = Arrays.copyOf(valid, valid.length - 4);
          for (int k = 0; k < changes; k++) {
            int at = 8 + r.nextInt(b.length - 8);
            b[at] = r.nextInt(3) == 0 ? (byte) 0xFF : (byte) r.nextInt(256);
          }
          byte[] sealed = withChecksum(b);
          try {
            RolloutCheckpoint c = RolloutCheckpoint.fromBytes(sealed);
            assertThat(c.toBytes()).isNotNull();
          } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
          }
        });
  }

  @Test
  void checkpointOfAnotherVersionIsRefusedNamingBothVersions() {
    byte[] b = valid.clone();
    b[7] = 2;

    assertThatThrownBy(() -> RolloutCheckpoint.fromBytes(withChecksum(
        Arrays.copyOf(b, b.length - 4))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unsupported rollout checkpoint version 2 (this build reads version 1)");
  }

  @Test
  void bytesWithoutTheMagicAreRefusedAsNotACheckpoint() {
    byte[] b = "{\"not\":\"a checkpoint\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> RolloutCheckpoint.fromBytes(b))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a rollout checkpoint: bad magic 0x7b226e6f");
  }

  @Test
  void nullAndEmptyBytesAreRefusedWithAMessage() {
    assertThatThrownBy(() -> RolloutCheckpoint.fromBytes(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rollout checkpoint bytes are null");
    assertThatThrownBy(() -> RolloutCheckpoint.fromBytes(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a rollout checkpoint: 0 bytes is too short");
  }

  @Test
  void checkpointStartsWithTheMagicAndVersion() {
    assertThat(Arrays.copyOf(valid, 8)).isEqualTo(new byte[] {'W', 'L', 'C', 'P', 0, 0, 0, 1});
  }

  private static void assertRefused(byte[] b) {
    assertThatThrownBy(() -> RolloutCheckpoint.fromBytes(b))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
  }

  private static byte[] withChecksum(byte[] body) {
    CRC32C crc = new CRC32C();
    crc.update(body, 0, body.length);
    int c = (int) crc.getValue();
    byte[] all = Arrays.copyOf(body, body.length + 4);
    all[body.length] = (byte) (c >>> 24);
    all[body.length + 1] = (byte) (c >>> 16);
    all[body.length + 2] = (byte) (c >>> 8);
    all[body.length + 3] = (byte) c;
    return all;
  }
}
