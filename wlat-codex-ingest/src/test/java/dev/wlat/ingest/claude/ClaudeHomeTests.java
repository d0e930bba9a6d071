package dev.wlat.ingest.claude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wlat.ingest.IngestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeHomeTests {

  @TempDir Path dir;

  @Test
  void openingAConfigDirectoryReadsItsProjectsDirectory() throws IOException {
    Path projects = Files.createDirectories(dir.resolve(".claude/projects"));

    assertThat(ClaudeHome.open(dir.resolve(".claude")).path()).isEqualTo(projects);
  }

  @Test
  void openingTheProjectsDirectoryItselfReadsIt() throws IOException {
    Path projects = Files.createDirectories(dir.resolve(".claude/projects"));

    assertThat(ClaudeHome.open(projects).path()).isEqualTo(projects);
  }

  @Test
  void openingAMissingDirectoryFailsNamingThePath() {
    Path missing = dir.resolve("nope");

    assertThatThrownBy(() -> ClaudeHome.open(missing))
        .isInstanceOf(IngestException.class)
        .hasMessage("Claude Code projects not found: neither " + missing.resolve("projects") + " nor " + missing
            + " is a directory");
  }

  @Test
  void defaultLocationsAreTheProjectsDirectoriesOfEveryClaudeConfigDirEntryWhenItIsSet() {
    Map<String, String> env = Map.of("CLAUDE_CONFIG_DIR", "/opt/claude-work, /opt/claude-home,,/opt/claude-work");

    assertThat(ClaudeHome.defaultLocations(env, dir)).containsExactly(
        Path.of("/opt/claude-work/projects"), Path.of("/opt/claude-home/projects"));
    assertThat(ClaudeHome.defaultLocations(Map.of("CLAUDE_CONFIG_DIR", "/opt/one"), dir))
        .containsExactly(Path.of("/opt/one/projects"));
  }

  @Test
  void defaultLocationsOtherwiseAreThoseOfConfigClaudeAndDotClaudeThatExist() throws IOException {
    assertThat(ClaudeHome.defaultLocations(Map.of(), dir)).isEmpty();

    Path dotClaude = Files.createDirectories(dir.resolve(".claude/projects"));
    assertThat(ClaudeHome.defaultLocations(Map.of(), dir)).containsExactly(dotClaude);

    Path config = Files.createDirectories(dir.resolve(".config/claude/projects"));
    assertThat(ClaudeHome.defaultLocations(Map.of(), dir)).containsExactly(config, dotClaude);
    assertThat(ClaudeHome.defaultLocations(Map.of("CLAUDE_CONFIG_DIR", "  "), dir)).containsExactly(config, dotClaude);
  }

  @Test
  void filesAreEveryJsonlFileAtAnyDepthSortedByPath() throws IOException {
    Path projects = Files.createDirectories(dir.resolve("projects"));
    Path b = ClaudeLines.write(projects, "-home-u-proj/b0000000-0000-4000-8000-000000000002.jsonl", ClaudeLines.summary());
    Path a = ClaudeLines.write(projects, "-home-u-proj/a0000000-0000-4000-8000-000000000001.jsonl", ClaudeLines.summary());
    Path sub = ClaudeLines.write(projects, "-home-u-proj/a0000000-0000-4000-8000-000000000001/subagents/agent-1.jsonl",
        ClaudeLines.summary());
    Path other = ClaudeLines.write(projects, "-home-u-other/c0000000-0000-4000-8000-000000000003.jsonl",
        ClaudeLines.summary());
    ClaudeLines.write(projects, "-home-u-proj/notes.txt", "not a log");
    Files.createDirectories(projects.resolve("-home-u-empty"));

    assertThat(ClaudeHome.open(dir).files()).containsExactly(other, a, sub, b);
  }
}
