package dev.wlat.report;

import dev.wlat.model.Privacy;
import dev.wlat.accounting.pricing.Pricing;
import dev.wlat.model.Attribution;
import dev.wlat.model.EventAccounting;
import dev.wlat.model.ParseDiagnostics;
import dev.wlat.model.RateLimitSnapshot;
import dev.wlat.model.RateLimitWindow;
import dev.wlat.model.ReconciliationRow;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.SegmentLocation;
import dev.wlat.model.SessionRollup;
import dev.wlat.model.ThreadRollup;
import dev.wlat.model.TokenEvent;
import dev.wlat.model.TokenUsage;
import dev.wlat.model.TurnEstimate;
import java.util.function.Function;

/**
 * The schemas of wlat's data facts under {@code data/}. Column names follow the original Python
 * wlat's TSVs so that users' downstream queries keep working; columns wlat adds come after them.
 * Attribution columns ({@code github_repo}, {@code workstream_label}, {@code outcome_type},
 * {@code attribution_confidence}) carry the thread's attribution; they are empty when a row has none.
 */
public final class FactTables {

  private FactTables() {}

  /** A raw token row with the run that wrote it. */
  public record RawRow(TokenEvent event, SegmentLocation location, Attribution attribution, String runId,
      String repoRoot) {

    /** {@return the row with its attribution's repository root as the root its cwd is shown against}. */
    public RawRow(TokenEvent event, SegmentLocation location, Attribution attribution, String runId) {
      this(event, location, attribution, runId, attribution == null ? null : attribution.repoRoot());
    }
  }

  /** An accounting row with the run that wrote it. */
  public record AccountingRow(EventAccounting accounting, Attribution attribution, Pricing.Priced priced,
      String runId) {}

  /** A session rollup with its segment's per-turn dedup estimates. */
  public record SessionRow(SessionRollup rollup, TurnEstimate estimate, Attribution attribution,
      Pricing.Priced priced) {}

  /** A thread rollup with the per-turn dedup estimates summed over its segments. */
  public record ThreadRollupRow(ThreadRollup rollup, long distinctTurnCount, long uniqueLastPerSessionTurnTokens,
      long dedupedTurnTokens, long repeatedLastUsageCount, long repeatedCumulativeCount, long missingTurnIdCount,
      Attribution attribution, Pricing.Priced priced) {

    /** {@return the row for {@code rollup}, summing {@code estimates} (one per segment)}. */
    public static ThreadRollupRow of(ThreadRollup rollup, java.util.List<TurnEstimate> estimates,
        Attribution attribution, Pricing.Priced priced) {
      long turns = 0;
      long perSession = 0;
      long deduped = 0;
      long repeatedLast = 0;
      long repeatedCumulative = 0;
      long missing = 0;
      for (TurnEstimate e : estimates) {
        if (!e.accountingIncluded()) {
          continue;
        }
        turns += e.distinctTurnCount();
        perSession += e.uniqueLastPerSessionTurnTokens();
        deduped += e.dedupedTurnTokens();
        repeatedLast += e.repeatedLastUsageCount();
        repeatedCumulative += e.repeatedCumulativeCount();
        missing += e.missingTurnIdCount();
      }
      return new ThreadRollupRow(rollup, turns, perSession, deduped, repeatedLast, repeatedCumulative, missing,
          attribution, priced);
    }
  }

  /** {@return the schema of {@code data/raw_token_events.tsv} (and its compatibility copy)}. */
  public static TsvTable<RawRow> rawTokenEvents(String fileName) {
    return rawTokenEvents(fileName, Privacy.NORMAL);
  }

