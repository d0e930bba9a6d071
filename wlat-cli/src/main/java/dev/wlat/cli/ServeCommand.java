package dev.wlat.cli;

import dev.wlat.cli.serve.UsageServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wlat serve}: a localhost-only API over the accounted calls (the dashboard page itself is
 * not there yet): bound to 127.0.0.1, a random token on every API call, Host and Origin checked.
 */
@Command(name = "serve", description = "Serve the accounted calls on 127.0.0.1 (JSON API with a per-server token;"
    + " /health, /api/usage, POST /api/refresh) until Ctrl-C.")
final class ServeCommand implements Callable<Integer> {

  @Mixin HelpOption help;
  @Spec CommandSpec spec;
  @Mixin UsageSource source;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8765", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0: any free one).")
  int port;

  @Option(names = "--for", paramLabel = "SECONDS", hidden = true, description = "Stop after this many seconds (tests).")
  Integer stopAfter;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw WlatException.invalidInput("--port must be 0..65535, was " + port);
    }
    var window = source.window();
    var prices = source.prices();
    source.read(window, false); // a bad home or output root fails here, before the server starts
    UsageServer server;
    try {
      server = UsageServer.start(port, () -> source.read(window, false), prices);
    } catch (IOException e) {
      throw new WlatException(ExitCodes.UNEXPECTED_STATE, "serve: cannot listen on 127.0.0.1:" + port + ": "
          + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "wlat serve: http://127.0.0.1:%d/health; API calls need the token %s"
        + " (header Authorization: Bearer <token>, or ?token=)%n", server.port(), server.token());
    out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    if (stopAfter != null) {
      Thread.sleep(stopAfter * 1000L);
      server.close();
    } else {
      Thread.currentThread().join(); // until Ctrl-C
    }
    return ExitCodes.OK;
  }
}
