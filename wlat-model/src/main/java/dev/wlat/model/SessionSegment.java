package dev.wlat.model;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one rollout file (one session segment) says about itself, without any usage.
 *
 * <p>A thread may span several segments (resume segments, an archived copy). The thread id comes
 * from the file's first {@code session_meta}, never from the file name alone.
 *
 * @param segmentId stable id of the segment (derived from its path relative to the Codex home)
 * @param threadId the first {@code session_meta.payload.id}, or the id in the file name when the
 *     file has no {@code session_meta}
 * @param sourcePath the file's path as read
 * @param relativePath the path relative to the Codex home (or the file name)
 * @param location live, archived or other
 * @param compressed true for a {@code .jsonl.zst} file
 * @param startedAt {@code session_meta.payload.timestamp}, or {@code null}
 * @param cwd {@code session_meta.payload.cwd}, or {@code null}
 * @param originator e.g. {@code codex_cli_rs}, {@code codex_exec}, or {@code null}
 * @param cliVersion Codex version that wrote the file, or {@code null}
 * @param source {@code cli}, {@code vscode}, {@code exec}, {@code subagent:review},
 *     {@code subagent:thread_spawn}, ..., or {@code null}
 * @param modelProvider e.g. {@code openai}, or {@code null}
 * @param git git facts recorded in {@code session_meta}
 * @param forkedFromId {@code forked_from_id}, or {@code null}
 * @param parentThreadId the parent thread of a subagent or fork, or {@code null}
 * @param agentNickname {@code agent_nickname} of a subagent, or {@code null}
 * @param agentRole {@code agent_role} of a subagent, or {@code null}
 * @param sessionMetaCount how many {@code session_meta} lines the file holds (forks carry several)
 * @param basis which rows the segment's usage is accounted from
 * @param lineCount lines read
 * @param byteCount bytes read (decompressed)
 * @param lineKinds lines per kind, e.g. {@code response_item}, {@code event_msg:token_count},
 *     {@code compacted}; sorted by name
 * @param turnCount turns started ({@code task_started}/{@code turn_started}, or turn ids of
 *     {@code turn_context} where no start event exists)
 * @param compactionCount {@code compacted} lines
 */
public record SessionSegment(
    String segmentId,
    String threadId,
    String sourcePath,
    String relativePath,
    SegmentLocation location,
    boolean compressed,
    Instant startedAt,
    String cwd,
    String originator,
    String cliVersion,
    String source,
    String modelProvider,
    GitFacts git,
    String forkedFromId,
    String parentThreadId,
    String agentNickname,
    String agentRole,
    int sessionMetaCount,
    AccountingBasis basis,
    long lineCount,
    long byteCount,
    Map<String, Long> lineKinds,
    long turnCount,
    long compactionCount) {

  public SessionSegment {
    Objects.requireNonNull(segmentId, "segmentId");
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(sourcePath, "sourcePath");
    Objects.requireNonNull(relativePath, "relativePath");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(basis, "basis");
    git = git == null ? GitFacts.NONE : git;
    lineKinds = Collections.unmodifiableMap(new TreeMap<>(lineKinds));
  }

  /** {@return true when the file is a fork or a subagent of another thread}. */
  public boolean isChildThread() {
    return forkedFromId != null || parentThreadId != null;
  }

  /** {@return the parent thread of a fork or subagent, preferring {@code forked_from_id}}. */
  public String parentId() {
    return forkedFromId != null ? forkedFromId : parentThreadId;
  }
}
