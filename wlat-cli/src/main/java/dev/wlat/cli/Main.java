package dev.wlat.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code wlat} and {@code well-look-at-that} launchers; the only caller of {@code System.exit}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs wlat with {@code args}, printing to {@code out} and {@code err}; {@return the exit code}. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    try {
      return commandLine(out, err).execute(args);
    } catch (OutOfMemoryError e) {
      err.println("wlat: out of memory (the wlat launcher gives Java -Xmx512m): narrow the window (--since),"
          + " or give it more, e.g. WLAT_JAVA_OPTS=\"-Xmx2g -XX:+UseParallelGC -XX:TieredStopAtLevel=1\"");
      err.flush();
      return ExitCodes.INTERNAL;
    }
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new WlatCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter e = commandLine.getErr();
      if (ex instanceof WlatException w) {
        if (commandLine.getCommand() instanceof RunLogged logged && logged.runTrace() != null) {
          logged.runTrace().logFailure("wlat " + String.join(" ", parseResult.originalArgs()), w);
        }
        e.println("wlat: " + w.getMessage());
        e.flush();
        return w.exitCode();
      }
      e.println("wlat: internal error: " + ex);
      if (verbose(parseResult)) {
        ex.printStackTrace(e);
      } else {
        e.println("wlat: rerun with --verbose for the stack trace");
      }
      e.flush();
      return ExitCodes.INTERNAL;
    });
    cli.setParameterExceptionHandler((ex, args) -> {
      PrintWriter e = ex.getCommandLine().getErr();
      e.println("wlat: " + ex.getMessage());
      e.println("wlat: see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
      e.flush();
      return ExitCodes.INVALID_INPUT;
    });
    return cli;
  }

  private static boolean verbose(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
