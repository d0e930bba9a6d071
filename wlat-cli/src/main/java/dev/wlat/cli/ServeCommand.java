package dev.wlat.cli;

import dev.wlat.accounting.pricing.Pricing;
import dev.wlat.cli.job.LiveUsage;
import dev.wlat.cli.job.UsageJob;
import dev.wlat.cli.serve.UsageServer;
import dev.wlat.ingest.CodexHome;
import dev.wlat.ingest.IngestException;
import dev.wlat.model.Privacy;
import dev.wlat.model.TimeWindow;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wlat serve}: the dashboard and its API on 127.0.0.1 only, a random token on every API call,
 * Host and Origin checked; a refresh reads only what was appended to the Codex home.
 */
@Command(name = "serve", description = "Serve the dashboard on 127.0.0.1 (page at /, JSON API with a per-server token:"
    + " /api/dashboard, /api/usage, /api/context, POST /api/refresh; /health) until Ctrl-C.")
final class ServeCommand implements Callable<Integer> {

  @Mixin HelpOption help;
  @Spec CommandSpec spec;
  @Mixin UsageSource source;
  @Mixin PrivacyOption privacy;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8765", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0: any free one).")
  int port;

  @Option(names = "--open", description = "Open the dashboard in the browser ($BROWSER, else xdg-open or open).")
  boolean open;

  @Option(names = "--no-context-api", negatable = false,
      description = "Turn off /api/context (what the log lines around one call hold, as counts and estimates).")
  boolean noContextApi;

  @Option(names = "--thresholds", paramLabel = "FILE",
      description = "Insight thresholds TSV (default <output-root>/config/thresholds.tsv when it exists, else built in).")
  Path thresholds;

  @Option(names = "--browser", paramLabel = "CMD", hidden = true, description = "The browser command for --open (tests).")
  String browser;

  @Option(names = "--for", paramLabel = "SECONDS", hidden = true, description = "Stop after this many seconds (tests).")
  Integer stopAfter;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw WlatException.invalidInput("--port must be 0..65535, was " + port);
    }
    Privacy p = privacy.privacy();
    TimeWindow window = source.window();
    Pricing prices = source.prices();
    boolean contextApi = !noContextApi;
    UsageServer.Dashboard data = DashboardCommand.json(source, prices,
        ThresholdArgs.load(thresholds, source.outputRoot), p, window, contextApi);
    UsageServer.Backend backend = backend(window, data, p); // a bad home or output root fails here, before the server starts
    UsageServer server;
    try {
      server = UsageServer.start(port, backend, prices, contextApi);
    } catch (IOException e) {
      throw new WlatException(ExitCodes.UNEXPECTED_STATE, "serve: cannot listen on 127.0.0.1:" + port + ": "
          + e.getMessage(), e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close)); // before the link: Ctrl-C any time after is clean
    String url = "http://127.0.0.1:" + server.port() + "/#token=" + server.token();
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "wlat serve: dashboard at %s%n  API calls need the token %s (header Authorization: Bearer"
        + " <token>, or ?token=); context API %s; Ctrl-C stops%n", url, server.token(), contextApi ? "on" : "off");
    out.flush();
    if (open) {
      String problem = openBrowser(url);
      if (problem != null) {
        spec.commandLine().getErr().println("wlat: warning: --open: " + problem + "; open the link above by hand");
      }
    }
    if (stopAfter != null) {
      Thread.sleep(stopAfter * 1000L);
      server.close();
    } else {
      Thread.currentThread().join(); // until Ctrl-C
    }
    return ExitCodes.OK;
  }

  private UsageServer.Backend backend(TimeWindow window, UsageServer.Dashboard data, Privacy p) {
    if (source.outputRoot != null || source.provider().equals(UsageJob.CLAUDE)) {
      return UsageServer.Backend.rereading(() -> source.read(window, true), data, p);
    }
    int threads = source.threads != null ? source.threads : Runtime.getRuntime().availableProcessors();
    LiveUsage live;
    try {
      live = LiveUsage.open(source.codexHome != null ? source.codexHome : CodexHome.defaultLocation(), window,
          Math.max(1, threads), Instant.now());
    } catch (IngestException e) {
      throw WlatException.invalidInput(e.getMessage());
    }
    // Codex: only what was appended is read again; Claude Code's logs (when asked for) are read whole
    AtomicReference<UsageJob.Result> rows = new AtomicReference<>(source.withClaude(live.result(), window));
    return new UsageServer.Backend(rows::get, () -> {
      LiveUsage.Refresh r = live.refresh(Instant.now());
      UsageJob.Result now = source.withClaude(live.result(), window);
      rows.set(now);
      return new UsageServer.Refreshed(now.rows().size(), r.filesRead(), r.bytesRead());
    }, data, p);
  }

  /** {@return why the browser could not be started, or {@code null} when it was}. */
  private String openBrowser(String url) {
    List<String> command = new ArrayList<>();
    String b = browser != null ? browser : System.getenv("BROWSER");
    if (b != null && !b.isBlank()) {
      command.addAll(List.of(b.trim().split("\\s+")));
    } else if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")) {
      command.add("open");
    } else if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")) {
      command.addAll(List.of("rundll32", "url.dll,FileProtocolHandler"));
    } else {
      command.add("xdg-open");
    }
    command.add(url);
    try {
      new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return null;
    } catch (IOException e) {
      return "cannot start " + command.get(0) + " (" + e.getMessage() + ")";
    }
  }
}
