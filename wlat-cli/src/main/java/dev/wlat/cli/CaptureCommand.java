package dev.wlat.cli;

import dev.wlat.accounting.pricing.Pricing;
import dev.wlat.cli.job.BackfillJob;
import dev.wlat.ingest.CodexHome;
import dev.wlat.ingest.capture.Capture;
import dev.wlat.ingest.capture.CaptureStream;
import dev.wlat.ingest.capture.CapturedRun;
import dev.wlat.model.Charge;
import dev.wlat.model.TokenUsage;
import dev.wlat.report.AtomicFiles;
import dev.wlat.report.Cells;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wlat capture [--label L] [--tag k=v]… -- codex exec --json …}: runs the command, passes its
 * output through, reads its JSON events on the way, and records the run's usage (actual from its
 * rollout, parsed from the stream, or estimated) as rows of {@code data/capture_runs.tsv}. The
 * command's exit code is wlat's.
 */
@Command(name = "capture", description = "Run a command (codex exec --json …) and record its usage as it ends:"
    + " actual from its rollout, parsed from its stream, or estimated; its output passes through unchanged.")
final class CaptureCommand implements Callable<Integer> {

  /** The columns of {@code data/capture_runs.tsv}. */
  static final List<String> COLUMNS = List.of("capture_id", "row_kind", "turn_index", "label", "tags", "command",
      "started_at", "ended_at", "exit_code", "thread_id", "turn_id", "model", "input_tokens", "cached_input_tokens",
      "output_tokens", "reasoning_output_tokens", "total_tokens", "source", "estimate_method", "cost_usd", "cost_basis");

  @Mixin HelpOption help;
  @Spec CommandSpec spec;

  @Option(names = "--label", paramLabel = "LABEL", description = "What the run is for (builder, reviewer, ci…).")
  String label;

  @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A tag for the run (repeatable).")
  List<String> tags = new ArrayList<>();

  @Option(names = "--codex-home", paramLabel = "DIR", description = "Where the run's rollout is (default: $CODEX_HOME, else ~/.codex).")
  Path codexHome;

  @Option(names = "--output-root", paramLabel = "DIR",
      description = "Where data/capture_runs.tsv goes (default: <codex-home>/docs/codex-github-outcomes).")
  Path outputRoot;

  @Option(names = "--pricing", paramLabel = "FILE", description = "Your own prices (TSV), used before the bundled ones.")
  Path pricing;

