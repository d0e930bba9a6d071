package dev.wlat.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.model.GitFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDbTests {

  private static final String SECRET = "sk-proj-PLANTEDSTATEDB0000";

  @TempDir Path home;

  @Test
  void threadsAreReadByColumnName() throws SQLException {
    Path db = home.resolve("state_5.sqlite");
    sql(db, "CREATE TABLE threads (id TEXT PRIMARY KEY, rollout_path TEXT, created_at INTEGER,"
            + " updated_at INTEGER, source TEXT, model_provider TEXT, cwd TEXT, title TEXT,"
            + " sandbox_policy TEXT, approval_mode TEXT, tokens_used INTEGER, archived INTEGER,"
            + " archived_at INTEGER, git_sha TEXT, git_branch TEXT, git_origin_url TEXT, model TEXT,"
            + " reasoning_effort TEXT, cli_version TEXT, agent_nickname TEXT, agent_role TEXT,"
            + " parent_thread_id TEXT, thread_source TEXT, first_user_message TEXT, preview TEXT)",
        "INSERT INTO threads VALUES ('t1', '/h/sessions/r.jsonl', 1772000000, 1772000600, 'cli',"
            + " 'openai', '/work/p', '" + SECRET + "', '{}', 'on-request', 123456, 1, 1772000700,"
            + " 'abc', 'main', 'git@github.com:o/r.git', 'gpt-5.3-codex', 'high', '0.150.0', 'scout',"
            + " 'explorer', 'p0', 'subagent', '" + SECRET + "', '" + SECRET + "')");

    List<ThreadIndexEntry> threads;
    try (StateDb state = StateDb.open(db)) {
      threads = state.threads();
    }

    assertThat(threads).containsExactly(new ThreadIndexEntry("t1", "/h/sessions/r.jsonl",
        Instant.ofEpochSecond(1_772_000_000L), Instant.ofEpochSecond(1_772_000_600L), "cli",
        "openai", "/work/p", 123_456L, true, new GitFacts("abc", "main", "git@github.com:o/r.git"),
        "gpt-5.3-codex", "high", "0.150.0", "scout", "explorer", "p0", "subagent"));
    assertThat(threads.toString()).doesNotContain(SECRET);
  }

  @Test
  void missingColumnsReadAsNull() throws SQLException {
    Path db = home.resolve("state_1.sqlite");
    sql(db, "CREATE TABLE threads (id TEXT, rollout_path TEXT, created_at_ms INTEGER)",
        "INSERT INTO threads VALUES ('t2', '/r.jsonl', 1772000000123)");

    ThreadIndexEntry t;
    try (StateDb state = StateDb.open(db)) {
      t = state.threads().get(0);
    }

    assertThat(t.id()).isEqualTo("t2");
    assertThat(t.createdAt()).isEqualTo(Instant.ofEpochMilli(1_772_000_000_123L));
    assertThat(t.updatedAt()).isNull();
    assertThat(t.tokensUsed()).isNull();
    assertThat(t.archived()).isNull();
    assertThat(t.model()).isNull();
    assertThat(t.git()).isEqualTo(GitFacts.NONE);
  }

  @Test
  void dbWithoutTheTablesGivesEmptyLists() throws SQLException {
    Path db = home.resolve("state_2.sqlite");
    sql(db, "CREATE TABLE other (x INTEGER)");

    try (StateDb state = StateDb.open(db)) {
      assertThat(state.threads()).isEmpty();
      assertThat(state.spawnEdges()).isEmpty();
    }
  }

  @Test
  void spawnEdgesAreRead() throws SQLException {
    Path db = home.resolve("state_5.sqlite");
    sql(db, "CREATE TABLE thread_spawn_edges (parent_thread_id TEXT, child_thread_id TEXT, status TEXT)",
        "INSERT INTO thread_spawn_edges VALUES ('p', 'c2', 'closed'), ('p', 'c1', 'open')");

    try (StateDb state = StateDb.open(db)) {
      assertThat(state.spawnEdges()).containsExactly(
          new SpawnEdge("p", "c1", "open"), new SpawnEdge("p", "c2", "closed"));
    }
  }

  @Test
  void newestStateDbIsTheHighestNumberNotTheLongestName() throws SQLException {
    sql(home.resolve("state_5.sqlite"), "CREATE TABLE a (x INTEGER)");
    sql(home.resolve("state_12.sqlite"), "CREATE TABLE a (x INTEGER)");
    sql(home.resolve("logs_2.sqlite"), "CREATE TABLE a (x INTEGER)");

    assertThat(StateDb.findNewest(home, Map.of())).contains(home.resolve("state_12.sqlite"));
  }

  @Test
  void codexSqliteHomeIsSearchedFirst() throws SQLException, IOException {
    Path moved = Files.createDirectory(home.resolve("db"));
    sql(home.resolve("state_5.sqlite"), "CREATE TABLE a (x INTEGER)");
    sql(moved.resolve("state_3.sqlite"), "CREATE TABLE a (x INTEGER)");

    assertThat(StateDb.findNewest(home, Map.of("CODEX_SQLITE_HOME", moved.toString())))
        .contains(moved.resolve("state_3.sqlite"));
  }

  @Test
  void homeWithoutStateDbGivesEmpty() {
    assertThat(StateDb.openNewest(home, Map.of())).isEmpty();
  }

  @Test
  void readingAWalDbWritesNothing() throws SQLException, IOException {
    Path db = home.resolve("state_5.sqlite");
    sql(db, "PRAGMA journal_mode=WAL", "CREATE TABLE threads (id TEXT)",
        "INSERT INTO threads VALUES ('t1')");
    byte[] before = Files.readAllBytes(db);
    List<Path> filesBefore = list(home);

    Optional<StateDb> state = StateDb.openNewest(home, Map.of());
    assertThat(state).isPresent();
    try (StateDb s = state.get()) {
      assertThat(s.threads()).extracting(ThreadIndexEntry::id).containsExactly("t1");
    }

    assertThat(list(home)).isEqualTo(filesBefore);
    assertThat(Files.readAllBytes(db)).isEqualTo(before);
  }

  @Test
  void rowsStillInTheWalOfARunningWriterAreRead() throws SQLException, IOException {
    Path db = home.resolve("state_5.sqlite");
    try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = writer.createStatement()) {
      st.execute("PRAGMA journal_mode=WAL");
      st.execute("PRAGMA wal_autocheckpoint=0");
      st.execute("CREATE TABLE threads (id TEXT, tokens_used INTEGER)");
      st.execute("INSERT INTO threads VALUES ('live', 77)");
      List<Path> filesBefore = list(home);
      assertThat(filesBefore).contains(home.resolve("state_5.sqlite-wal"));

      try (StateDb s = StateDb.open(db)) {
        assertThat(s.threads()).extracting(ThreadIndexEntry::tokensUsed).containsExactly(77L);
      }
      assertThat(list(home)).isEqualTo(filesBefore);
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  private static void sql(Path db, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      for (String s : statements) {
        st.execute(s);
      }
    }
  }
}
