package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running out of heap ends a run with one line that says what to do, not a stack trace. */
class OutOfMemoryTests {

  @TempDir Path temp;

  @Test
  void aHeapTooSmallEndsWithOneLineSayingHowToGiveMore() throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx6m",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "dashboard", "--since", "all",
        "--codex-home", ExampleFacts.HOME.toString(), "--output", temp.resolve("d.html").toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).as(err).isEqualTo(ExitCodes.INTERNAL);
    assertThat(err).startsWith("wlat: out of memory").contains("WLAT_JAVA_OPTS").doesNotContain("\tat ");
    assertThat(temp.resolve("d.html")).doesNotExist();
  }
}
