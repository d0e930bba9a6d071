package dev.wlat.cli;

import dev.wlat.cli.job.WatchJob;
import dev.wlat.ingest.CodexHome;
import dev.wlat.ingest.IngestException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wlat watch}: follows the Codex home live and prints one line per completed turn. */
@Command(name = "watch", description = "Follow the Codex home live (only appended bytes are read) and print one line"
    + " per completed turn: time, workstream, model, tokens, cached %, context use %, cost, limit use.")
final class WatchCommand implements Callable<Integer> {

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

  @Mixin HelpOption help;
  @Spec CommandSpec spec;
  @Mixin PrivacyOption privacy;

  @Option(names = "--codex-home", paramLabel = "DIR", description = "The Codex home (default: $CODEX_HOME, else ~/.codex).")
  Path codexHome;

  @Option(names = "--interval", paramLabel = "TIME", defaultValue = "2s",
      description = "How often to look for new lines: 500ms, 2s, 1m (default: ${DEFAULT-VALUE}).")
  String interval;

  @Option(names = "--timezone", paramLabel = "ZONE", description = "Zone of the printed times (default: this machine's).")
  String timezone;

  @Option(names = "--pricing", paramLabel = "FILE", description = "Your own prices (TSV), used before the bundled ones.")
  Path pricing;

  @Option(names = "--for", paramLabel = "TIME", hidden = true, description = "Stop after this long (for tests).")
  String stopAfter;

  @Override
  public Integer call() {
    Duration every = duration("--interval", interval);
    Duration limit = stopAfter == null ? null : duration("--for", stopAfter);
    ZoneId zone = timezone == null ? ZoneId.systemDefault() : TimeArgs.zone(timezone);
    Path home = codexHome != null ? codexHome : CodexHome.defaultLocation();
    PrintWriter out = spec.commandLine().getOut();
    WatchJob job;
    Instant started = Instant.now();
    try {
      job = WatchJob.start(home, PricingArgs.load(pricing, null), zone, privacy.privacy(), every, started);
    } catch (IngestException e) {
      throw WlatException.invalidInput(e.getMessage());
    }
    int[] turns = {0};
    Thread bye = new Thread(() -> {
      out.printf(Locale.ROOT, "wlat watch: stopped after %,d turns%n", turns[0]);
      out.flush();
    });
    Runtime.getRuntime().addShutdownHook(bye); // before the first line: a Ctrl-C right after it still gets the last
    out.printf(Locale.ROOT, "wlat watch: following %s every %s; one line per completed turn (Ctrl-C to stop)%n",
        privacy.privacy().isNormal() ? home : "<codex-home>", interval);
    out.flush();
    try {
      while (limit == null || Duration.between(started, Instant.now()).compareTo(limit) < 0) {
        Thread.sleep(every.toMillis());
        for (String line : job.tick(Instant.now())) {
          out.println(line);
          turns[0]++;
        }
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(bye);
      } catch (IllegalStateException ignored) {
        // shutting down: the hook prints the last line
      }
    }
    out.printf(Locale.ROOT, "wlat watch: stopped after %,d turns%n", turns[0]);
    out.flush();
    return ExitCodes.OK;
  }

  private static Duration duration(String option, String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      throw WlatException.invalidInput(option + ": [" + text + "] is not a time like 500ms, 2s or 1m");
    }
    long n = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMinutes(n);
    };
    if (d.toMillis() < 100) {
      throw WlatException.invalidInput(option + ": [" + text + "] is shorter than 100ms");
    }
    return d;
  }
}
