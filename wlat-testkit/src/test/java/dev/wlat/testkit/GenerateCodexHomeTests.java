package dev.wlat.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCodexHomeTests {
  @Test
  void writesHomeAndTruth(@TempDir Path dir) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = GenerateCodexHome.run(new String[] {"--output", dir.resolve("h").toString(), "--seed", "5",
        "--days", "6", "--start", "2026-10-01", "--truth", dir.resolve("t.json").toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("threads");
    assertThat(dir.resolve("t.json")).isNotEmptyFile();
    assertThat(dir.resolve("h/sessions/2026/10/01")).isDirectory();
  }

  @Test
  void badArgumentsExitWithTwo() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = GenerateCodexHome.run(new String[] {"--days", "x"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
  }

  @Test
  void sizesParse() {
    assertThat(GenerateCodexHome.parseSize("1G")).isEqualTo(1L << 30);
    assertThat(GenerateCodexHome.parseSize("100M")).isEqualTo(100L << 20);
    assertThat(GenerateCodexHome.parseSize("1.5k")).isEqualTo(1536);
    assertThat(GenerateCodexHome.parseSize("1000")).isEqualTo(1000);
  }
}
