package dev.wlat.report;

import dev.wlat.model.Attribution;
import dev.wlat.model.Redaction;
import java.time.Instant;

/**
 * One row of {@code data/codex_threads.tsv}: what wlat knows of a thread from its rollouts, the Codex
 * state DB and the session index, with its attribution. {@code title} is a redacted snippet of the
 * thread's name.
 */
public record ThreadRow(
    String threadId,
    Instant createdAt,
    Instant updatedAt,
    String rolloutPath,
    String cwd,
    String sessionCwd,
    String gitOriginUrl,
    String gitBranch,
    String gitSha,
    String source,
    String threadSource,
    String originator,
    String cliVersion,
    String model,
    String reasoningEffort,
    String title,
    Long tokensUsed,
    long eventCount,
    Instant firstTokenEventAt,
    Instant lastTokenEventAt,
    String parentThreadId,
    String forkedFromId,
    String agentNickname,
    String agentRole,
    int sessionSegmentCount,
    long cumulativeDeltaTokens,
    long finalThreadTotalTokens,
    Attribution attribution,
    String runId) {

  /** {@return the schema of {@code data/codex_threads.tsv}}. */
  public static TsvTable<ThreadRow> table() {
    return TsvTable.<ThreadRow>builder("codex_threads.tsv")
        .column("thread_id", ThreadRow::threadId)
        .column("created_at", t -> Cells.instant(t.createdAt()))
        .column("updated_at", t -> Cells.instant(t.updatedAt()))
        .column("rollout_path", ThreadRow::rolloutPath)
        .column("cwd", ThreadRow::cwd)
        .column("session_cwd", ThreadRow::sessionCwd)
        .column("repo_root", t -> t.attribution() == null ? null : t.attribution().repoRoot())
        .column("github_repo", t -> FactTables.repo(t.attribution()))
        .column("git_origin_url", t -> Redaction.url(t.gitOriginUrl()))
        .column("git_branch", t -> Redaction.redact(t.gitBranch()))
        .column("git_sha", ThreadRow::gitSha)
        .column("source", ThreadRow::source)
        .column("thread_source", ThreadRow::threadSource)
        .column("originator", ThreadRow::originator)
        .column("cli_version", ThreadRow::cliVersion)
        .column("model", ThreadRow::model)
        .column("reasoning_effort", ThreadRow::reasoningEffort)
        .column("title", t -> Redaction.snippet(t.title()))
        .column("tokens_used", ThreadRow::tokensUsed)
        .column("event_count", ThreadRow::eventCount)
        .column("first_token_event_at", t -> Cells.instant(t.firstTokenEventAt()))
        .column("last_token_event_at", t -> Cells.instant(t.lastTokenEventAt()))
        .column("parent_thread_id", ThreadRow::parentThreadId)
        .column("forked_from_id", ThreadRow::forkedFromId)
        .column("agent_nickname", ThreadRow::agentNickname)
        .column("agent_role", ThreadRow::agentRole)
        .column("session_segment_count", ThreadRow::sessionSegmentCount)
        .column("cumulative_delta_tokens", ThreadRow::cumulativeDeltaTokens)
        .column("final_thread_total_tokens", ThreadRow::finalThreadTotalTokens)
        .column("workstream_label", t -> FactTables.workstream(t.attribution()))
        .column("outcome_type", t -> FactTables.outcome(t.attribution()))
        .column("attribution_confidence", t -> FactTables.confidence(t.attribution()))
        .column("updated_by_run", ThreadRow::runId)
        .column("attribution_method", t -> FactTables.method(t.attribution()))
        .column("attribution_evidence", t -> FactTables.evidence(t.attribution()))
        .build();
  }
}
