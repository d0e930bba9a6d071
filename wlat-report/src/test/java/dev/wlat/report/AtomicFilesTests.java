package dev.wlat.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep of temporaries after a crash: what a dead process left goes, what a live one writes stays. */
class AtomicFilesTests {

  @TempDir Path dir;

  @Test
  void aSweepRemovesTheTemporariesOfDeadProcessesOnly() throws IOException, InterruptedException {
    Process done = new ProcessBuilder("true").start();
    done.waitFor();
    long dead = done.pid();
    long alive = ProcessHandle.current().parent().orElseThrow().pid(); // the build that runs this test
    Path left = Files.writeString(dir.resolve(".a.tsv." + dead + AtomicFiles.TEMP_SUFFIX), "half");
    Path mine = Files.writeString(dir.resolve(".b.tsv." + ProcessHandle.current().pid() + AtomicFiles.TEMP_SUFFIX), "x");
    Path unnamed = Files.writeString(dir.resolve(".c.tsv.nopid" + AtomicFiles.TEMP_SUFFIX), "x");
    Path writing = Files.writeString(dir.resolve(".d.tsv." + alive + AtomicFiles.TEMP_SUFFIX), "being written");
    Path finished = Files.writeString(dir.resolve("d.tsv"), "a\n");

    assertThat(AtomicFiles.removeStaleTemporaries(dir)).isEqualTo(3);

    assertThat(left).doesNotExist();
    assertThat(mine).doesNotExist();
    assertThat(unnamed).doesNotExist();
    assertThat(writing).exists();
    assertThat(finished).exists();
  }
}
