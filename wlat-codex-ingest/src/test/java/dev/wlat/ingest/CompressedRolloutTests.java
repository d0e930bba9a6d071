package dev.wlat.ingest;

import static dev.wlat.ingest.Rollouts.THREAD;
import static dev.wlat.ingest.Rollouts.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.wlat.model.RolloutSegment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressedRolloutTests {

  @TempDir Path dir;

  private final Rollouts fixture = Rollouts.create()
      .sessionMeta(THREAD)
      .taskStarted("019a1111-0001-7000-8000-000000000001")
      .responseMessage("user", "hi")
      .tokenCount(usage(10, 2, 3, 1, 13), usage(10, 2, 3, 1, 13))
      .tokenCount(usage(10, 2, 3, 1, 13), usage(20, 4, 6, 2, 26));

  @Test
  void zstdFileParsesLikeItsPlainText() throws IOException {
    Path plain = fixture.writeTo(dir.resolve("plain"));
    Path zst = Rollouts.write(dir.resolve("zst").resolve(Rollouts.FILE_NAME + ".zst"),
        DiagnosticsTests.zstd(fixture.bytes()));

    RolloutSegment a = RolloutParser.create().parse(RolloutFile.of(plain));
    RolloutSegment b = RolloutParser.create().parse(RolloutFile.of(zst));

    assertThat(b.segment().compressed()).isTrue();
    assertThat(b.segment().byteCount()).isEqualTo(fixture.bytes().length);
    assertThat(b.events()).extracting(e -> e.total()).isEqualTo(
        a.events().stream().map(e -> e.total()).toList());
    assertThat(b.diagnostics().isEmpty()).isTrue();
  }

  @Test
  void fileCompressedByTheZstdCommandIsRead() throws Exception {
    Path plain = fixture.writeTo(dir);
    Path zst = dir.resolve(Rollouts.FILE_NAME + ".zst");
    Process p;
    try {
      p = new ProcessBuilder("zstd", "-q", "-19", plain.toString(), "-o", zst.toString())
          .redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeThat(false).as("zstd command available").isTrue();
      return;
    }
    assumeThat(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
    Files.delete(plain);

    RolloutSegment s = RolloutParser.create().parse(RolloutFile.of(zst));

    assertThat(s.events()).hasSize(2);
    assertThat(s.events().get(1).total().totalTokens()).isEqualTo(26);
  }
}
