package dev.wlat.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.wlat.accounting.insights.Call;
import dev.wlat.accounting.insights.Insight;
import dev.wlat.accounting.insights.Insights;
import dev.wlat.accounting.insights.Thresholds;
import dev.wlat.accounting.pricing.Pricing;
import dev.wlat.cli.job.InsightJson;
import dev.wlat.cli.job.UsageJob;
import dev.wlat.model.TimeWindow;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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

/**
 * {@code wlat insights}: where usage goes to waste (context bloat, cache misses, runaway threads,
 * reasoning spikes, expensive calls with little output), ranked by an attention score, each with why
 * it was flagged (aggregate numbers only) and what to do.
 */
@Command(name = "insights", description = "Rank where usage goes to waste (context bloat, cache misses, runaway threads,"
    + " reasoning spikes, expensive low-output calls), each with why and what to do.")
final class InsightsCommand implements Callable<Integer> {

  @Mixin HelpOption help;
  @Spec CommandSpec spec;
  @ParentCommand WlatCommand root;

  @Mixin UsageSource source;

  @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "How many to show (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--thresholds", paramLabel = "FILE",
      description = "Thresholds TSV (name, value[, note]); default <output-root>/config/thresholds.tsv when it exists,"
          + " else the built-in values (`wlat insights --show-thresholds` prints them).")
  Path thresholds;

  @Option(names = "--show-thresholds", description = "Print the thresholds in force (as a TSV you can edit) and exit.")
  boolean showThresholds;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default), tsv or json.")
  String format;

  /** Accepted like every printing command's; insights print thread and call ids only, never a path. */
  @Mixin PrivacyOption privacy;

  @Override
  public Integer call() {
    privacy.privacy(); // a mistyped mode is an error here too
    if (!List.of("table", "tsv", "json").contains(format)) {
      throw WlatException.invalidInput("--format must be table, tsv or json, was [" + format + "]");
    }
    if (top < 1) {
      throw WlatException.invalidInput("--top must be 1 or more, was " + top);
    }
    Thresholds t = ThresholdArgs.load(thresholds, source.outputRoot);
    PrintWriter out = spec.commandLine().getOut();
    if (showThresholds) {
      out.println(String.join("\t", Thresholds.COLUMNS));
      for (Thresholds.Row r : t.rows()) {
        out.println(r.name() + "\t" + r.value() + "\t" + (r.overridden() ? "default " + r.defaultValue() : "default"));
      }
      return ExitCodes.OK;
    }
    TimeWindow window = source.window();
    Pricing prices = source.prices();
    UsageJob.Result read = source.read(window, false);
    List<Call> calls = new ArrayList<>(read.rows().size());
    for (UsageJob.Row r : read.rows()) {
      calls.add(new Call(r.threadId(), r.eventId(), r.at(), r.model(), r.delta(), r.contextWindow(),
          prices.price(r.delta(), r.model(), r.at()).usd()));
    }
    List<Insight> all = Insights.of(calls, t);
    List<Insight> shown = all.subList(0, Math.min(top, all.size()));
    boolean json = "json".equals(format) || (root != null && root.json);
    if (json) {
      json(out, shown, all.size(), window, read);
    } else if ("tsv".equals(format)) {
      out.println("rank\tkind\tthread_id\tevent_id\tscore\ttokens_at_stake\tseverity\twhy\taction");
      for (int i = 0; i < shown.size(); i++) {
        Insight s = shown.get(i);
        out.println((i + 1) + "\t" + s.kind().label() + "\t" + s.threadId() + "\t" + (s.eventId() == null ? "" : s.eventId())
            + "\t" + Math.round(s.score()) + "\t" + s.tokensAtStake() + "\t" + String.format(Locale.ROOT, "%.2f", s.severity())
            + "\t" + s.why() + "\t" + s.action());
      }
    } else {
      out.printf(Locale.ROOT, "wlat insights: %s; %,d calls in %,d threads; %d findings, the %d with the highest attention"
          + " score (tokens at stake x how far past the threshold) first%n",
          window.since() == null ? "all history" : "since " + window.since(), calls.size(), read.threads(), all.size(),
          shown.size());
      if (shown.isEmpty()) {
        out.println("nothing flagged: no thread or call crossed a threshold (`--show-thresholds` lists them)");
      }
      for (int i = 0; i < shown.size(); i++) {
        Insight s = shown.get(i);
        out.printf(Locale.ROOT, "%n%2d. %s  thread %s%s  score %,d%n", i + 1, s.kind().label(), s.threadId(),
            s.eventId() == null ? "" : ", call " + s.eventId(), Math.round(s.score()));
        out.println("    why:  " + s.why());
        out.println("    do:   " + s.action());
      }
    }
    return ExitCodes.OK;
  }

  private static void json(PrintWriter out, List<Insight> shown, int total, TimeWindow window, UsageJob.Result read) {
    try {
      JsonGenerator g = new JsonFactory().createGenerator(out);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("since", window.since() == null ? null : window.since().toString());
      g.writeStringField("until", window.until() == null ? null : window.until().toString());
      g.writeNumberField("findings", total);
      g.writeArrayFieldStart("insights");
      for (Insight s : shown) {
        InsightJson.write(g, s);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.flush();
      out.println();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
