package dev.wlat.cli;

import dev.wlat.accounting.pricing.Pricing;
import dev.wlat.accounting.pricing.Rate;
import dev.wlat.accounting.pricing.RateTable;
import dev.wlat.report.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code wlat pricing list|pin}: the prices and credit rates wlat values usage with. */
@Command(name = "pricing", description = "Show or pin the prices and Codex credit rates wlat values usage with.",
    subcommands = {PricingCommand.ListCommand.class, PricingCommand.PinCommand.class})
final class PricingCommand implements Callable<Integer> {

  @Mixin HelpOption help;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: list or pin");
  }

  /** {@code wlat pricing list}. */
  @Command(name = "list", description = "Print every price row (your --pricing rows first) and the Codex credit rate card.")
  static final class ListCommand implements Callable<Integer> {

    @Mixin HelpOption help;
    @ParentCommand PricingCommand parent;
    @Spec CommandSpec spec;

    @Option(names = "--pricing", paramLabel = "FILE", description = "Your own prices (TSV), listed before the bundled ones.")
    Path pricing;

    @Option(names = "--output-root", paramLabel = "DIR",
        description = "Use <DIR>/config/pricing.tsv as your prices when it exists and no --pricing is given.")
    Path outputRoot;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
        description = "table (default) or tsv.")
    String format;

    @Override
    public Integer call() {
      if (!format.equals("table") && !format.equals("tsv")) {
        throw WlatException.invalidInput("--format must be table or tsv, was [" + format + "]");
      }
      Pricing p = PricingArgs.load(pricing, outputRoot);
      PrintWriter out = spec.commandLine().getOut();
      List<String> header = List.of("unit", "model", "aliases", "effective_from", "input_per_1m",
          "cached_input_per_1m", "output_per_1m", "from", "source", "retrieved", "cache_write_per_1m");
      List<String[]> rows = new ArrayList<>();
      for (RateTable t : List.of(p.prices(), p.credits())) {
        for (Rate r : t.rates()) {
          rows.add(new String[] {t.unit(), r.model(), String.join(",", r.aliases()), r.effectiveFrom().toString(),
              r.inputPerMillion().toPlainString(), r.cachedInputPerMillion().toPlainString(),
              r.outputPerMillion().toPlainString(), r.user() ? "user" : "bundled", r.source(),
              r.retrieved() == null ? "" : r.retrieved().toString(),
              r.cacheWritePerMillion() == null ? "" : r.cacheWritePerMillion().toPlainString()});
        }
      }
      if (format.equals("tsv")) {
        out.println(String.join("\t", header));
        for (String[] r : rows) {
          out.println(String.join("\t", r));
        }
      } else {
        // the sources are long and few: numbered under the table
        List<String> sources = new ArrayList<>();
        TextTable table = TextTable.of(header, List.of("input_per_1m", "cached_input_per_1m", "output_per_1m",
            "cache_write_per_1m"));
        for (String[] r : rows) {
          int n = sources.indexOf(r[8]);
          if (n < 0) {
            sources.add(r[8]);
            n = sources.size() - 1;
          }
          String[] shown = r.clone();
          shown[8] = "[" + (n + 1) + "]";
          table.row(shown);
        }
        table.print(out);
        out.println();
        for (int i = 0; i < sources.size(); i++) {
          out.println("[" + (i + 1) + "] " + sources.get(i));
        }
        out.println();
        out.println("usd: US dollars per million tokens; credits: Codex credits per million tokens. Input is"
            + " uncached input; cached input and reasoning are parts of input and output, never added to them;"
            + " cache writes (Claude Code) are billed at cache_write_per_1m, at the input rate where it is empty.");
        out.println("A model found by an alias, a provider prefix or a date suffix is priced as 'estimated';"
            + " a model in no row is 'unpriced' (its tokens shown, never $0).");
      }
      return ExitCodes.OK;
    }
  }

  /** {@code wlat pricing pin --output F}. */
  @Command(name = "pin", description = "Write the prices in force now (yours first) to a TSV file: pass it back with"
      + " --pricing for reports that do not change when wlat's bundled table does.")
  static final class PinCommand implements Callable<Integer> {

    @Mixin HelpOption help;
    @Spec CommandSpec spec;

    @Option(names = "--output", paramLabel = "FILE", required = true, description = "The TSV file to write.")
    Path output;

    @Option(names = "--pricing", paramLabel = "FILE", description = "Your own prices (TSV), pinned before the bundled ones.")
    Path pricing;

    @Override
    public Integer call() {
      if (output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
        throw WlatException.invalidInput("--output: wlat writes TSV, never CSV; name the file .tsv: " + output);
      }
      Pricing p = PricingArgs.load(pricing, null);
      String note = "pinned " + LocalDate.now(ZoneOffset.UTC) + " by wlat " + Versions.version();
      try {
        AtomicFiles.writeString(output, "# wlat pricing pin: US dollars per million tokens; use with --pricing "
            + output.getFileName() + "\n" + p.prices().toTsv(note));
      } catch (java.io.UncheckedIOException e) {
        throw new WlatException(ExitCodes.UNEXPECTED_STATE, e.getMessage(), e);
      }
      spec.commandLine().getOut().printf(Locale.ROOT, "wlat pricing pin: %d price rows written to %s%n",
          p.prices().rates().size(), output);
      return ExitCodes.OK;
    }
  }
}