  /** {@return the raw token table written to {@code fileName}, its paths as {@code privacy} shows them}. */
  public static TsvTable<RawRow> rawTokenEvents(String fileName, Privacy privacy) {
    TsvTable.Builder<RawRow> t = TsvTable.<RawRow>builder(fileName)
        .column("event_id", r -> r.event().eventId())
        .column("raw_event_id", r -> r.event().eventId())
        .column("thread_id", r -> r.event().threadId())
        .column("turn_id", r -> r.event().turnId())
        .column("timestamp", r -> Cells.instant(r.event().timestamp()))
        .column("source_path", privacy.isNormal() ? r -> r.event().sourcePath()
            : r -> privacy.sourcePath(r.event().sourcePath(), pathInHome(r.event().sourcePath())))
        .column("line_number", r -> r.event().lineNumber())
        .column("session_segment_id", r -> r.event().sessionSegmentId())
        .column("event_kind", r -> r.event().kind().label())
        .column("response_id", r -> r.event().responseId());
    usage(t, "", r -> r.event().last());
    usage(t, "cumulative_", r -> r.event().total());
    return t
        .column("missing_last_token_usage", r -> r.event().last() == null)
        .column("missing_total_token_usage", r -> r.event().total() == null)
        .column("is_active_session", r -> r.location() == SegmentLocation.LIVE)
        .column("is_archived_session", r -> r.location() == SegmentLocation.ARCHIVED)
        .column("model", r -> r.event().model())
        .column("reasoning_effort", r -> r.event().effort())
        .column("cwd", privacy.isNormal() ? r -> r.event().cwd()
            : r -> privacy.cwd(r.event().cwd(), r.repoRoot()))
        .column("model_context_window", r -> r.event().modelContextWindow())
        .column("primary_used_percent", r -> window(r, true, w -> w.usedPercent()))
        .column("primary_window_minutes", r -> window(r, true, RateLimitWindow::windowMinutes))
        .column("primary_resets_at", r -> window(r, true, w -> Cells.instant(w.resetsAt())))
        .column("secondary_used_percent", r -> window(r, false, w -> w.usedPercent()))
        .column("secondary_window_minutes", r -> window(r, false, RateLimitWindow::windowMinutes))
        .column("secondary_resets_at", r -> window(r, false, w -> Cells.instant(w.resetsAt())))
        .column("rate_limit_5h_used_percent", r -> limits(r, s -> s.fiveHour().map(RateLimitWindow::usedPercent).orElse(null)))
        .column("rate_limit_weekly_used_percent", r -> limits(r, s -> s.weekly().map(RateLimitWindow::usedPercent).orElse(null)))
        .column("credits_has_credits", r -> limits(r, RateLimitSnapshot::hasCredits))
        .column("credits_unlimited", r -> limits(r, RateLimitSnapshot::unlimitedCredits))
        .column("credits_balance", r -> limits(r, RateLimitSnapshot::creditsBalance))
        .column("plan_type", r -> limits(r, RateLimitSnapshot::planType))
        .column("rate_limit_reached_type", r -> limits(r, RateLimitSnapshot::rateLimitReachedType))
        .column("github_repo", r -> repo(r.attribution()))
        .column("workstream_label", r -> workstream(r.attribution()))
        .column("outcome_type", r -> outcome(r.attribution()))
        .column("attribution_confidence", r -> confidence(r.attribution()))
        .column("event_flags", r -> Cells.flags(r.event().flags(), f -> f.label()))
        .column("inserted_by_run", RawRow::runId)
        .build();
  }

  /** {@return the schema of {@code data/token_event_accounting.tsv}}. */
  public static TsvTable<AccountingRow> tokenEventAccounting() {
    return TsvTable.<AccountingRow>builder("token_event_accounting.tsv")
        .column("event_id", r -> r.accounting().eventId())
        .column("session_segment_id", r -> r.accounting().event().sessionSegmentId())
        .column("thread_id", r -> r.accounting().event().threadId())
        .column("turn_id", r -> r.accounting().event().turnId())
        .column("timestamp", r -> Cells.instant(r.accounting().timestamp()))
        .column("line_number", r -> r.accounting().event().lineNumber())
        .column("event_kind", r -> r.accounting().event().kind().label())
        .column("model", r -> r.accounting().event().model())
        .column("github_repo", r -> repo(r.attribution()))
        .column("workstream_label", r -> workstream(r.attribution()))
        .column("outcome_type", r -> outcome(r.attribution()))
        .column("attribution_confidence", r -> confidence(r.attribution()))
        .column("observed_event_sum_tokens", r -> r.accounting().observedTokens())
        .column("cumulative_delta_tokens", r -> r.accounting().delta().totalTokens())
        .column("delta_input_tokens", r -> r.accounting().delta().inputTokens())
        .column("delta_cached_input_tokens", r -> r.accounting().delta().cachedInputTokens())
        .column("delta_output_tokens", r -> r.accounting().delta().outputTokens())
        .column("delta_reasoning_output_tokens", r -> r.accounting().delta().reasoningOutputTokens())
        .column("delta_cache_write_input_tokens", r -> r.accounting().delta().cacheWriteInputTokens())
        .column("previous_cumulative_total_tokens",
            r -> r.accounting().previousTotal() == null ? null : r.accounting().previousTotal().totalTokens())
        .column("delta_source", r -> r.accounting().deltaSource().label())
        .column("accounting_included", r -> r.accounting().accountingIncluded())
        .column("duplicate_segment_of", r -> r.accounting().duplicateSegmentOf())
        .column("cumulative_reset", r -> r.accounting().cumulativeReset())
        .column("deduped_turn_tokens", r -> r.accounting().dedupedTurnTokens())
        .column("unique_last_per_session_turn_tokens", r -> r.accounting().uniqueLastPerSessionTurnTokens())
        .column("unique_last_per_thread_turn_tokens", r -> r.accounting().uniqueLastPerThreadTurnTokens())
        .column("model_context_window", r -> r.accounting().event().modelContextWindow())
        .column("context_use", r -> Cells.ratio(contextUse(r.accounting())))
        .column("cache_ratio", r -> Cells.ratio(cacheRatio(r.accounting().delta())))
        .column("cost_usd", r -> Cells.amount(r.priced().usd()))
        .column("cost_basis", r -> Cells.basis(r.priced().usd()))
        .column("credits", r -> Cells.amount(r.priced().credits()))
        .column("credits_basis", r -> Cells.basis(r.priced().credits()))
        .column("warning_flags", r -> Cells.flags(r.accounting().warnings(), w -> w.label()))
        .column("inserted_by_run", AccountingRow::runId)
        .build();
  }

