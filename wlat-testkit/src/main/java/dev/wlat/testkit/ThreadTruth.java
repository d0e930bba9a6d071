package dev.wlat.testkit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What is true, by construction, of one Codex thread (one {@code session_meta} id).
 *
 * @param threadId the thread id (UUIDv7, or UUIDv4 for the legacy file)
 * @param kind how the thread came to be
 * @param parentThreadId the forked-from or spawning thread, or {@code null}
 * @param repo the repo's {@code owner/name} or local name, or {@code null} for a session in a
 *     {@link HomeSpec.PlainDir} (in no git repository)
 * @param cwd the working directory
 * @param gitBranch the branch in {@code session_meta.git}, or {@code null} when there is no git
 * @param gitOriginUrl the remote URL, or {@code null}
 * @param originator the {@code session_meta.originator}
 * @param cliVersion the {@code session_meta.cli_version}
 * @param createdAt the {@code session_meta.timestamp}
 * @param updatedAt the timestamp of the thread's last line
 * @param files paths of every file holding the thread, relative to the home; counted ones first
 * @param archived whether the state DB marks it archived
 * @param title the state DB title (a text field wlat must never copy), or {@code null}
 * @param threadName the newest {@code session_index.jsonl} name, or {@code null}
 * @param turns the thread's own turns (replayed parent turns excluded)
 * @param models the models of the thread's own turns, in order of first use
 * @param usage the real new usage: re-emits, replayed parent prefixes and duplicates excluded
 * @param replayedUsage the parent's cumulative total replayed at the start of a child, else zero
 * @param finalCumulativeTotal the last {@code total_token_usage} Codex reported (what the state
 *     DB stores as {@code tokens_used}); includes replayed parent usage for forks
 * @param historyLines lines of {@code history.jsonl} for this thread
 * @param increments the usage increments, in time order; they sum to {@code usage}
 */
public record ThreadTruth(
    String threadId,
    Kind kind,
    String parentThreadId,
    String repo,
    String cwd,
    String gitBranch,
    String gitOriginUrl,
    String originator,
    String cliVersion,
    Instant createdAt,
    Instant updatedAt,
    List<String> files,
    boolean archived,
    String title,
    String threadName,
    int turns,
    List<String> models,
    Usage usage,
    Usage replayedUsage,
    Usage finalCumulativeTotal,
    int historyLines,
    List<UsageIncrement> increments) {

  public ThreadTruth {
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(kind, "kind");
    files = List.copyOf(files);
    models = List.copyOf(models);
    increments = List.copyOf(increments);
    Usage sum = Usage.ZERO;
    for (UsageIncrement i : increments) {
      sum = sum.plus(i.usage());
    }
    if (!sum.equals(usage)) {
      throw new IllegalArgumentException("increments of [%s] sum to %s, not %s".formatted(threadId, sum, usage));
    }
  }

  /** How a thread came to be. */
  public enum Kind {
    /** An ordinary session started by the user (cli, exec, IDE). */
    ROOT,
    /** A {@code codex fork} child (codex 0.144 style, parent history replayed). */
    FORK,
    /** A spawned subagent (codex 0.153 style, parent turns replayed). */
    SUBAGENT,
    /** A pre-2025-09 rollout with no token events. */
    LEGACY
  }

  /** {@return the usage per UTC day}. */
  public SortedMap<LocalDate, Usage> usageByUtcDay() {
    return usageByDay(ZoneOffset.UTC);
  }

  /** {@return the usage per calendar day in {@code zone}}. */
  public SortedMap<LocalDate, Usage> usageByDay(ZoneId zone) {
    TreeMap<LocalDate, Usage> m = new TreeMap<>();
    for (UsageIncrement i : increments) {
      m.merge(LocalDate.ofInstant(i.timestamp(), zone), i.usage(), Usage::plus);
    }
    return m;
  }
}
