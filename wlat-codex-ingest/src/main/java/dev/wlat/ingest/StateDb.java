package dev.wlat.ingest;

import dev.wlat.model.GitFacts;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Codex's thread index, {@code state_N.sqlite}, opened read-only.
 *
 * <p>Codex may be writing the DB: it is opened with {@code mode=ro} and SQLite's read-only open flag,
 * never written, never locked for writing. When no {@code -wal} file exists (Codex is not running),
 * it is opened {@code immutable=1}, so that SQLite creates no {@code -wal}/{@code -shm} files. Columns are read by name and may be missing (the schema
 * grows over time); prompt text ({@code title}, {@code first_user_message}, {@code preview}) is never
 * read. Not thread-safe: one connection.
 */
public final class StateDb implements AutoCloseable {

  private static final Pattern STATE_FILE = Pattern.compile("state_(\\d{1,9})\\.sqlite");
  private static final long MILLIS_THRESHOLD = 100_000_000_000L;

  private final Path path;
  private final Connection connection;

  private StateDb(Path path, Connection connection) {
    this.path = path;
    this.connection = connection;
  }

  /**
   * {@return the newest state DB of a Codex home, opened read-only, or empty when there is none}.
   *
   * <p>Looks in {@code $CODEX_SQLITE_HOME} when set, then in {@code codexHome}.
   *
   * @throws IngestException when the DB exists but cannot be opened
   */
  public static Optional<StateDb> openNewest(Path codexHome) {
    return openNewest(codexHome, System.getenv());
  }

  static Optional<StateDb> openNewest(Path codexHome, Map<String, String> env) {
    return findNewest(codexHome, env).map(StateDb::open);
  }

  /** {@return the newest {@code state_N.sqlite} (highest N) for a Codex home, if any}. */
  public static Optional<Path> findNewest(Path codexHome) {
    return findNewest(codexHome, System.getenv());
  }

  static Optional<Path> findNewest(Path codexHome, Map<String, String> env) {
    String moved = env.get("CODEX_SQLITE_HOME");
    if (moved != null && !moved.isBlank()) {
      Optional<Path> found = newestIn(Path.of(moved));
      if (found.isPresent()) {
        return found;
      }
    }
    return newestIn(codexHome);
  }