  /** {@return the schema of {@code data/token_session_rollups.tsv}}. */
  public static TsvTable<SessionRow> tokenSessionRollups() {
    return tokenSessionRollups(Privacy.NORMAL);
  }

  /** {@return the session rollups' schema, their paths as {@code privacy} shows them}. */
  public static TsvTable<SessionRow> tokenSessionRollups(Privacy privacy) {
    return TsvTable.<SessionRow>builder("token_session_rollups.tsv")
        .column("session_segment_id", r -> r.rollup().sessionSegmentId())
        .column("thread_id", r -> r.rollup().threadId())
        .column("source_path", r -> privacy.sourcePath(r.rollup().sourcePath(), pathInHome(r.rollup().sourcePath())))
        .column("is_active_session", r -> r.rollup().location() == SegmentLocation.LIVE)
        .column("is_archived_session", r -> r.rollup().location() == SegmentLocation.ARCHIVED)
        .column("accounting_basis", r -> r.rollup().basis().label())
        .column("accounting_included", r -> r.rollup().accountingIncluded())
        .column("duplicate_segment_of", r -> r.rollup().duplicateSegmentOf())
        .column("github_repo", r -> repo(r.attribution()))
        .column("workstream_label", r -> workstream(r.attribution()))
        .column("outcome_type", r -> outcome(r.attribution()))
        .column("attribution_confidence", r -> confidence(r.attribution()))
        .column("first_event_at", r -> Cells.instant(r.rollup().firstEventAt()))
        .column("last_event_at", r -> Cells.instant(r.rollup().lastEventAt()))
        .column("token_event_count", r -> r.rollup().tokenEventCount())
        .column("distinct_turn_count", r -> est(r, TurnEstimate::distinctTurnCount))
        .column("observed_event_sum_tokens", r -> r.rollup().observedEventSumTokens())
        .column("final_session_total_tokens", r -> r.rollup().finalSessionTotalTokens())
        .column("cumulative_delta_tokens", r -> r.rollup().delta().totalTokens())
        .column("delta_input_tokens", r -> r.rollup().delta().inputTokens())
        .column("delta_cached_input_tokens", r -> r.rollup().delta().cachedInputTokens())
        .column("delta_output_tokens", r -> r.rollup().delta().outputTokens())
        .column("delta_reasoning_output_tokens", r -> r.rollup().delta().reasoningOutputTokens())
        .column("unique_last_per_session_turn_tokens", r -> est(r, TurnEstimate::uniqueLastPerSessionTurnTokens))
        .column("unique_last_per_turn_tokens", r -> est(r, TurnEstimate::uniqueLastPerSessionTurnTokens))
        .column("deduped_turn_tokens", r -> est(r, TurnEstimate::dedupedTurnTokens))
        .column("repeated_last_usage_count", r -> est(r, TurnEstimate::repeatedLastUsageCount))
        .column("repeated_cumulative_count", r -> est(r, TurnEstimate::repeatedCumulativeCount))
        .column("cumulative_reset_count", r -> r.rollup().cumulativeResetCount())
        .column("missing_turn_id_count", r -> est(r, TurnEstimate::missingTurnIdCount))
        .column("zero_cumulative_event_count", r -> est(r, TurnEstimate::zeroCumulativeEventCount))
        .column("inflation_factor_current_vs_max_cumulative",
            r -> Cells.ratio(ratio(r.rollup().observedEventSumTokens(), r.rollup().finalSessionTotalTokens())))
        .column("inflation_factor_current_vs_delta",
            r -> Cells.ratio(ratio(r.rollup().observedEventSumTokens(), r.rollup().delta().totalTokens())))
        .column("cache_ratio", r -> Cells.ratio(cacheRatio(r.rollup().delta())))
        .column("cost_usd", r -> Cells.amount(r.priced().usd()))
        .column("cost_basis", r -> Cells.basis(r.priced().usd()))
        .column("unpriced_tokens", r -> r.priced().usd().unpricedTokens())
        .column("credits", r -> Cells.amount(r.priced().credits()))
        .column("credits_basis", r -> Cells.basis(r.priced().credits()))
        .column("warning_flags", r -> Cells.flags(r.rollup().warnings(), w -> w.label()))
        .build();
  }

