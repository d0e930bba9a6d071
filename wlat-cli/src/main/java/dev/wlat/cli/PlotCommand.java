package dev.wlat.cli;

import dev.wlat.cli.job.BackfillJob;
import dev.wlat.cli.job.RunIds;
import dev.wlat.ingest.CodexHome;
import dev.wlat.report.ReportWindow;
import dev.wlat.report.RunLedger;
import dev.wlat.report.RunLog;
import dev.wlat.report.plot.Entitlements;
import dev.wlat.report.plot.PlotData;
import dev.wlat.report.plot.PlotException;
import dev.wlat.report.plot.Plots;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wlat plot}: draws a window of the data facts as five self-contained HTML plots. */
@Command(name = "plot", sortOptions = false,
    description = "Draw a window of the data facts (written by backfill) as five self-contained HTML plots"
        + " under plots/, with a run ledger.")
final class PlotCommand implements Callable<Integer>, RunLogged {

  @Mixin HelpOption help;
  @Mixin PrivacyOption privacy;

  @Spec CommandSpec spec;

  @Option(names = "--window", paramLabel = "WINDOW", defaultValue = "30d",
      description = "all, or a length ending at --as-of: 30d, 12h, 90m, 2w (default: ${DEFAULT-VALUE}).")
  String window;

  @Option(names = "--output-root", paramLabel = "DIR",
      description = "Where data/ is read and plots/ and runs/ are written"
          + " (default: <codex-home>/docs/codex-github-outcomes, the Codex home being $CODEX_HOME, else ~/.codex).")
  Path outputRoot;

  @Option(names = "--entitlements", paramLabel = "FILE",
      description = "TSV of entitlement periods (window_start window_end base_subscription_usd"
          + " base_subscription_tokens purchased_usd purchased_tokens source confidence evidence_path):"
          + " draws base and base + purchased tokens on the burn-up plot.")
  Path entitlements;

  @Option(names = "--as-of", paramLabel = "INSTANT",
      description = "The instant the window ends at: 2026-10-13T00:00:00Z, or a date (its start in --timezone)"
          + " (default: now).")
  String asOf;

  @Option(names = "--timezone", paramLabel = "ZONE", defaultValue = "UTC",
      description = "IANA zone of the plots' days and time labels (default: ${DEFAULT-VALUE}).")
  String timezone;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
  boolean quiet;

  private final RunLogged.Trace trace = RunLogged.Trace.of("plot");

  @Override
  public RunLogged.Trace runTrace() {
    return trace;
  }

  @Override
  public Integer call() {
    Instant now = Instant.now();
    trace.started(now);
    long t0 = System.nanoTime();
    ZoneId zone = TimeArgs.zone(timezone);
    ReportWindow w;
    try {
      w = ReportWindow.parse(window, TimeArgs.asOf(asOf, zone, now), zone);
    } catch (IllegalArgumentException e) {
      throw WlatException.invalidInput("--window: " + e.getMessage());
    }
    Path outRoot = outputRoot != null ? outputRoot
        : CodexHome.defaultLocation().resolve("docs").resolve("codex-github-outcomes");
    trace.root(outRoot);
    trace.privacy(privacy.privacy());
    Entitlements ent;
    PlotData data;
    try {
      ent = entitlements == null ? Entitlements.NONE : Entitlements.parse(entitlements, zone);
      data = PlotData.load(outRoot.resolve("data"), w, zone);
    } catch (PlotException e) {
      throw WlatException.invalidInput(e.getMessage());
    } catch (UncheckedIOException e) {
      throw WlatException.invalidInput(e.getMessage());
    }
    String runId = RunIds.free(outRoot, now);
    List<Plots.Written> written;
    Path ledger;
    try {
      written = Plots.write(outRoot, runId, Plots.render(data, ent, runId));
      double seconds = (System.nanoTime() - t0) / 1e9;
      ledger = ledger(runId, outRoot, w, zone, data, ent, written, seconds).writeTo(outRoot, privacy.filter(outRoot));
      RunLog.append(outRoot, new RunLog.Entry(runId, "plot", now, seconds, ExitCodes.OK,
          "runs/" + ledger.getFileName(), String.format(Locale.ROOT,
              "%d plots, window %s, %,d token rows with usage, %,d threads, cumulative_delta_tokens %,d",
              written.size(), w.label(), data.tokenRows(), data.threadCount(), data.totalTokens())));
    } catch (UncheckedIOException e) {
      throw new WlatException(ExitCodes.UNEXPECTED_STATE, e.getMessage(), e);
    }
    if (!quiet) {
      PrintWriter out = spec.commandLine().getOut();
      out.printf(Locale.ROOT, "wlat plot: %d plots of window %s (%s): %s%n", written.size(), w.label(), span(data),
          data.isEmpty() ? "no usage in this window"
              : String.format(Locale.ROOT, "cumulative_delta_tokens %,d in %,d threads, %,d token rows",
                  data.totalTokens(), data.threadCount(), data.tokenRows()));
      for (Plots.Written p : written) {
        out.println("  " + p.latest());
      }
      out.println("  kept as " + outRoot.resolve("plots").resolve(runId + "_" + w.label() + "_*.html"));
      out.println("  ledger: " + ledger);
    }
    return ExitCodes.OK;
  }