  private static Optional<Path> newestIn(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    Path best = null;
    long bestN = -1;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "state_*.sqlite")) {
      for (Path f : files) {
        Matcher m = STATE_FILE.matcher(f.getFileName().toString());
        if (m.matches() && Files.isRegularFile(f)) {
          long n = Long.parseLong(m.group(1));
          if (n > bestN) {
            bestN = n;
            best = f;
          }
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.ofNullable(best);
  }

  /**
   * {@return the DB at {@code file}, opened read-only}.
   *
   * @throws IngestException when it cannot be opened
   */
  public static StateDb open(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.resetOpenMode(SQLiteOpenMode.CREATE);
    config.setOpenMode(SQLiteOpenMode.OPEN_URI);
    // With no -wal file beside it, no Codex process has the DB open in WAL mode; opening it as
    // immutable then keeps SQLite from creating -wal/-shm files in Codex's home. With a -wal file
    // (Codex running), a plain read-only open shares the existing files and creates none.
    boolean walPresent = Files.exists(file.resolveSibling(file.getFileName() + "-wal"));
    String url = "jdbc:sqlite:file:" + file.toAbsolutePath().toUri().getRawPath() + "?mode=ro"
        + (walPresent ? "" : "&immutable=1");
    try {
      Connection c = config.createConnection(url);
      return new StateDb(file, c);
    } catch (SQLException e) {
      throw IngestException.of("cannot open Codex state DB " + file + ": " + firstLine(e), e);
    }
  }

  /** {@return the DB file}. */
  public Path path() {
    return path;
  }

  /**
   * {@return every row of {@code threads}, in {@code id} order; empty when the table is missing}.
   *
   * @throws IngestException when the DB cannot be read
   */
  public List<ThreadIndexEntry> threads() {
    Set<String> columns = columns("threads");
    if (!columns.contains("id")) {
      return List.of();
    }
    List<String> wanted = new ArrayList<>();
    for (String c : List.of("id", "rollout_path", "created_at", "created_at_ms", "updated_at",
        "updated_at_ms", "source", "model_provider", "cwd", "tokens_used", "archived", "git_sha",
        "git_branch", "git_origin_url", "model", "reasoning_effort", "cli_version",
        "agent_nickname", "agent_role", "parent_thread_id", "thread_source")) {
      if (columns.contains(c)) {
        wanted.add(c);
      }
    }
    String sql = "SELECT " + String.join(", ", wanted) + " FROM threads ORDER BY id";
    List<ThreadIndexEntry> out = new ArrayList<>();
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        Row r = new Row(rs, columns);
        String id = r.text("id");
        if (id == null) {
          continue;
        }
        out.add(new ThreadIndexEntry(id, r.text("rollout_path"),
            r.instant("created_at_ms", "created_at"), r.instant("updated_at_ms", "updated_at"),
            r.text("source"), r.text("model_provider"), r.text("cwd"), r.number("tokens_used"),
            r.bool("archived"),
            new GitFacts(r.text("git_sha"), r.text("git_branch"), r.text("git_origin_url")),
            r.text("model"), r.text("reasoning_effort"), r.text("cli_version"),
            r.text("agent_nickname"), r.text("agent_role"), r.text("parent_thread_id"),
            r.text("thread_source")));
      }
    } catch (SQLException e) {
      throw IngestException.of("cannot read threads of " + path + ": " + firstLine(e), e);
    }
    return List.copyOf(out);
  }

  /**
   * {@return every row of {@code thread_spawn_edges}; empty when the table is missing}.
   *
   * @throws IngestException when the DB cannot be read
   */
  public List<SpawnEdge> spawnEdges() {
    Set<String> columns = columns("thread_spawn_edges");
    if (!columns.contains("parent_thread_id") || !columns.contains("child_thread_id")) {
      return List.of();
    }
    String sql = "SELECT parent_thread_id, child_thread_id"
        + (columns.contains("status") ? ", status" : "")
        + " FROM thread_spawn_edges ORDER BY parent_thread_id, child_thread_id";
    List<SpawnEdge> out = new ArrayList<>();
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        Row r = new Row(rs, columns);
        String parent = r.text("parent_thread_id");
        String child = r.text("child_thread_id");
        if (parent != null && child != null) {
          out.add(new SpawnEdge(parent, child, r.text("status")));
        }
      }
    } catch (SQLException e) {
      throw IngestException.of("cannot read thread_spawn_edges of " + path + ": " + firstLine(e), e);
    }
    return List.copyOf(out);
  }

  /** Closes the connection. */
  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // A read-only connection has nothing to flush.
    }
  }

  private Set<String> columns(String table) {
    Set<String> names = new HashSet<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA table_info(" + table + ")")) {
      while (rs.next()) {
        names.add(rs.getString("name").toLowerCase(Locale.ROOT));
      }
    } catch (SQLException e) {
      throw IngestException.of("cannot read the schema of " + path + ": " + firstLine(e), e);
    }
    return names;
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** One result row, read by column name; missing columns read as {@code null}. */
  private static final class Row {
    private final ResultSet rs;
    private final Set<String> columns;

    Row(ResultSet rs, Set<String> columns) {
      this.rs = rs;
      this.columns = columns;
    }

    String text(String column) throws SQLException {
      if (!columns.contains(column)) {
        return null;
      }
      Object v = rs.getObject(column);
      return v == null ? null : v.toString();
    }

    Long number(String column) throws SQLException {
      if (!columns.contains(column)) {
        return null;
      }
      Object v = rs.getObject(column);
      if (v instanceof Number n) {
        return n.longValue();
      }
      if (v instanceof String s) {
        try {
          return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
          return null;
        }
      }
      return null;
    }

    Boolean bool(String column) throws SQLException {
      Long n = number(column);
      return n == null ? null : n != 0;
    }

    /** Prefers the {@code *_ms} column; a seconds column holding milliseconds is recognized too. */
    Instant instant(String millisColumn, String secondsColumn) throws SQLException {
      try {
        Long ms = number(millisColumn);
        if (ms != null) {
          return Instant.ofEpochMilli(ms);
        }
        Long s = number(secondsColumn);
        if (s != null) {
          return s >= MILLIS_THRESHOLD ? Instant.ofEpochMilli(s) : Instant.ofEpochSecond(s);
        }
        String text = text(secondsColumn);
        return text == null ? null : Instant.parse(text);
      } catch (DateTimeException | ArithmeticException e) {
        return null;
      }
    }
  }
}
