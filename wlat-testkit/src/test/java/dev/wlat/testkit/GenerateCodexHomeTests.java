package dev.wlat.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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
  void writesOnlyTheReposWhenNoOutputIsGiven(@TempDir Path dir) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = GenerateCodexHome.run(new String[] {"--repos", dir.resolve("repos").toString(), "--days", "4"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("4 repos").contains("worktree payments-api-hotfix");
    assertThat(dir.resolve("repos/payments-api/.git")).isDirectory();
    assertThat(dir.resolve("repos/payments-api-hotfix/.git")).isRegularFile();
    assertThat(dir.resolve("repos/" + ExampleRepos.MANIFEST_FILE)).isNotEmptyFile();
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("repos");
    }
  }

  @Test
  void writesOnlyTheGitHubResponsesWhenAskedForThemAlone(@TempDir Path dir) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = GenerateCodexHome.run(new String[] {"--github", dir.resolve("github").toString(), "--days", "4"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("3 GitHub repos").contains("pull requests")
        .contains("releases").doesNotContain("4 repos");
    assertThat(dir.resolve("github/gh")).isExecutable();
    assertThat(dir.resolve("github/" + ExampleGitHub.MANIFEST_FILE)).isNotEmptyFile();
    assertThat(dir.resolve("github/responses/repos_acme_payments-api_pulls.json")).isNotEmptyFile();
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("github");
    }
  }

  @Test
  void aNonEmptyGitHubDirectoryExitsWithTwo(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("github"));
    Files.writeString(dir.resolve("github/keep.txt"), "mine");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = GenerateCodexHome.run(new String[] {"--repos", dir.resolve("repos").toString(), "--github",
        dir.resolve("github").toString(), "--days", "2"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("github").contains("must be empty");
    assertThat(dir.resolve("repos")).doesNotExist();
  }

  @Test
  void aNonEmptyReposDirectoryExitsWithTwoBeforeWritingTheHome(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("repos"));
    Files.writeString(dir.resolve("repos/keep.txt"), "mine");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = GenerateCodexHome.run(new String[] {"--output", dir.resolve("h").toString(), "--repos",
        dir.resolve("repos").toString(), "--days", "2"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("repos").contains("must be empty");
    assertThat(dir.resolve("h")).doesNotExist();
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
