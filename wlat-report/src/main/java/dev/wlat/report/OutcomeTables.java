package dev.wlat.report;

import dev.wlat.model.Attribution;
import dev.wlat.model.ConfidenceSummary;
import dev.wlat.model.GitHubArtifact;
import dev.wlat.model.OutcomeLink;
import dev.wlat.model.OutcomeRollup;
import dev.wlat.model.Redaction;

/**
 * The schemas of the attribution and GitHub outcome facts: {@code data/github_events.tsv},
 * {@code data/token_outcome_links.tsv}, {@code data/repo_workstream_outcome_rollups.tsv} and
 * {@code data/attribution_confidence_summary.tsv}. Titles, branch names and labels are free text
 * written by people: they pass through the redactor (titles are also cut to 80 characters).
 */
public final class OutcomeTables {

  private OutcomeTables() {}

  /** An artifact with the run that collected it. */
  public record EventRow(GitHubArtifact artifact, String source, String runId) {}

  /** A link with its thread's attribution and the run that wrote it. */
  public record LinkRow(OutcomeLink link, Attribution thread, String runId) {}

  /** {@return the schema of {@code data/github_events.tsv}: one row per GitHub artifact}. */
  public static TsvTable<EventRow> githubEvents() {
    return githubEvents(dev.wlat.model.Privacy.NORMAL);
  }

  /** {@return the GitHub events' schema, branches and tags as {@code privacy} shows them}. */
  public static TsvTable<EventRow> githubEvents(dev.wlat.model.Privacy privacy) {
    return TsvTable.<EventRow>builder("github_events.tsv")
        .column("github_repo", r -> r.artifact().repo().slug())
        .column("artifact_kind", r -> r.artifact().kind().label())
        .column("artifact_id", r -> Redaction.redact(tagLike(r.artifact().kind())
            ? privacy.tag(r.artifact().id()) : r.artifact().id()))
        .column("timestamp", r -> Cells.instant(r.artifact().timestamp()))
        .column("actor", r -> Redaction.redact(r.artifact().actor()))
        .column("sha", r -> r.artifact().sha())
        .column("branch", r -> Redaction.redact(privacy.branch(r.artifact().branch())))
        .column("title", r -> Redaction.snippet(r.artifact().title()))
        .column("state", r -> r.artifact().state())
        .column("merged", r -> r.artifact().merged())
        .column("url", r -> Redaction.url(tagLike(r.artifact().kind())
            && privacy.mode() == dev.wlat.model.Privacy.Mode.STRICT ? null : r.artifact().url()))
        .column("labels", r -> r.artifact().labels().isEmpty() ? null
            : Redaction.redact(String.join(";", r.artifact().labels())))
        .column("file_path", r -> Redaction.redact(r.artifact().filePath()))
        .column("additions", r -> r.artifact().additions())
        .column("deletions", r -> r.artifact().deletions())
        .column("closed_at", r -> Cells.instant(r.artifact().closedAt()))
        .column("outcome_type", r -> r.artifact().outcome().label())
        .column("closes_issues", r -> r.artifact().closesIssues().isEmpty() ? null
            : String.join(";", r.artifact().closesIssues().stream().map(String::valueOf).toList()))
        .column("commit_count", r -> r.artifact().commitShas().isEmpty() ? null : r.artifact().commitShas().size())
        .column("source", EventRow::source)
        .column("collected_by_run", EventRow::runId)
        .build();
  }

  /** {@return the schema of {@code data/token_outcome_links.tsv}: one row per thread-to-artifact link}. */
  public static TsvTable<LinkRow> tokenOutcomeLinks() {
    return TsvTable.<LinkRow>builder("token_outcome_links.tsv")
        .column("thread_id", r -> r.link().threadId())
        .column("github_repo", r -> r.link().repo().slug())
        .column("artifact_kind", r -> r.link().artifactKind().label())
        .column("artifact_id", r -> Redaction.redact(r.link().artifactId()))
        .column("artifact_url", r -> Redaction.url(r.link().artifactUrl()))
        .column("outcome_type", r -> r.link().outcome().label())
        .column("merged", r -> r.link().merged())
        .column("thread_tokens", r -> r.link().threadTokens())
        .column("allocated_tokens", r -> r.link().allocatedTokens())
        .column("link_method", r -> r.link().method())
        .column("attribution_confidence", r -> r.link().confidence().label())
        .column("evidence", r -> Redaction.redact(r.link().evidence()))
        .column("workstream_label", r -> FactTables.workstream(r.thread()))
        .column("thread_attribution_confidence", r -> FactTables.confidence(r.thread()))
        .column("inserted_by_run", LinkRow::runId)
        .build();
  }

  /** {@return the schema of {@code data/repo_workstream_outcome_rollups.tsv}}. */
  public static TsvTable<OutcomeRollup> repoWorkstreamOutcomeRollups() {
    return TsvTable.<OutcomeRollup>builder("repo_workstream_outcome_rollups.tsv")
        .column("github_repo", OutcomeRollup::githubRepo)
        .column("workstream_label", OutcomeRollup::workstreamLabel)
        .column("outcome_type", r -> r.outcome().label())
        .column("attribution_confidence", r -> r.confidence().label())
        .column("thread_count", OutcomeRollup::threadCount)
        .column("cumulative_delta_tokens", r -> r.delta().totalTokens())
        .column("delta_input_tokens", r -> r.delta().inputTokens())
        .column("delta_cached_input_tokens", r -> r.delta().cachedInputTokens())
        .column("delta_output_tokens", r -> r.delta().outputTokens())
        .column("delta_reasoning_output_tokens", r -> r.delta().reasoningOutputTokens())
        .column("linked_commit_count", OutcomeRollup::linkedCommits)
        .column("linked_pull_request_count", OutcomeRollup::linkedPullRequests)
        .column("linked_merged_pull_request_count", OutcomeRollup::linkedMergedPullRequests)
        .column("linked_closed_issue_count", OutcomeRollup::linkedClosedIssues)
        .column("linked_release_count", OutcomeRollup::linkedReleases)
        .column("link_allocated_tokens", OutcomeRollup::linkAllocatedTokens)
        .column("tokens_per_merged_pull_request", r -> Cells.ratio(r.tokensPerMergedPullRequest()))
        .build();
  }

  /** {@return the schema of {@code data/attribution_confidence_summary.tsv}}. */
  public static TsvTable<ConfidenceSummary> attributionConfidenceSummary() {
    return TsvTable.<ConfidenceSummary>builder("attribution_confidence_summary.tsv")
        .column("attribution_confidence", r -> r.confidence().label())
        .column("thread_count", ConfidenceSummary::threadCount)
        .column("cumulative_delta_tokens", ConfidenceSummary::tokens)
        .column("token_share", r -> Cells.ratio(r.tokenShare()))
        .column("github_repo_tokens", ConfidenceSummary::githubRepoTokens)
        .column("link_count", ConfidenceSummary::linkCount)
        .column("link_allocated_tokens", ConfidenceSummary::linkAllocatedTokens)
        .build();
  }

  private static boolean tagLike(dev.wlat.model.ArtifactKind k) {
    return k == dev.wlat.model.ArtifactKind.TAG || k == dev.wlat.model.ArtifactKind.RELEASE;
  }
}
