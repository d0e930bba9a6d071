package dev.wlat.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wlat.github.GitHubException.Kind;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GhRunnerTests {

  @TempDir
  Path tmp;

  private Path script(String name, String body) throws IOException {
    Path p = tmp.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "#!/usr/bin/env bash\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void capturesStdoutStderrAndTheExitCode() throws IOException {
    GhRunner.Result r = GhRunner.of(script("gh", "echo out; echo err >&2; exit 3")).run(List.of("version"));
    assertThat(r).isEqualTo(new GhRunner.Result(3, "out\n", "err\n"));
  }

  @Test
  void passesArgumentsAsTheyAreWithoutAShell() throws IOException {
    GhRunner gh = GhRunner.of(script("gh", "for a in \"$@\"; do printf '[%s]\\n' \"$a\"; done"));
    assertThat(gh.run(List.of("api", "repos/a/b/commits?since=x&per_page=100", "$(touch pwned)", "a b")).stdout())
        .isEqualTo("[api]\n[repos/a/b/commits?since=x&per_page=100]\n[$(touch pwned)]\n[a b]\n");
    assertThat(tmp.resolve("pwned")).doesNotExist();
  }

  @Test
  void setsTheGivenEnvironmentAndTellsGhNotToPrompt() throws IOException {
    Path echo = script("gh", "echo \"$FAKE_GH_DIR $GH_PROMPT_DISABLED $GH_NO_UPDATE_NOTIFIER $NO_COLOR\"");
    GhRunner gh = GhRunner.of(echo)
        .withEnvironment(Map.of("FAKE_GH_DIR", "/fixtures"));
    assertThat(gh.run(List.of()).stdout()).isEqualTo("/fixtures 1 1 1\n");
  }

  @Test
  void closesStdinSoGhNeverWaitsForInput() throws IOException {
    GhRunner gh = GhRunner.of(script("gh", "cat; echo done")).withTimeout(Duration.ofSeconds(10));
    assertThat(gh.run(List.of()).stdout()).isEqualTo("done\n");
  }

  @Test
  void stopsGhAndItsChildrenAfterTheTimeout() throws IOException {
    GhRunner gh = GhRunner.of(script("gh", "sleep 30 & wait")).withTimeout(Duration.ofMillis(300));
    long start = System.nanoTime();
    assertThatThrownBy(() -> gh.run(List.of("api", "x"))).isInstanceOfSatisfying(GitHubException.class, e -> {
      assertThat(e.kind()).isEqualTo(Kind.FAILED);
      assertThat(e.getMessage()).isEqualTo("gh: 'gh api x' did not finish within 300 ms and was stopped; check the"
          + " network and rerun, or rerun with --skip-github");
    });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aMissingExecutableIsGhMissing() {
    GhRunner gh = GhRunner.of(tmp.resolve("nope/gh"));
    assertThatThrownBy(() -> gh.run(List.of("version"))).isInstanceOfSatisfying(GitHubException.class,
        e -> assertThat(e.kind()).isEqualTo(Kind.GH_MISSING));
  }

  @Test
  void onPathFindsTheFirstExecutableGhOnThePath() throws IOException {
    Path notExecutable = tmp.resolve("a/gh");
    Files.createDirectories(notExecutable.getParent());
    Files.writeString(notExecutable, "not a program");
    Path gh = script("b/gh", "exit 0");
    script("c/gh", "exit 0");
    String path = String.join(File.pathSeparator, tmp.resolve("missing").toString(), tmp.resolve("a").toString(),
        tmp.resolve("b").toString(), tmp.resolve("c").toString());

    assertThat(GhRunner.onPath(Map.of("PATH", path)).executable()).contains(gh);
  }

  @Test
  void ghPathOverridesThePath() throws IOException {
    Path chosen = script("chosen/gh", "exit 0");
    script("b/gh", "exit 0");
    assertThat(GhRunner.onPath(Map.of("PATH", tmp.resolve("b").toString(), GhRunner.GH_PATH, chosen.toString()))
        .executable()).contains(chosen);
  }

  @Test
  void noGhAnywhereLeavesTheExecutableEmpty() {
    GhRunner gh = GhRunner.onPath(Map.of("PATH", tmp.toString()));
    assertThat(gh.executable()).isEmpty();
    assertThatThrownBy(() -> gh.run(List.of("version"))).isInstanceOfSatisfying(GitHubException.class, e -> {
      assertThat(e.kind()).isEqualTo(Kind.GH_MISSING);
      assertThat(e.getMessage()).isEqualTo("gh is not installed or not on PATH; install GitHub CLI or rerun with"
          + " --skip-github");
    });
  }

  @Test
  void aTimeoutMustBePositive() {
    assertThatThrownBy(() -> GhRunner.of(tmp).withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("gh timeout must be positive, was [PT0S]");
  }
}
