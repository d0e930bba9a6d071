package dev.wlat.cli.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/*
 * The state DB of `wlat run-incremental`: <output-root>/state/wlat_state.sqlite, wlat's own file
 * (Codex's files are never written). One transaction per run, committed only after the run's
 * outputs were renamed into place, so a run killed at any point leaves the previous state, and the
 * state never describes outputs that do not exist. What it holds:
 *   meta      settings fingerprint, wlat version, last run
 *   files     per rollout file: its group, size and mtime when read, and its parse checkpoint
 *   groups    per thread group: its GroupSummary
 *   outputs   per data table: size and mtime of the file the last run published
 *   layout    where each group's rows are in those files (one blob)
 * A state that cannot be read is set aside (renamed) and the run starts over from nothing.
 */

/** The SQLite state of incremental runs; one instance per run, used from one thread at a time. */
final class IncrementalState implements AutoCloseable {

  static final String FILE = "wlat_state.sqlite";
  private static final int SCHEMA = 1;

  /** A rollout file as the last run left it. */
  record FileRow(String groupKey, long size, long modifiedNanos) {}

  /** A rollout file as this run leaves it: its group, size and mtime (ns) when read, and its checkpoint. */
  record FileState(String groupKey, long size, long modifiedNanos, byte[] checkpoint) {}

  /** A published data table's identity. */
  record OutputId(long size, long modifiedNanos) {}

  private final Path path;
  private final Connection db;
  private final String problem;

  private IncrementalState(Path path, Connection db, String problem) {
    this.path = path;
    this.db = db;
    this.problem = problem;
  }

  /** Opens (or creates) the state under {@code outputRoot}; a broken one is set aside and a new one begun. */
  static IncrementalState open(Path outputRoot) {
    Path dir = outputRoot.resolve("state");
    Path file = dir.resolve(FILE);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    String problem = null;
    Connection c;
    try {
      c = connect(file);
    } catch (SQLException e) {
      problem = setAside(file, e);
      try {
        c = connect(file);
      } catch (SQLException again) {
        throw new UncheckedIOException("cannot create " + file + ": " + again.getMessage(), new IOException(again));
      }
    }
    return new IncrementalState(file, c, problem);
  }