  private static String span(PlotData d) {
    return d.from().atZone(d.zone()).toLocalDateTime().toString().replace('T', ' ') + " – "
        + d.to().atZone(d.zone()).toLocalDateTime().toString().replace('T', ' ') + " " + d.zone().getId();
  }

  private RunLedger ledger(String runId, Path outRoot, ReportWindow w, ZoneId zone, PlotData data,
      Entitlements ent, List<Plots.Written> written, double seconds) {
    RunLedger l = RunLedger.create(runId, "wlat plot run " + runId);
    l.section("Command").code(commandLine());
    List<String[]> params = RunLedger.rows();
    params.add(new String[] {"output root", outRoot.toString()});
    params.add(new String[] {"window", w.label() + " (" + (w.window().since() == null ? "open" : w.window().since())
        + " to " + w.asOf() + ", end exclusive)"});
    params.add(new String[] {"as of", w.asOf().toString() + (asOf == null ? " (the run's clock)" : " (--as-of)")});
    params.add(new String[] {"day boundaries", zone.getId()});
    params.add(new String[] {"entitlements", ent.given() ? ent.source() + " (" + ent.periods().size() + " periods)"
        : "none given"});
    l.keyValues(params);

    l.section("Inputs");
    List<String[]> inputs = RunLedger.rows();
    for (String f : PlotData.FILES) {
      inputs.add(new String[] {"data/" + f, "found"});
    }
    inputs.add(new String[] {"token_event_accounting.tsv rows read", String.format(Locale.ROOT, "%,d", data.rowsRead())});
    inputs.add(new String[] {"rows in the window with usage", String.format(Locale.ROOT, "%,d", data.tokenRows())});
    inputs.add(new String[] {"threads with usage in the window", String.format(Locale.ROOT, "%,d", data.threadCount())});
    inputs.add(new String[] {"cumulative_delta_tokens in the window (every plotted number)",
        String.format(Locale.ROOT, "%,d", data.totalTokens())});
    l.keyValues(inputs);
    if (data.isEmpty()) {
      l.paragraph("No usage in this window: each plot says so.");
    }

    l.section("Outputs");
    List<String[]> outputs = RunLedger.rows();
    for (Plots.Written p : written) {
      outputs.add(new String[] {p.name(), outRoot.relativize(p.latest()).toString(), outRoot.relativize(p.kept()).toString()});
    }
    l.table(List.of("plot", "latest", "kept"), outputs);

    l.section("Timing");
    l.keyValues(new ArrayList<>(List.<String[]>of(new String[] {"total", String.format(Locale.ROOT, "%.2f s", seconds)})));
    return l;
  }

  private String commandLine() {
    List<String> args = spec.commandLine().getParseResult() == null ? List.of()
        : spec.commandLine().getParseResult().originalArgs();
    boolean named = !args.isEmpty() && args.get(0).equals("plot");
    return "wlat " + (named ? "" : "plot ") + String.join(" ", args);
  }
}
