package dev.wlat.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionIndexTests {

  @TempDir Path home;

  @Test
  void newestLinePerIdWinsByUpdatedAt() throws IOException {
    Files.writeString(home.resolve("session_index.jsonl"), String.join("\n",
        "{\"id\":\"a\",\"thread_name\":\"second name\",\"updated_at\":\"2026-03-02T00:00:00Z\"}",
        "{\"id\":\"a\",\"thread_name\":\"first name\",\"updated_at\":\"2026-03-01T00:00:00Z\"}",
        "{\"id\":\"b\",\"thread_name\":\"only\",\"updated_at\":\"2026-03-01T00:00:00Z\"}"));

    SessionIndex index = SessionIndex.read(home);

    assertThat(index.names()).isEqualTo(Map.of("a", "second name", "b", "only"));
  }

  @Test
  void laterLineWinsWhenTimesAreEqualOrMissing() throws IOException {
    Files.writeString(home.resolve("session_index.jsonl"), String.join("\n",
        "{\"id\":\"a\",\"thread_name\":\"old\"}",
        "{\"id\":\"a\",\"thread_name\":\"new\"}"));

    assertThat(SessionIndex.read(home).nameOf("a")).contains("new");
  }

  @Test
  void malformedLinesAreCounted() throws IOException {
    Files.writeString(home.resolve("session_index.jsonl"), String.join("\n",
        "{\"id\":\"a\",\"thread_name\":\"x\"}", "not json", "{\"thread_name\":\"no id\"}", "",
        "{\"id\":\"b\",\"thread_name\":\"y\"} trailing"));

    SessionIndex index = SessionIndex.read(home);

    assertThat(index.malformedLines()).isEqualTo(3);
    assertThat(index.names()).containsOnlyKeys("a");
  }

  @Test
  void missingFileGivesAnEmptyIndex() {
    assertThat(SessionIndex.read(home)).isEqualTo(SessionIndex.EMPTY);
  }
}