  @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "The command and its arguments, after --.")
  List<String> command;

  @Override
  public Integer call() {
    for (String t : tags) {
      if (!t.contains("=") || t.startsWith("=") || t.contains("\t") || t.contains(";")) {
        throw WlatException.invalidInput("--tag must be KEY=VALUE (no tab or ;), was [" + t + "]");
      }
    }
    Path home = codexHome != null ? codexHome : CodexHome.defaultLocation();
    Path root = outputRoot != null ? outputRoot : home.resolve("docs").resolve("codex-github-outcomes");
    Pricing prices = PricingArgs.load(pricing, root);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant start = Instant.now();
    Process child;
    try {
      child = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw WlatException.invalidInput("capture: cannot run [" + command.get(0) + "]: " + e.getMessage());
    }
    CaptureStream stream = CaptureStream.create();
    // Ctrl-C reaches the child from the terminal too: the JVM's shutdown waits for the child to end
    // and for its run to be recorded (at most a while), so an interrupted run still leaves its row
    java.util.concurrent.CountDownLatch recorded = new java.util.concurrent.CountDownLatch(1);
    Thread hook = new Thread(() -> {
      try {
        if (!child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
          child.destroy(); // it ignored the interrupt: ask it to end rather than hang the shell
        }
        recorded.await(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
    });
    Runtime.getRuntime().addShutdownHook(hook);
    int exit;
    try {
      pass(child.getInputStream(), out, stream);
      exit = child.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      child.destroy();
      exit = 130;
    } catch (IOException e) {
      exit = waitQuietly(child);
      err.println("wlat capture: reading the command's output failed: " + e.getMessage());
    }
    try {
      Instant end = Instant.now();
      CapturedRun run = Capture.finish(stream, home, start, end, String.join(" ", command.subList(1, command.size())));
      for (String w : run.warnings()) {
        err.println("wlat capture: " + w);
      }
      if (stream.malformedLines() > 0) {
        err.printf(Locale.ROOT, "wlat capture: %,d line(s) looked like JSON but were not events; passed through, counted%n",
            stream.malformedLines());
      }
      try {
        record(root, rows(run, start, end, exit, prices));
        err.printf(Locale.ROOT, "wlat capture: %s %,d tokens (%s) -> %s%n", run.threadId() == null ? "run" : "thread "
            + run.threadId(), run.usage().totalTokens(), run.source().label(), root.resolve("data/capture_runs.tsv"));
      } catch (RuntimeException e) {
        err.println("wlat capture: could not record the run in " + root + ": " + e.getMessage());
      }
      err.flush();
    } finally {
      recorded.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException ignored) {
        // shutting down already (Ctrl-C): the hook has seen the row recorded
      }
    }
    return exit;
  }

  private static int waitQuietly(Process p) {
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  /** Copies the child's stdout to {@code out} line by line as it comes, feeding each line to {@code stream}. */
  private static void pass(InputStream in, PrintWriter out, CaptureStream stream) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) > 0) {
      int from = 0;
      for (int i = 0; i < n; i++) {
        if (buf[i] == '\n') {
          line.write(buf, from, i - from);
          String text = line.toString(StandardCharsets.UTF_8);
          out.print(text);
          out.print('\n');
          stream.line(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
          line.reset();
          from = i + 1;
        }
      }
      line.write(buf, from, n - from);
      out.flush();
    }
    if (line.size() > 0) {
      String text = line.toString(StandardCharsets.UTF_8);
      out.print(text);
      stream.line(text);
    }
    out.flush();
  }

  private List<String[]> rows(CapturedRun run, Instant start, Instant end, int exit, Pricing prices) {
    String id = BackfillJob.runIdOf(start) + "-" + Long.toHexString(ProcessHandle.current().pid());
    String cmd = Path.of(command.get(0)).getFileName().toString();
    String tagText = String.join(";", tags);
    List<String[]> rows = new ArrayList<>();
    rows.add(row(id, "run", "", cmd, tagText, start, end, exit, run, null, run.usage(), run.source().label(),
        prices.price(run.usage(), run.model(), end).usd()));
    for (CapturedRun.Turn t : run.turns()) {
      rows.add(row(id, "turn", Integer.toString(t.index()), cmd, tagText, start, end, exit, run, t.turnId(), t.usage(),
          t.source().label(), prices.price(t.usage(), run.model(), end).usd()));
    }
    return rows;
  }

  private String[] row(String id, String kind, String turn, String cmd, String tagText, Instant start, Instant end,
      int exit, CapturedRun run, String turnId, TokenUsage u, String source, Charge usd) {
    return new String[] {id, kind, turn, clean(label), clean(tagText), clean(cmd), Cells.instant(start),
        Cells.instant(end), Integer.toString(exit), nz(run.threadId()), nz(turnId), nz(run.model()),
        Long.toString(u.inputTokens()), Long.toString(u.cachedInputTokens()), Long.toString(u.outputTokens()),
        Long.toString(u.reasoningOutputTokens()), Long.toString(u.totalTokens()), source, nz(run.estimateMethod()),
        nz(Cells.amount(usd)), nz(Cells.basis(usd))};
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String clean(String s) {
    return s == null ? "" : dev.wlat.model.Redaction.redact(s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' '));
  }

  /**
   * Appends {@code rows} to {@code data/capture_runs.tsv} atomically: under a lock (two captures
   * may end at once), the file is rewritten whole by temporary file and rename.
   */
  static void record(Path root, List<String[]> rows) {
    Path data = root.resolve("data");
    Path file = data.resolve("capture_runs.tsv");
    try {
      Files.createDirectories(data);
      try (FileChannel lockFile = FileChannel.open(data.resolve(".capture_runs.lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
        StringBuilder b = new StringBuilder();
        if (Files.isRegularFile(file)) {
          String old = Files.readString(file, StandardCharsets.UTF_8);
          if (!old.startsWith(String.join("\t", COLUMNS) + "\n")) {
            throw new IllegalStateException(file + " has another header; move it aside to start a new one");
          }
          b.append(old);
          if (!old.endsWith("\n")) {
            b.append('\n');
          }
        } else {
          b.append(String.join("\t", COLUMNS)).append('\n');
        }
        for (String[] r : rows) {
          b.append(String.join("\t", r)).append('\n');
        }
        AtomicFiles.writeString(file, b.toString());
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
