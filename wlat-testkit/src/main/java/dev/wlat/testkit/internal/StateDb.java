package dev.wlat.testkit.internal;

import dev.wlat.testkit.HomeSpec;
import dev.wlat.testkit.ThreadTruth;
import dev.wlat.testkit.internal.Model.ThreadAcc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Map;

/** Writes {@code state_5.sqlite}: Codex's thread index, {@code threads} and {@code thread_spawn_edges}. */
final class StateDb {
  private StateDb() {}

  /** {@return the size of the written database}. */
  static long write(Path db, HomeSpec spec, List<ThreadAcc> threads, Map<String, String> lastTurnIds,
      List<String[]> edges) throws IOException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath())) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=DELETE");
        s.execute("CREATE TABLE threads (id TEXT PRIMARY KEY, rollout_path TEXT NOT NULL, created_at INTEGER NOT NULL,"
            + " updated_at INTEGER NOT NULL, source TEXT NOT NULL, model_provider TEXT NOT NULL, cwd TEXT NOT NULL,"
            + " title TEXT NOT NULL, sandbox_policy TEXT NOT NULL, approval_mode TEXT NOT NULL,"
            + " tokens_used INTEGER NOT NULL DEFAULT 0, has_user_event INTEGER NOT NULL DEFAULT 0,"
            + " archived INTEGER NOT NULL DEFAULT 0, archived_at INTEGER, git_sha TEXT, git_branch TEXT,"
            + " git_origin_url TEXT, cli_version TEXT NOT NULL DEFAULT '', first_user_message TEXT NOT NULL DEFAULT '',"
            + " agent_nickname TEXT, agent_role TEXT, model TEXT, reasoning_effort TEXT)");
        s.execute("CREATE TABLE thread_spawn_edges (parent_thread_id TEXT NOT NULL, child_thread_id TEXT NOT NULL"
            + " PRIMARY KEY, status TEXT NOT NULL)");
        s.execute("CREATE INDEX idx_threads_created_at ON threads(created_at DESC, id DESC)");
      }
      c.setAutoCommit(false);
      try (PreparedStatement p = c.prepareStatement("INSERT INTO threads (id, rollout_path, created_at, updated_at,"
          + " source, model_provider, cwd, title, sandbox_policy, approval_mode, tokens_used, has_user_event, archived,"
          + " archived_at, git_sha, git_branch, git_origin_url, cli_version, first_user_message, agent_nickname,"
          + " agent_role, model, reasoning_effort) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        for (ThreadAcc a : threads) {
          if (a.kind == ThreadTruth.Kind.LEGACY) {
            continue;
          }
          String home = spec.codexHomePath().endsWith("/") ? spec.codexHomePath() : spec.codexHomePath() + "/";
          int i = 1;
          p.setString(i++, a.threadId);
          p.setString(i++, home + a.rolloutPath);
          p.setLong(i++, a.createdMs / 1000);
          p.setLong(i++, a.updatedMs / 1000);
          p.setString(i++, a.kind == ThreadTruth.Kind.SUBAGENT
              ? "{\"subagent\":{\"thread_spawn\":{\"parent_thread_id\":\"" + a.parentThreadId + "\",\"depth\":1}}}"
              : "exec".equals(sourceOf(a)) ? "exec" : "cli");
          p.setString(i++, "openai");
          p.setString(i++, a.cwd);
          p.setString(i++, a.title);
          p.setString(i++, "{\"type\":\"workspace-write\",\"network_access\":false}");
          p.setString(i++, "on-request");
          p.setLong(i++, a.finalCumulative.total());
          p.setInt(i++, 1);
          p.setInt(i++, a.archived ? 1 : 0);
          if (a.archived) {
            p.setLong(i++, a.updatedMs / 1000 + 3_600);
          } else {
            p.setNull(i++, Types.INTEGER);
          }
          p.setString(i++, a.gitBranch == null ? null : sha(a));
          p.setString(i++, a.gitBranch);
          p.setString(i++, a.gitOriginUrl);
          p.setString(i++, a.cliVersion == null ? "" : a.cliVersion);
          p.setString(i++, a.title);
          p.setString(i++, a.kind == ThreadTruth.Kind.SUBAGENT ? "Euler" : null);
          p.setString(i++, a.kind == ThreadTruth.Kind.SUBAGENT ? "explorer" : null);
          p.setString(i++, a.models.isEmpty() ? null : a.models.iterator().next());
          p.setString(i++, a.effort);
          p.addBatch();
        }
        p.executeBatch();
      }
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO thread_spawn_edges (parent_thread_id, child_thread_id, status) VALUES (?,?,?)")) {
        for (String[] e : edges) {
          p.setString(1, e[0]);
          p.setString(2, e[1]);
          p.setString(3, "completed");
          p.addBatch();
        }
        p.executeBatch();
      }
      c.commit();
    } catch (SQLException e) {
      throw new IOException("Cannot write " + db + ": " + e.getMessage(), e);
    }
    return Files.size(db);
  }

  private static String sourceOf(ThreadAcc a) {
    return "codex_exec".equals(a.originator) ? "exec" : "cli";
  }

  private static String sha(ThreadAcc a) {
    return a.gitSha;
  }
}