  /** {@return the schema of {@code data/token_thread_rollups.tsv}}. */
  public static TsvTable<ThreadRollupRow> tokenThreadRollups() {
    return TsvTable.<ThreadRollupRow>builder("token_thread_rollups.tsv")
        .column("thread_id", r -> r.rollup().threadId())
        .column("parent_thread_id", r -> r.rollup().parentThreadId())
        .column("github_repo", r -> repo(r.attribution()))
        .column("workstream_label", r -> workstream(r.attribution()))
        .column("outcome_type", r -> outcome(r.attribution()))
        .column("attribution_confidence", r -> confidence(r.attribution()))
        .column("first_event_at", r -> Cells.instant(r.rollup().firstEventAt()))
        .column("last_event_at", r -> Cells.instant(r.rollup().lastEventAt()))
        .column("token_event_count", r -> r.rollup().tokenEventCount())
        .column("distinct_turn_count", ThreadRollupRow::distinctTurnCount)
        .column("session_segment_count", r -> r.rollup().segmentCount())
        .column("included_session_segment_count", r -> r.rollup().includedSegmentCount())
        .column("excluded_duplicate_session_segment_count",
            r -> r.rollup().segmentCount() - r.rollup().includedSegmentCount())
        .column("observed_event_sum_tokens", r -> r.rollup().observedEventSumTokens())
        .column("final_session_total_tokens", r -> r.rollup().finalSessionTotalTokens())
        .column("final_thread_total_tokens", r -> r.rollup().finalThreadTotalTokens())
        .column("cumulative_delta_tokens", r -> r.rollup().delta().totalTokens())
        .column("delta_input_tokens", r -> r.rollup().delta().inputTokens())
        .column("delta_cached_input_tokens", r -> r.rollup().delta().cachedInputTokens())
        .column("delta_output_tokens", r -> r.rollup().delta().outputTokens())
        .column("delta_reasoning_output_tokens", r -> r.rollup().delta().reasoningOutputTokens())
        .column("unique_last_per_thread_turn_tokens", r -> r.rollup().uniqueLastPerThreadTurnTokens())
        .column("unique_last_per_session_turn_tokens", ThreadRollupRow::uniqueLastPerSessionTurnTokens)
        .column("unique_last_per_turn_tokens", ThreadRollupRow::uniqueLastPerSessionTurnTokens)
        .column("deduped_turn_tokens", ThreadRollupRow::dedupedTurnTokens)
        .column("repeated_last_usage_count", ThreadRollupRow::repeatedLastUsageCount)
        .column("repeated_cumulative_count", ThreadRollupRow::repeatedCumulativeCount)
        .column("cumulative_reset_count", r -> r.rollup().cumulativeResetCount())
        .column("missing_turn_id_count", ThreadRollupRow::missingTurnIdCount)
        .column("inflation_factor_current_vs_max_cumulative",
            r -> Cells.ratio(ratio(r.rollup().observedEventSumTokens(), r.rollup().finalThreadTotalTokens())))
        .column("inflation_factor_current_vs_delta",
            r -> Cells.ratio(ratio(r.rollup().observedEventSumTokens(), r.rollup().delta().totalTokens())))
        .column("cache_ratio", r -> Cells.ratio(cacheRatio(r.rollup().delta())))
        .column("cost_usd", r -> Cells.amount(r.priced().usd()))
        .column("cost_basis", r -> Cells.basis(r.priced().usd()))
        .column("unpriced_tokens", r -> r.priced().usd().unpricedTokens())
        .column("credits", r -> Cells.amount(r.priced().credits()))
        .column("credits_basis", r -> Cells.basis(r.priced().credits()))
        .column("warning_flags", r -> Cells.flags(r.rollup().warnings(), w -> w.label()))
        .column("attribution_method", r -> method(r.attribution()))
        .column("attribution_evidence", r -> evidence(r.attribution()))
        .build();
  }

