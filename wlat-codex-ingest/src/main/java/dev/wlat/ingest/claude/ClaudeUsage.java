package dev.wlat.ingest.claude;

import dev.wlat.ingest.IngestException;
import dev.wlat.model.IssueKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Claude Code's usage: every call of its session logs once, with the counts of what was left out.
 *
 * <p>Claude Code writes one line per content block of an assistant message, each repeating the
 * message's usage (the last one usually with the final output count), and a resumed session
 * repeats earlier messages in its new file. Calls are therefore deduplicated by
 * {@link ClaudeCall#id()} over all files, keeping the one with the most total tokens (of equal
 * ones, the earliest, then the first by file and line, so that the result does not depend on the
 * order files are read in).
 *
 * <p>Files are parsed in parallel, each streamed (see {@link ClaudeHome} for where they are). A
 * window start {@code since} leaves out the files last modified before it, unopened, and, after
 * deduplication, the calls before it.
 */
public final class ClaudeUsage {

  /** Of two lines of one call, the one kept sorts first: most tokens, then earliest, then by place. */
  private static final Comparator<ClaudeCall> KEPT_FIRST = Comparator
      .comparingLong((ClaudeCall c) -> c.usage().totalTokens()).reversed()
      .thenComparing(ClaudeCall::at)
      .thenComparing(ClaudeCall::file)
      .thenComparingLong(ClaudeCall::line);

  private static final Comparator<ClaudeCall> BY_TIME = Comparator.comparing(ClaudeCall::at)
      .thenComparing(ClaudeCall::id);

  private ClaudeUsage() {}

  /**
   * {@return the calls of {@code home}'s logs}.
   *
   * @param home the Claude Code logs
   * @param sinceOrNull the window start, or {@code null} for all of the history
   * @param threads how many files to parse at once, at least 1
   * @throws IllegalArgumentException if {@code threads} is below 1
   */
  public static ClaudeLog read(ClaudeHome home, Instant sinceOrNull, int threads) {
    Objects.requireNonNull(home, "home");
    return read(List.of(home), sinceOrNull, threads);
  }

  /**
   * {@return the calls of the logs of all of {@code homes}, deduplicated across them}: for a
   * machine with logs in more than one of {@link ClaudeHome#defaultLocations}. A file under two of
   * them is read once.
   *
   * @throws IllegalArgumentException if {@code threads} is below 1
   */
  public static ClaudeLog read(List<ClaudeHome> homes, Instant sinceOrNull, int threads) {
    return read(homes, sinceOrNull, threads, ClaudeFileParser.DEFAULT_MAX_LINE_BYTES);
  }

  static ClaudeLog read(List<ClaudeHome> homes, Instant sinceOrNull, int threads, int maxLineBytes) {
    Objects.requireNonNull(homes, "homes");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was [" + threads + "]");
    }
    Set<Path> all = new LinkedHashSet<>();
    for (ClaudeHome h : homes) {
      all.addAll(h.files());
    }
    List<Path> files = new ArrayList<>(all.size());
    int skipped = 0;
    for (Path f : all) {
      if (sinceOrNull != null && modifiedBefore(f, sinceOrNull)) {
        skipped++;
      } else {
        files.add(f);
      }
    }
    return merge(parseAll(files, threads, maxLineBytes), skipped, sinceOrNull);
  }

  /** {@return the one of {@code a} and {@code b} (two lines of one call) that is kept}. */
  static ClaudeCall keep(ClaudeCall a, ClaudeCall b) {
    return KEPT_FIRST.compare(a, b) <= 0 ? a : b;
  }

  /** A file whose time cannot be read is read all the same: reading it reports the trouble. */
  private static boolean modifiedBefore(Path file, Instant since) {
    try {
      return Files.getLastModifiedTime(file).toInstant().isBefore(since);
    } catch (IOException e) {
      return false;
    }
  }

  private static List<ClaudeFileParser.FileResult> parseAll(List<Path> files, int threads, int maxLineBytes) {
    List<ClaudeFileParser.FileResult> results = new ArrayList<>(files.size());
    int workers = Math.min(threads, files.size());
    if (workers <= 1) {
      for (Path f : files) {
        results.add(ClaudeFileParser.parse(f, maxLineBytes));
      }
      return results;
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "wlat-claude-parse-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<ClaudeFileParser.FileResult>> futures = new ArrayList<>(files.size());
      for (Path f : files) {
        futures.add(pool.submit(() -> ClaudeFileParser.parse(f, maxLineBytes)));
      }
      for (Future<ClaudeFileParser.FileResult> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw IngestException.of("interrupted while reading Claude Code logs", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Sums the files' counts and deduplicates their calls, in file order (the result does not depend on it). */
  private static ClaudeLog merge(List<ClaudeFileParser.FileResult> results, int skipped, Instant since) {
    Map<String, ClaudeCall> best = new HashMap<>();
    EnumMap<IssueKind, Long> counts = new EnumMap<>(IssueKind.class);
    List<ClaudeLog.Issue> issues = new ArrayList<>();
    long lines = 0;
    long usageLines = 0;
    long zero = 0;
    long nonZero = 0;
    for (ClaudeFileParser.FileResult r : results) {
      lines += r.linesRead();
      usageLines += r.usageLines();
      zero += r.zeroUsageLines();
      nonZero += r.nonZeroUsageLines();
      r.issueCounts().forEach((k, v) -> counts.merge(k, v, Long::sum));
      for (ClaudeLog.Issue i : r.issues()) {
        if (issues.size() < ClaudeLog.MAX_ISSUES) {
          issues.add(i);
        }
      }
      for (ClaudeCall c : r.calls().values()) {
        best.merge(c.id(), c, ClaudeUsage::keep);
      }
    }
    List<ClaudeCall> calls = new ArrayList<>(best.size());
    long before = 0;
    for (ClaudeCall c : best.values()) {
      if (since != null && c.at().isBefore(since)) {
        before++;
      } else {
        calls.add(c);
      }
    }
    calls.sort(BY_TIME);
    return new ClaudeLog(calls, results.size(), skipped, lines, usageLines, zero, nonZero - best.size(), before,
        counts, issues);
  }
}
