package dev.wlat.report.summary;

import dev.wlat.model.ConfidenceSummary;
import dev.wlat.model.OutcomeRollup;
import dev.wlat.report.Cells;
import dev.wlat.report.OutcomeTables;
import dev.wlat.report.TsvTable;
import java.util.function.Function;

/**
 * The schemas of a report's TSVs under {@code reports/}. Each is written twice, as
 * {@code latest_<window>_<name>} and {@code <run_id>_<window>_<name>}, so the factories take the file
 * name. Columns follow the data facts' names; in-window figures carry the plain names and a thread's
 * full-history figures the {@code full_history_} prefix (its {@code final_*} totals are full-history
 * by nature). The rollup and confidence tables have exactly the columns of their {@code data/} twins.
 */
public final class ReportTables {

  /** {@code thread_rollups.tsv}: one row per thread with rows inside the window, most tokens first. */
  public static final String THREAD_ROLLUPS = "thread_rollups.tsv";
  /** {@code repo_workstream_outcome_rollups.tsv}: one row per (repo, workstream, outcome, confidence). */
  public static final String REPO_WORKSTREAM_OUTCOME_ROLLUPS = "repo_workstream_outcome_rollups.tsv";
  /** {@code daily_token_accounting.tsv}: one row per day with rows, in the report's zone. */
  public static final String DAILY = "daily_token_accounting.tsv";
  /** {@code weekly_token_accounting.tsv}: one row per ISO week with rows. */
  public static final String WEEKLY = "weekly_token_accounting.tsv";
  /** {@code monthly_token_accounting.tsv}: one row per month with rows. */
  public static final String MONTHLY = "monthly_token_accounting.tsv";
  /** {@code attribution_confidence_summary.tsv}: one row per confidence level, all six always. */
  public static final String CONFIDENCE = "attribution_confidence_summary.tsv";
  /** {@code summary.md}: the Markdown summary. */
  public static final String SUMMARY = "summary.md";

  private ReportTables() {}

  /** {@return the schema of the thread rollups, written to {@code fileName}}. */
  public static TsvTable<ThreadUsage> threadRollups(String fileName) {
    TsvTable.Builder<ThreadUsage> t = TsvTable.<ThreadUsage>builder(fileName)
        .column("thread_id", ThreadUsage::threadId)
        .column("parent_thread_id", ThreadUsage::parentThreadId)
        .column("title", ThreadUsage::title)
        .column("github_repo", ThreadUsage::githubRepo)
        .column("workstream_label", ThreadUsage::workstreamLabel)
        .column("outcome_type", r -> r.outcome().label())
        .column("attribution_confidence", r -> r.confidence().label())
        .column("attribution_method", ThreadUsage::attributionMethod)
        .column("first_event_at", r -> Cells.instant(r.firstEventAt()))
        .column("last_event_at", r -> Cells.instant(r.lastEventAt()));
    usage(t, ThreadUsage::usage);
    return t
        .column("link_count", ThreadUsage::linkCount)
        .column("warning_flags", r -> Cells.flags(r.warnings(), w -> w.label()))
        .column("full_history_first_event_at", r -> r.history() == null ? null : Cells.instant(r.history().firstEventAt()))
        .column("full_history_last_event_at", r -> r.history() == null ? null : Cells.instant(r.history().lastEventAt()))
        .column("full_history_token_event_count", r -> r.history() == null ? null : r.history().tokenEventCount())
        .column("full_history_observed_event_sum_tokens",
            r -> r.history() == null ? null : r.history().observedEventSumTokens())
        .column("full_history_cumulative_delta_tokens",
            r -> r.history() == null ? null : r.history().cumulativeDeltaTokens())
        .column("final_session_total_tokens", r -> r.history() == null ? null : r.history().finalSessionTotalTokens())
        .column("final_thread_total_tokens", r -> r.history() == null ? null : r.history().finalThreadTotalTokens())
        .build();
  }

  /** {@return the schema of the daily, weekly or monthly accounting, written to {@code fileName}}. */
  public static TsvTable<PeriodUsage> periods(String fileName) {
    TsvTable.Builder<PeriodUsage> t = TsvTable.<PeriodUsage>builder(fileName)
        .column("grain", r -> r.grain().label())
        .column("group_key", PeriodUsage::key)
        .column("period_start", r -> Cells.instant(r.periodStart()))
        .column("period_end", r -> Cells.instant(r.periodEnd()))
        .column("partial_period", PeriodUsage::partial)
        .column("thread_count", PeriodUsage::threadCount);
    usage(t, PeriodUsage::usage);
    return t
        .column("cache_ratio", r -> Cells.ratio(r.usage().cacheRatio()))
        .column("warning_flags", r -> Cells.flags(r.warnings(), w -> w.label()))
        .build();
  }

  /** {@return the schema of the repo/workstream/outcome rollups, as in {@code data/}, written to {@code fileName}}. */
  public static TsvTable<OutcomeRollup> repoWorkstreamOutcomeRollups(String fileName) {
    return new TsvTable<>(fileName, OutcomeTables.repoWorkstreamOutcomeRollups().columns());
  }

  /** {@return the schema of the confidence summary, as in {@code data/}, written to {@code fileName}}. */
  public static TsvTable<ConfidenceSummary> attributionConfidenceSummary(String fileName) {
    return new TsvTable<>(fileName, OutcomeTables.attributionConfidenceSummary().columns());
  }

  private static <T> void usage(TsvTable.Builder<T> t, Function<T, UsageSums> u) {
    t.column("token_event_count", r -> u.apply(r).tokenEventCount())
        .column("observed_event_sum_tokens", r -> u.apply(r).observedEventSumTokens())
        .column("cumulative_delta_tokens", r -> u.apply(r).delta().totalTokens())
        .column("delta_input_tokens", r -> u.apply(r).delta().inputTokens())
        .column("delta_cached_input_tokens", r -> u.apply(r).delta().cachedInputTokens())
        .column("delta_output_tokens", r -> u.apply(r).delta().outputTokens())
        .column("delta_reasoning_output_tokens", r -> u.apply(r).delta().reasoningOutputTokens())
        .column("delta_cache_write_input_tokens", r -> u.apply(r).delta().cacheWriteInputTokens())
        .column("unique_last_per_thread_turn_tokens", r -> u.apply(r).uniqueLastPerThreadTurnTokens())
        .column("unique_last_per_session_turn_tokens", r -> u.apply(r).uniqueLastPerSessionTurnTokens())
        .column("deduped_turn_tokens", r -> u.apply(r).dedupedTurnTokens())
        .column("cumulative_reset_count", r -> u.apply(r).cumulativeResetCount())
        .column("boundary_uncertain_event_count", r -> u.apply(r).boundaryUncertainEventCount())
        .column("boundary_uncertain_tokens", r -> u.apply(r).boundaryUncertainTokens())
        .column("inflation_factor_current_vs_delta", r -> Cells.ratio(u.apply(r).inflationFactor()))
        .column("cost_usd", r -> Cells.amount(u.apply(r).usd()))
        .column("cost_basis", r -> Cells.basis(u.apply(r).usd()))
        .column("unpriced_tokens", r -> u.apply(r).usd().unpricedTokens())
        .column("credits", r -> Cells.amount(u.apply(r).credits()))
        .column("credits_basis", r -> Cells.basis(u.apply(r).credits()));
  }
}
