package dev.wlat.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wlat.model.SegmentLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutFileTests {

  private static final String ID = "019c8a59-e9dd-71f0-9ae3-4079fe972600";

  @TempDir Path dir;

  @Test
  void threadIdIsReadFromAPlainRolloutName() {
    assertThat(RolloutFile.threadIdFromName("rollout-2026-02-23T12-54-34-" + ID + ".jsonl"))
        .isEqualTo(ID);
  }

  @Test
  void threadIdIsReadFromAResumeSegmentName() {
    assertThat(RolloutFile.threadIdFromName("rollout-2026-02-23T12-54-34-" + ID
        + "_019c8a59-ffff-7000-8000-000000000001.jsonl")).isEqualTo(ID);
    assertThat(RolloutFile.threadIdFromName("rollout-2026-02-23T12-54-34-" + ID + "_3.jsonl.zst"))
        .isEqualTo(ID);
  }

  @Test
  void threadIdIsLowerCasedAndAbsentWithoutUuid() {
    assertThat(RolloutFile.threadIdFromName("rollout-2026-02-23T12-54-34-" + ID.toUpperCase()
        + ".jsonl")).isEqualTo(ID);
    assertThat(RolloutFile.threadIdFromName("notes.jsonl")).isNull();
  }

  @Test
  void loneFileIsOtherWithItsNameAsRelativePath() throws IOException {
    Path file = Files.writeString(dir.resolve("rollout-2026-02-23T12-54-34-" + ID + ".jsonl.zst"), "x");

    RolloutFile r = RolloutFile.of(file);

    assertThat(r.location()).isEqualTo(SegmentLocation.OTHER);
    assertThat(r.relativePath()).isEqualTo(file.getFileName().toString());
    assertThat(r.compressed()).isTrue();
    assertThat(r.sizeBytes()).isEqualTo(1);
  }

  @Test
  void segmentIdIsSixteenHexDigitsOfSha1OfTheRelativePath() {
    // SHA-1("abc") = a9993e364706816aba3e25717850c26c9cd0d89d
    assertThat(RolloutFile.segmentIdOf("abc")).isEqualTo("a9993e364706816a");
  }

  @Test
  void missingLoneFileFailsNamingThePath() {
    Path missing = dir.resolve("gone.jsonl");

    assertThatThrownBy(() -> RolloutFile.of(missing))
        .isInstanceOf(IngestException.class)
        .hasMessageContaining(missing.toString());
  }
}
