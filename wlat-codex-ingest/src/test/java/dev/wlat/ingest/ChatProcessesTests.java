package dev.wlat.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatProcessesTests {

  private static final String SECRET = "ghp_PLANTEDCHATPROCESS000000";

  @TempDir Path home;

  @Test
  void entriesAreReadWithoutTheirCommand() throws IOException {
    write("[{\"conversationId\":\"c1\",\"osPid\":4242,\"command\":\"codex --token " + SECRET + "\","
        + "\"startedAtMs\":1772000000000,\"updatedAtMs\":1772000005000,\"turnId\":\"t9\","
        + "\"cwd\":\"/work/p\"},{\"conversationId\":\"c2\",\"osPid\":7}]");

    ChatProcesses cp = ChatProcesses.read(home);

    assertThat(cp.processes()).containsExactly(
        new ChatProcess("c1", 4242L, Instant.ofEpochMilli(1_772_000_000_000L),
            Instant.ofEpochMilli(1_772_000_005_000L), "t9", "/work/p"),
        new ChatProcess("c2", 7L, null, null, null, null));
    assertThat(cp.toString()).doesNotContain(SECRET);
  }

  @Test
  void entriesWithoutConversationIdAreCounted() throws IOException {
    write("[{\"osPid\":1},42,{\"conversationId\":\"c3\"}]");

    ChatProcesses cp = ChatProcesses.read(home);

    assertThat(cp.malformedEntries()).isEqualTo(2);
    assertThat(cp.processes()).extracting(ChatProcess::conversationId).containsExactly("c3");
  }

  @Test
  void brokenFileCountsAsMalformed() throws IOException {
    write("[{\"conversationId\":\"c1\"},");

    ChatProcesses cp = ChatProcesses.read(home);

    assertThat(cp.malformedEntries()).isEqualTo(1);
  }

  @Test
  void missingFileGivesNoProcesses() {
    assertThat(ChatProcesses.read(home)).isEqualTo(ChatProcesses.EMPTY);
  }

  private void write(String json) throws IOException {
    Path file = home.resolve("process_manager/chat_processes.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
  }
}