  private static Connection connect(Path file) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=DELETE");
      s.execute("PRAGMA synchronous=FULL");
      s.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS files(path TEXT PRIMARY KEY, group_key TEXT NOT NULL,"
          + " size INTEGER NOT NULL, modified_ns INTEGER NOT NULL, checkpoint BLOB NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS groups(group_key TEXT PRIMARY KEY, summary BLOB NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS outputs(name TEXT PRIMARY KEY, size INTEGER NOT NULL,"
          + " modified_ns INTEGER NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS layout(id INTEGER PRIMARY KEY CHECK (id = 1), blob BLOB NOT NULL)");
      String schema = null;
      try (ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'schema'")) {
        if (r.next()) {
          schema = r.getString(1);
        }
      }
      if (schema != null && !schema.equals(Integer.toString(SCHEMA))) {
        c.close();
        throw new SQLException("state schema " + schema + ", this wlat reads " + SCHEMA);
      }
    } catch (SQLException e) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // already failing
      }
      throw e;
    }
    c.setAutoCommit(false);
    return c;
  }

  /**
   * {@return a new, empty state in place of this one}, which could not be read ({@code why}): it is
   * closed and set aside. (A damaged page shows when it is read; no integrity scan runs on every
   * open, which would read the whole file.)
   */
  IncrementalState startOver(String why) {
    close();
    String problem = setAside(path, new SQLException(why));
    try {
      return new IncrementalState(path, connect(path), problem);
    } catch (SQLException e) {
      throw new UncheckedIOException("cannot create " + path + ": " + e.getMessage(), new IOException(e));
    }
  }

  private static String setAside(Path file, SQLException why) {
    Path aside = file.resolveSibling(FILE + ".unreadable-" + System.currentTimeMillis());
    try {
      if (Files.exists(file)) {
        Files.move(file, aside);
      }
      Files.deleteIfExists(file.resolveSibling(FILE + "-journal"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set aside the unreadable state " + file + ": " + e.getMessage(), e);
    }
    return "state DB " + file + " was unreadable (" + why.getMessage() + "); set aside as " + aside.getFileName()
        + ", and every file read again";
  }

  Path path() {
    return path;
  }

  /** {@return why the previous state was set aside, or {@code null}}. */
  String problem() {
    return problem;
  }

  synchronized String meta(String key) {
    try (PreparedStatement p = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
      p.setString(1, key);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    } catch (SQLException e) {
      throw failure("read", e);
    }
  }

  synchronized Map<String, FileRow> files() {
    Map<String, FileRow> m = new HashMap<>();
    try (Statement s = db.createStatement();
         ResultSet r = s.executeQuery("SELECT path, group_key, size, modified_ns FROM files")) {
      while (r.next()) {
        m.put(r.getString(1), new FileRow(r.getString(2), r.getLong(3), r.getLong(4)));
      }
      return m;
    } catch (SQLException e) {
      throw failure("read", e);
    }
  }

  /** {@return the checkpoint blob of {@code relativePath}, or {@code null}}; safe from any thread. */
  synchronized byte[] checkpoint(String relativePath) {
    try (PreparedStatement p = db.prepareStatement("SELECT checkpoint FROM files WHERE path = ?")) {
      p.setString(1, relativePath);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getBytes(1) : null;
      }
    } catch (SQLException e) {
      throw failure("read", e);
    }
  }

  synchronized Map<String, byte[]> summaries() {
    Map<String, byte[]> m = new HashMap<>();
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT group_key, summary FROM groups")) {
      while (r.next()) {
        m.put(r.getString(1), r.getBytes(2));
      }
      return m;
    } catch (SQLException e) {
      throw failure("read", e);
    }
  }

  synchronized Map<String, OutputId> outputs() {
    Map<String, OutputId> m = new HashMap<>();
    try (Statement s = db.createStatement();
         ResultSet r = s.executeQuery("SELECT name, size, modified_ns FROM outputs")) {
      while (r.next()) {
        m.put(r.getString(1), new OutputId(r.getLong(2), r.getLong(3)));
      }
      return m;
    } catch (SQLException e) {
      throw failure("read", e);
    }
  }

  synchronized byte[] layout() {
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT blob FROM layout WHERE id = 1")) {
      return r.next() ? r.getBytes(1) : null;
    } catch (SQLException e) {
      throw failure("read", e);
    }
  }

  /** {@return the identity of a published file}, or {@code null} when it is missing. */
  static OutputId identify(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      long ns = a.lastModifiedTime().toInstant().getEpochSecond() * 1_000_000_000L
          + a.lastModifiedTime().toInstant().getNano();
      return new OutputId(a.size(), ns);
    } catch (IOException e) {
      return null;
    }
  }

  /** What one run changes; saved in one transaction. */
  static final class Changes {
    final Map<String, FileState> files = new LinkedHashMap<>();
    final List<String> removedFiles = new ArrayList<>();
    final Map<String, byte[]> groups = new LinkedHashMap<>();
    final List<String> removedGroups = new ArrayList<>();
    final Map<String, OutputId> outputs = new LinkedHashMap<>();
    final Map<String, String> meta = new LinkedHashMap<>();
    byte[] layout;
    boolean replaceAll;
  }

  /** Saves {@code c} atomically: all of it, or (killed or failing) none of it. */
  synchronized void save(Changes c) {
    try {
      try (Statement s = db.createStatement()) {
        if (c.replaceAll) {
          s.execute("DELETE FROM files");
          s.execute("DELETE FROM groups");
        }
        s.execute("DELETE FROM outputs");
      }
      try (PreparedStatement p = db.prepareStatement(
          "INSERT OR REPLACE INTO files(path, group_key, size, modified_ns, checkpoint) VALUES (?, ?, ?, ?, ?)")) {
        for (Map.Entry<String, FileState> e : c.files.entrySet()) {
          FileState v = e.getValue();
          p.setString(1, e.getKey());
          p.setString(2, v.groupKey());
          p.setLong(3, v.size());
          p.setLong(4, v.modifiedNanos());
          p.setBytes(5, v.checkpoint());
          p.addBatch();
        }
        p.executeBatch();
      }
      try (PreparedStatement p = db.prepareStatement("DELETE FROM files WHERE path = ?")) {
        for (String f : c.removedFiles) {
          p.setString(1, f);
          p.addBatch();
        }
        p.executeBatch();
      }
      try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO groups(group_key, summary) VALUES (?, ?)")) {
        for (Map.Entry<String, byte[]> e : c.groups.entrySet()) {
          p.setString(1, e.getKey());
          p.setBytes(2, e.getValue());
          p.addBatch();
        }
        p.executeBatch();
      }
      try (PreparedStatement p = db.prepareStatement("DELETE FROM groups WHERE group_key = ?")) {
        for (String g : c.removedGroups) {
          p.setString(1, g);
          p.addBatch();
        }
        p.executeBatch();
      }
      try (PreparedStatement p = db.prepareStatement("INSERT INTO outputs(name, size, modified_ns) VALUES (?, ?, ?)")) {
        for (Map.Entry<String, OutputId> e : c.outputs.entrySet()) {
          p.setString(1, e.getKey());
          p.setLong(2, e.getValue().size());
          p.setLong(3, e.getValue().modifiedNanos());
          p.addBatch();
        }
        p.executeBatch();
      }
      try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO layout(id, blob) VALUES (1, ?)")) {
        p.setBytes(1, c.layout == null ? new byte[0] : c.layout);
        p.executeUpdate();
      }
      try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)")) {
        c.meta.put("schema", Integer.toString(SCHEMA));
        for (Map.Entry<String, String> e : c.meta.entrySet()) {
          p.setString(1, e.getKey());
          p.setString(2, e.getValue());
          p.addBatch();
        }
        p.executeBatch();
      }
      db.commit();
    } catch (SQLException e) {
      try {
        db.rollback();
      } catch (SQLException ignored) {
        // the transaction is void either way
      }
      throw failure("write", e);
    }
  }

  private UncheckedIOException failure(String verb, SQLException e) {
    return new UncheckedIOException("cannot " + verb + " the state DB " + path + ": " + e.getMessage(), new IOException(e));
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException ignored) {
      // nothing was pending: every run commits or rolls back
    }
  }
}