  /** {@return the schema of {@code data/rollout_files.tsv}: one row per rollout file read, with its accounting basis}. */
  public static TsvTable<RolloutSegment> rolloutFiles() {
    return rolloutFiles(Privacy.NORMAL);
  }

  /** {@return the rollout files' schema, their paths as {@code privacy} shows them}. */
  public static TsvTable<RolloutSegment> rolloutFiles(Privacy privacy) {
    return TsvTable.<RolloutSegment>builder("rollout_files.tsv")
        .column("session_segment_id", r -> r.segment().segmentId())
        .column("thread_id", r -> r.segment().threadId())
        .column("source_path", r -> privacy.sourcePath(r.segment().sourcePath(), r.segment().relativePath()))
        .column("relative_path", r -> r.segment().relativePath())
        .column("location", r -> r.segment().location().label())
        .column("compressed", r -> r.segment().compressed())
        .column("byte_count", r -> r.segment().byteCount())
        .column("line_count", r -> r.segment().lineCount())
        .column("accounting_basis", r -> r.segment().basis().label())
        .column("token_row_count", r -> r.events().size())
        .column("response_item_lines", r -> r.segment().lineKinds().get("response_item"))
        .column("turn_count", r -> r.segment().turnCount())
        .column("compaction_count", r -> r.segment().compactionCount())
        .column("session_meta_count", r -> r.segment().sessionMetaCount())
        .column("started_at", r -> Cells.instant(r.segment().startedAt()))
        .column("originator", r -> r.segment().originator())
        .column("cli_version", r -> r.segment().cliVersion())
        .column("source", r -> r.segment().source())
        .column("forked_from_id", r -> r.segment().forkedFromId())
        .column("parent_thread_id", r -> r.segment().parentThreadId())
        .column("issue_count", r -> r.diagnostics().total())
        .column("issues", r -> issues(r.diagnostics()))
        .build();
  }

  /** {@return the schema of {@code data/token_accounting_reconciliation.tsv}}. */
  public static TsvTable<ReconciliationRow> tokenAccountingReconciliation() {
    return TsvTable.<ReconciliationRow>builder("token_accounting_reconciliation.tsv")
        .column("grain", r -> r.grain().label())
        .column("group_key", ReconciliationRow::key)
        .column("period_start", r -> Cells.instant(r.periodStart()))
        .column("period_end", r -> Cells.instant(r.periodEnd()))
        .column("thread_id", ReconciliationRow::threadId)
        .column("token_event_count", ReconciliationRow::tokenEventCount)
        .column("observed_event_sum_tokens", ReconciliationRow::observedEventSumTokens)
        .column("cumulative_delta_tokens", ReconciliationRow::cumulativeDeltaTokens)
        .column("delta_input_tokens", ReconciliationRow::deltaInputTokens)
        .column("delta_cached_input_tokens", ReconciliationRow::deltaCachedInputTokens)
        .column("delta_output_tokens", ReconciliationRow::deltaOutputTokens)
        .column("delta_reasoning_output_tokens", ReconciliationRow::deltaReasoningOutputTokens)
        .column("unique_last_per_thread_turn_tokens", ReconciliationRow::uniqueLastPerThreadTurnTokens)
        .column("unique_last_per_session_turn_tokens", ReconciliationRow::uniqueLastPerSessionTurnTokens)
        .column("unique_last_per_turn_tokens", ReconciliationRow::uniqueLastPerTurnTokens)
        .column("deduped_turn_tokens", ReconciliationRow::dedupedTurnTokens)
        .column("final_session_total_tokens", ReconciliationRow::finalSessionTotalTokens)
        .column("final_thread_total_tokens", ReconciliationRow::finalThreadTotalTokens)
        .column("cumulative_reset_count", ReconciliationRow::cumulativeResetCount)
        .column("inflation_factor_current_vs_max_cumulative", r -> Cells.ratio(r.inflationFactorCurrentVsMaxCumulative()))
        .column("inflation_factor_current_vs_delta", r -> Cells.ratio(r.inflationFactorCurrentVsDelta()))
        .column("warning_flags", r -> Cells.flags(r.warnings(), w -> w.label()))
        .build();
  }

