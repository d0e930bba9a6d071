package dev.wlat.ingest;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the desktop app's {@code process_manager/chat_processes.json}: a running (or lately
 * running) Codex conversation. The entry's {@code command} is never kept: it may hold secrets.
 *
 * @param conversationId the thread id
 * @param osPid the process id, or {@code null}
 * @param startedAt {@code startedAtMs}, or {@code null}
 * @param updatedAt {@code updatedAtMs}, or {@code null}
 * @param turnId the current turn, or {@code null}
 * @param cwd the working directory, or {@code null}
 */
public record ChatProcess(
    String conversationId, Long osPid, Instant startedAt, Instant updatedAt, String turnId,
    String cwd) {

  public ChatProcess {
    Objects.requireNonNull(conversationId, "conversationId");
  }
}
