package dev.wlat.cli.job;

import java.nio.file.Path;
import java.util.List;

/**
 * What a backfill run did, for the command's summary line.
 *
 * @param runId the run id (UTC timestamp)
 * @param filesRead rollout files parsed
 * @param bytesRead bytes parsed
 * @param tokenEvents raw token rows in the window
 * @param threads threads written
 * @param observedEventSumTokens Σ last usage over raw rows in the window (diagnostic)
 * @param cumulativeDeltaTokens Σ cumulative deltas in the window (the basis of every period number)
 * @param parseIssues bad or unexpected lines counted
 * @param ledger the run ledger's path
 * @param notes things the user should know (steps not available yet, skipped inputs)
 * @param issueSummary one line per kind of bad input: count and first places (file:line)
 * @param outcomes the headline figures of attribution
 * @param outcomeLinks links written to {@code token_outcome_links.tsv}
 * @param seconds wall time
 * @param bytesParsed bytes parsed this run: all of {@code bytesRead} for a backfill, only the new
 *     bytes for an incremental run
 * @param groupsKept thread groups whose rows an incremental run kept (0 for a backfill)
 * @param groupsRecomputed thread groups whose rows were made this run
 */
public record BackfillResult(
    String runId,
    long filesRead,
    long bytesRead,
    long tokenEvents,
    long threads,
    long observedEventSumTokens,
    long cumulativeDeltaTokens,
    long parseIssues,
    Path ledger,
    List<String> notes,
    List<String> issueSummary,
    dev.wlat.model.OutcomeHeadline outcomes,
    long outcomeLinks,
    double seconds,
    long bytesParsed,
    long groupsKept,
    long groupsRecomputed) {}
