package dev.wlat.cli;

import dev.wlat.testkit.GenerateCodexHome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code wlat generate-home}: writes a synthetic, realistic Codex home (for trying wlat and for benchmarks). */
@Command(name = "generate-home",
    description = {"Write a deterministic synthetic Codex home with its ground truth (for trying wlat and benchmarks).",
        "Options: --output DIR [--seed N] [--days D] [--start YYYY-MM-DD] [--target-bytes 100M|1G]",
        "         [--payload-bytes N] [--sessions-per-day A..B] [--truth FILE]",
        "         [--repos DIR]  (also write matching git repositories; alone: only them)",
        "         [--github DIR]  (also write their GitHub responses and a fake gh, DIR/gh, serving them)"})
final class GenerateHomeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Unmatched
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = GenerateCodexHome.run(args.toArray(String[]::new), o, e);
    }
    spec.commandLine().getOut().print(out.toString(StandardCharsets.UTF_8));
    spec.commandLine().getOut().flush();
    spec.commandLine().getErr().print(err.toString(StandardCharsets.UTF_8));
    spec.commandLine().getErr().flush();
    return code;
  }
}
