package dev.wlat.ingest;

import dev.wlat.model.GitFacts;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of the Codex state DB's {@code threads} table, without any prompt text ({@code title},
 * {@code first_user_message} and {@code preview} are never read). Columns missing from an older DB
 * are {@code null}.
 *
 * @param id the thread id
 * @param rolloutPath {@code rollout_path}
 * @param createdAt {@code created_at} (or {@code created_at_ms})
 * @param updatedAt {@code updated_at} (or {@code updated_at_ms})
 * @param source {@code source}
 * @param modelProvider {@code model_provider}
 * @param cwd {@code cwd}
 * @param tokensUsed {@code tokens_used}: Codex's last cumulative total (includes replayed parent
 *     tokens for forks)
 * @param archived {@code archived}
 * @param git {@code git_sha}, {@code git_branch}, {@code git_origin_url}
 * @param model {@code model}
 * @param reasoningEffort {@code reasoning_effort}
 * @param cliVersion {@code cli_version}
 * @param agentNickname {@code agent_nickname}
 * @param agentRole {@code agent_role}
 * @param parentThreadId {@code parent_thread_id}
 * @param threadSource {@code thread_source}
 */
public record ThreadIndexEntry(
    String id,
    String rolloutPath,
    Instant createdAt,
    Instant updatedAt,
    String source,
    String modelProvider,
    String cwd,
    Long tokensUsed,
    Boolean archived,
    GitFacts git,
    String model,
    String reasoningEffort,
    String cliVersion,
    String agentNickname,
    String agentRole,
    String parentThreadId,
    String threadSource) {

  public ThreadIndexEntry {
    Objects.requireNonNull(id, "id");
    git = git == null ? GitFacts.NONE : git;
  }
}
