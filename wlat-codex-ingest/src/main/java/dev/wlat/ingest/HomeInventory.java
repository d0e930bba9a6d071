package dev.wlat.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a Codex home holds, for the run ledger: which of the places wlat reads exist.
 *
 * @param home the Codex home
 * @param sessionsDir true when {@code sessions/} exists
 * @param archivedSessionsDir true when {@code archived_sessions/} exists
 * @param stateDb the newest {@code state_N.sqlite}, or {@code null} when there is none
 * @param sessionIndex true when {@code session_index.jsonl} exists
 * @param chatProcesses true when {@code process_manager/chat_processes.json} exists
 */
public record HomeInventory(
    Path home,
    boolean sessionsDir,
    boolean archivedSessionsDir,
    Path stateDb,
    boolean sessionIndex,
    boolean chatProcesses) {

  public HomeInventory {
    Objects.requireNonNull(home, "home");
  }

  /** {@return the names of the places that are missing, in a fixed order}. */
  public List<String> missing() {
    List<String> missing = new ArrayList<>(5);
    if (!sessionsDir) {
      missing.add("sessions");
    }
    if (!archivedSessionsDir) {
      missing.add("archived_sessions");
    }
    if (stateDb == null) {
      missing.add("state_db");
    }
    if (!sessionIndex) {
      missing.add("session_index");
    }
    if (!chatProcesses) {
      missing.add("chat_processes");
    }
    return List.copyOf(missing);
  }
}
