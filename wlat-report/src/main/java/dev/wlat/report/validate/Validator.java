package dev.wlat.report.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/*
 * The checks, in the order they run and are reported:
 *
 *   no_csv               no *.csv file anywhere under the output root (wlat writes TSV only)
 *   secrets              no Redaction rule matches a line of any text file under the root
 *                        (SecretScan; e-mail addresses too, git@host remotes aside)
 *   compatibility_copy   codex_token_events.tsv is byte-identical to raw_token_events.tsv (CopyCheck)
 *   event_ids            raw_token_events.tsv and token_event_accounting.tsv hold the same rows:
 *                        the same count, the same event ids, none repeated (EventPass)
 *   event_deltas         each accounting row follows from its raw row (EventPass)
 *   reconciliation       Σ session = Σ thread = Σ day = Σ week = Σ month = total = Σ accounting,
 *                        and each group row equals its rows (ReconciliationCheck)
 *   session_totals       final_session_total_tokens against cumulative_delta_tokens per session
 *                        (SessionTotalsCheck)
 *   link_allocation      Σ allocated_tokens per linked thread = its in-window tokens
 *   outcome_rollups      Σ repo_workstream_outcome_rollups = total
 *   confidence_summary   Σ attribution_confidence_summary = total (AttributionChecks)
 *   cost                 cost_usd, credits and unpriced_tokens agree: thread = Σ sessions = Σ its
 *                        token rows (CostCheck)
 *   raw_paths            redacted and strict modes only: no absolute local path in a text output
 *                        (PathScan; state/ and config/ aside)
 *
 * A check whose input files are all absent is skipped with the reason; one whose inputs are partly
 * there fails naming the missing file, since wlat always writes them together. Every file is read
 * as a stream; only the reconciliation, the session rollups and the rows on which the raw and
 * accounting files disagree are held in memory.
 */

/** Validates an output root: no CSV, no secrets, and the accounting invariants on its data TSVs. */
public final class Validator {

  /** The checks, in order. */
  public static final List<String> CHECKS = List.of("no_csv", SecretScan.CHECK, CopyCheck.CHECK, EventPass.IDS,
      EventPass.DELTAS, ReconciliationCheck.CHECK, SessionTotalsCheck.CHECK, AttributionChecks.LINKS,
      AttributionChecks.ROLLUPS, AttributionChecks.CONFIDENCE, CostCheck.CHECK, PathScan.CHECK);

  private final PrivacyMode mode;

  private Validator(PrivacyMode mode) {
    this.mode = Objects.requireNonNull(mode, "mode");
  }

  /** {@return a validator scanning for private data as {@code mode} says}. */
  public static Validator create(PrivacyMode mode) {
    return new Validator(mode);
  }

  /** {@return true when {@code outputRoot/data} holds at least one {@code .tsv} file}. */
  public static boolean hasData(Path outputRoot) {
    Path data = outputRoot.resolve("data");
    if (!Files.isDirectory(data)) {
      return false;
    }
    try (Stream<Path> s = Files.list(data)) {
      return s.anyMatch(p -> p.getFileName().toString().endsWith(".tsv") && Files.isRegularFile(p));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + data + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@return the result of every check on {@code outputRoot}}; when it holds no data
   * ({@link #hasData}), the report says so and holds no checks. Reads only; writes nothing.
   *
   * @throws UncheckedIOException when a file cannot be read
   */
  public ValidationReport validate(Path outputRoot) {
    long t0 = System.nanoTime();
    Path root = outputRoot;
    if (!hasData(root)) {
      return new ValidationReport(root, mode, false, List.of(), 0, 0, List.of(), 0);
    }
    List<String> files = files(root);
    // the secrets scan reads every file, the data checks the data files: run them side by side
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "wlat-validate-secrets");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<SecretScan.Result> secrets = pool.submit(() -> SecretScan.scan(root, files, mode));
      List<CheckResult> data = dataChecks(root);
      SecretScan.Result scanned = join(secrets);
      List<CheckResult> checks = new ArrayList<>();
      checks.add(noCsv(root, files));
      checks.add(scanned.check());
      checks.addAll(data);
      checks.add(PathScan.run(root, files, mode));
      return new ValidationReport(root, mode, true, checks, scanned.textFiles(), scanned.lines(),
          scanned.unscannable(), System.nanoTime() - t0);
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<CheckResult> dataChecks(Path root) {
    List<CheckResult> checks = new ArrayList<>();
    checks.add(CopyCheck.run(root));

    boolean hasRec = Files.isRegularFile(root.resolve(DataFiles.RECONCILIATION));
    Findings recStructure = new Findings(ReconciliationCheck.CHECK);
    ReconciliationFile rec = hasRec ? ReconciliationFile.read(root, recStructure) : null;
    EventPass events = EventPass.run(root, rec);
    checks.add(eventIds(events));
    checks.add(eventDeltas(events));
    checks.add(hasRec ? ReconciliationCheck.run(rec, recStructure, events)
        : CheckResult.skipped(ReconciliationCheck.CHECK, "no " + DataFiles.RECONCILIATION));
    checks.add(Files.isRegularFile(root.resolve(DataFiles.SESSIONS)) ? SessionTotalsCheck.run(root)
        : CheckResult.skipped(SessionTotalsCheck.CHECK, "no " + DataFiles.SESSIONS));
    AttributionChecks attribution = new AttributionChecks(root, rec, events);
    checks.add(attribution.links());
    checks.add(attribution.rollups());
    checks.add(attribution.confidence());
    checks.add(CostCheck.run(root));
    return checks;
  }

  private static <T> T join(Future<T> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while scanning for secrets", e);
    }
  }

  private static CheckResult noCsv(Path root, List<String> files) {
    Findings f = new Findings("no_csv");
    for (String file : files) {
      if (file.toLowerCase(Locale.ROOT).endsWith(".csv")) {
        f.add(file, 0, "a CSV file; wlat writes TSV only");
      }
    }
    return f.result("no CSV files under " + root);
  }

  private static CheckResult eventIds(EventPass e) {
    if (!e.rawRead && !e.accountingRead) {
      return CheckResult.skipped(EventPass.IDS, "no " + DataFiles.RAW + " and no " + DataFiles.ACCOUNTING);
    }
    if (!e.rawRead || !e.accountingRead) {
      Findings f = new Findings(EventPass.IDS);
      f.add(e.rawRead ? DataFiles.ACCOUNTING : DataFiles.RAW, 0, "missing, though "
          + (e.rawRead ? DataFiles.RAW : DataFiles.ACCOUNTING) + " exists");
      return f.result("");
    }
    return e.ids.result(String.format(Locale.ROOT, "%s and %s hold the same %,d event ids, none repeated",
        DataFiles.RAW, DataFiles.ACCOUNTING, e.rawRows));
  }

  private static CheckResult eventDeltas(EventPass e) {
    if (!e.rawRead || !e.accountingRead) {
      return e.deltas.isEmpty()
          ? CheckResult.skipped(EventPass.DELTAS, "needs both " + DataFiles.RAW + " and " + DataFiles.ACCOUNTING)
          : e.deltas.result("");
    }
    return e.deltas.result(String.format(Locale.ROOT,
        "each of %,d accounting rows follows from its raw row (delta = cumulative total − previous total,"
            + " or the whole total after a reset; zero where not counted)", e.pairs));
  }

  /**
   * {@return every regular file and symbolic link under {@code root}, relative with {@code /},
   * sorted}; links are listed, not followed (the scan notes them), so nothing outside the root is read.
   */
  private static List<String> files(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
    }
  }
}
