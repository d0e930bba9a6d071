package dev.wlat.ingest;

import java.util.Objects;

/**
 * One row of the state DB's {@code thread_spawn_edges}: a parent thread spawned a child (subagent).
 *
 * @param parentThreadId the parent thread
 * @param childThreadId the spawned thread
 * @param status the edge's status as Codex wrote it, or {@code null}
 */
public record SpawnEdge(String parentThreadId, String childThreadId, String status) {

  public SpawnEdge {
    Objects.requireNonNull(parentThreadId, "parentThreadId");
    Objects.requireNonNull(childThreadId, "childThreadId");
  }
}
