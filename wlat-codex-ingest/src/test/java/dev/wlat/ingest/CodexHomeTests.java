package dev.wlat.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wlat.model.SegmentLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodexHomeTests {

  private static final String A = "rollout-2026-03-01T10-00-00-019a1111-0000-7000-8000-00000000000a";
  private static final String B = "rollout-2026-03-02T10-00-00-019a1111-0000-7000-8000-00000000000b";
  private static final String C = "rollout-2026-03-03T10-00-00-019a1111-0000-7000-8000-00000000000c";

  @TempDir Path home;

  @Test
  void defaultLocationIsCodexHomeVariableWhenSet() {
    assertThat(CodexHome.defaultLocation(Map.of("CODEX_HOME", "/opt/codex"), "/home/u"))
        .isEqualTo(Path.of("/opt/codex"));
  }

  @Test
  void defaultLocationIsDotCodexInUserHomeOtherwise() {
    assertThat(CodexHome.defaultLocation(Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.codex"));
    assertThat(CodexHome.defaultLocation(Map.of("CODEX_HOME", " "), "/home/u"))
        .isEqualTo(Path.of("/home/u/.codex"));
  }

  @Test
  void openingAMissingHomeFailsNamingThePath() {
    Path missing = home.resolve("nope");

    assertThatThrownBy(() -> CodexHome.open(missing))
        .isInstanceOf(IngestException.class)
        .hasMessage("Codex home not found: " + missing);
  }

  @Test
  void rolloutsAreFoundLiveAndArchivedInRelativePathOrder() throws IOException {
    touch("sessions/2026/03/02/" + B + ".jsonl");
    touch("sessions/2026/03/01/" + A + ".jsonl");
    touch("archived_sessions/" + C + ".jsonl");
    touch("sessions/2026/03/01/notes.txt");
    touch("sessions/2026/03/01/other.jsonl");

    List<RolloutFile> files = CodexHome.open(home).rollouts(null);

    assertThat(files).extracting(RolloutFile::relativePath).containsExactly(
        "archived_sessions/" + C + ".jsonl",
        "sessions/2026/03/01/" + A + ".jsonl",
        "sessions/2026/03/02/" + B + ".jsonl");
    assertThat(files).extracting(RolloutFile::location).containsExactly(
        SegmentLocation.ARCHIVED, SegmentLocation.LIVE, SegmentLocation.LIVE);
    assertThat(files.get(1).threadIdFromName()).isEqualTo("019a1111-0000-7000-8000-00000000000a");
  }

  @Test
  void plainFileWinsOverItsCompressedSibling() throws IOException {
    touch("archived_sessions/" + A + ".jsonl");
    touch("archived_sessions/" + A + ".jsonl.zst");
    touch("archived_sessions/" + B + ".jsonl.zst");

    List<RolloutFile> files = CodexHome.open(home).rollouts(null);

    assertThat(files).extracting(RolloutFile::relativePath).containsExactly(
        "archived_sessions/" + A + ".jsonl", "archived_sessions/" + B + ".jsonl.zst");
    assertThat(files).extracting(RolloutFile::compressed).containsExactly(false, true);
  }

  @Test
  void filesModifiedBeforeTheCutoffAreLeftOut() throws IOException {
    Path old = touch("sessions/2026/03/01/" + A + ".jsonl");
    Path recent = touch("sessions/2026/03/02/" + B + ".jsonl");
    Files.setLastModifiedTime(old, FileTime.from(Instant.parse("2026-03-01T12:00:00Z")));
    Files.setLastModifiedTime(recent, FileTime.from(Instant.parse("2026-03-02T12:00:00Z")));

    List<RolloutFile> files = CodexHome.open(home).rollouts(Instant.parse("2026-03-02T00:00:00Z"));

    assertThat(files).extracting(RolloutFile::path).containsExactly(recent);
    assertThat(files.get(0).lastModified()).isEqualTo(Instant.parse("2026-03-02T12:00:00Z"));
  }

  @Test
  void inventoryReportsWhatIsMissing() throws IOException {
    touch("sessions/2026/03/01/" + A + ".jsonl");
    touch("session_index.jsonl");

    HomeInventory inventory = CodexHome.open(home).inventory();

    assertThat(inventory.sessionsDir()).isTrue();
    assertThat(inventory.sessionIndex()).isTrue();
    assertThat(inventory.missing())
        .containsExactly("archived_sessions", "state_db", "chat_processes");
  }

  @Test
  void inventoryFindsTheStateDbAndChatProcesses() throws IOException {
    touch("archived_sessions/x.txt");
    touch("state_5.sqlite");
    touch("process_manager/chat_processes.json");

    HomeInventory inventory = CodexHome.open(home).inventory();

    assertThat(inventory.stateDb()).isEqualTo(home.resolve("state_5.sqlite"));
    assertThat(inventory.chatProcesses()).isTrue();
    assertThat(inventory.missing()).containsExactly("sessions", "session_index");
  }

  @Test
  void emptyHomeHasNoRollouts() {
    assertThat(CodexHome.open(home).rollouts(null)).isEmpty();
  }

  private Path touch(String relative) throws IOException {
    Path file = home.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.write(file, new byte[] {'\n'});
  }
}