  static String repo(Attribution a) {
    return a == null ? null : a.githubSlug();
  }

  static String workstream(Attribution a) {
    return a == null ? null : a.workstreamLabel();
  }

  static String outcome(Attribution a) {
    return a == null ? null : a.outcome().label();
  }

  static String confidence(Attribution a) {
    return a == null ? null : a.confidence().label();
  }

  static String method(Attribution a) {
    return a == null ? null : a.method();
  }

  static String evidence(Attribution a) {
    return a == null ? null : a.evidence();
  }

  private static String issues(ParseDiagnostics d) {
    if (d.isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    d.counts().forEach((k, n) -> b.append(b.length() == 0 ? "" : ";").append(k.label()).append('=').append(n)
        .append("@lines:").append(d.sampleLines().getOrDefault(k, java.util.List.of())
            .toString().replace(" ", "").replace("[", "").replace("]", "")));
    return b.toString();
  }

  private static Long est(SessionRow r, java.util.function.ToLongFunction<TurnEstimate> f) {
    return r.estimate() == null ? null : f.applyAsLong(r.estimate());
  }

  private static Double ratio(long numerator, long denominator) {
    return denominator == 0 ? null : (double) numerator / denominator;
  }

  private static void usage(TsvTable.Builder<RawRow> t, String prefix, Function<RawRow, TokenUsage> u) {
    t.column(prefix + "input_tokens", r -> field(u.apply(r), TokenUsage::inputTokens))
        .column(prefix + "cached_input_tokens", r -> field(u.apply(r), TokenUsage::cachedInputTokens))
        .column(prefix + "output_tokens", r -> field(u.apply(r), TokenUsage::outputTokens))
        .column(prefix + "reasoning_output_tokens", r -> field(u.apply(r), TokenUsage::reasoningOutputTokens))
        .column(prefix + "total_tokens", r -> field(u.apply(r), TokenUsage::totalTokens))
        .column(prefix + "cache_write_input_tokens", r -> field(u.apply(r), TokenUsage::cacheWriteInputTokens));
  }

  private static Long field(TokenUsage usage, java.util.function.ToLongFunction<TokenUsage> f) {
    return usage == null ? null : f.applyAsLong(usage);
  }

  private static Object window(RawRow r, boolean primary, Function<RateLimitWindow, Object> f) {
    RateLimitSnapshot s = r.event().rateLimits();
    RateLimitWindow w = s == null ? null : (primary ? s.primary() : s.secondary());
    return w == null ? null : f.apply(w);
  }

  private static Object limits(RawRow r, Function<RateLimitSnapshot, Object> f) {
    RateLimitSnapshot s = r.event().rateLimits();
    return s == null ? null : f.apply(s);
  }

  /**
   * {@return a call's input over its model's context window, or {@code null} without a window or a
   * delta}: how full the context was for that request.
   */
  static Double contextUse(EventAccounting e) {
    Long w = e.event().modelContextWindow();
    long input = e.delta().inputTokens();
    return w == null || w <= 0 || input == 0 ? null : (double) input / w;
  }

  /** {@return cached over input, or {@code null} when there is no input}. */
  static Double cacheRatio(dev.wlat.model.TokenUsage u) {
    return u.inputTokens() == 0 ? null : (double) u.cachedInputTokens() / u.inputTokens();
  }

  /**
   * {@return a rollout path's place in the Codex home}: from its {@code sessions/} or {@code
   * archived_sessions/} folder on, or {@code null} when it has neither.
   */
  static String pathInHome(String path) {
    if (path == null) {
      return null;
    }
    String p = path.replace('\\', '/');
    int a = p.lastIndexOf("/archived_sessions/");
    int s = p.lastIndexOf("/sessions/");
    int at = Math.max(a, s);
    if (at >= 0) {
      return p.substring(at + 1);
    }
    return p.startsWith("sessions/") || p.startsWith("archived_sessions/") ? p : null;
  }
}
