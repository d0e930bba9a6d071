package dev.wlat.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.wlat.accounting.Reconciliation;
import dev.wlat.accounting.pricing.Pricing;
import dev.wlat.cli.job.UsageJob;
import dev.wlat.model.Charge;
import dev.wlat.model.PriceBasis;
import dev.wlat.model.TimeWindow;
import dev.wlat.model.TokenUsage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wlat usage}: a quick look at token usage, cost and credits in the terminal, straight from the
 * Codex home (nothing is written), or from an output root's data tables.
 */
@Command(name = "usage", description = "Print token usage, cost and credits per day, week, month, session or thread,"
    + " straight from the Codex home (writes nothing).")
final class UsageCommand implements Callable<Integer> {

  @Mixin HelpOption help;
  @Spec CommandSpec spec;
  @ParentCommand WlatCommand root;

  @Mixin UsageSource source;

  @Option(names = "--group", paramLabel = "GRAIN", defaultValue = "day",
      description = "day (default), week, month, session or thread.")
  String group;

  @Option(names = "--by", paramLabel = "KEY", description = "Split each group by model, repo, cwd, outcome or provider.")
  String by;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default), tsv or json.")
  String format;

  @Option(names = "--no-color", description = "No colour, even on a terminal (NO_COLOR in the environment does the same).")
  boolean noColor;

  @Mixin PrivacyOption privacy;

  private static final List<String> GROUPS = List.of("day", "week", "month", "session", "thread");
  private static final List<String> BYS = List.of("model", "repo", "cwd", "outcome", "provider");
  private static final List<String> FORMATS = List.of("table", "tsv", "json");

  /** The sums of one output row. */
  private static final class Sums {
    final Set<String> threads = new HashSet<>();
    TokenUsage usage = TokenUsage.ZERO;
    long rows;
    Pricing.Priced priced = Pricing.Priced.NONE;

    void add(UsageJob.Row r, Pricing.Priced p) {
      threads.add(r.threadId());
      usage = usage.plus(r.delta());
      rows++;
      priced = priced.plus(p);
    }
  }

  @Override
  public Integer call() {
    choice("--group", group, GROUPS);
    choice("--format", format, FORMATS);
    if (by != null) {
      choice("--by", by, BYS);
    }
    ZoneId zone = source.zone();
    TimeWindow window = source.window();
    Pricing prices = source.prices();
    UsageJob.Result read = source.read(window, "cwd".equals(by));

    Map<String, Map<String, Sums>> table = new TreeMap<>();
    Sums total = new Sums();
    for (UsageJob.Row r : read.rows()) {
      Pricing.Priced p = prices.price(r.delta(), r.model(), r.at());
      String g = groupKey(r, zone);
      String b = by == null ? "" : byKey(r);
      table.computeIfAbsent(g, k -> new TreeMap<>()).computeIfAbsent(b, k -> new Sums()).add(r, p);
      total.add(r, p);
    }
    PrintWriter out = spec.commandLine().getOut();
    boolean json = "json".equals(format) || (root != null && root.json);
    String windowText = (window.since() == null ? "all history" : "since " + window.since()) +
        (window.until() == null ? "" : " until " + window.until());
    if (json) {
      json(out, table, total, window, zone, read);
    } else if ("tsv".equals(format)) {
      tsv(out, table, total);
    } else {
      boolean colour = !noColor && System.getenv("NO_COLOR") == null && System.console() != null;
      table(out, table, total, colour, windowText, zone, read);
    }
    return ExitCodes.OK;
  }

  private static void choice(String option, String value, List<String> allowed) {
    if (!allowed.contains(value)) {
      throw WlatException.invalidInput(option + " must be one of " + String.join(", ", allowed) + ", was [" + value + "]");
    }
  }

  private String groupKey(UsageJob.Row r, ZoneId zone) {
    return switch (group) {
      case "session" -> r.sessionId();
      case "thread" -> r.threadId();
      default -> {
        LocalDate day = r.at().atZone(zone).toLocalDate();
        yield switch (group) {
          case "week" -> Reconciliation.weekLabel(day.with(DayOfWeek.MONDAY));
          case "month" -> day.toString().substring(0, 7);
          default -> day.toString();
        };
      }
    };
  }

  private String byKey(UsageJob.Row r) {
    String v = switch (by) {
      case "model" -> r.model();
      case "provider" -> r.provider();
      case "repo" -> r.repo();
      case "cwd" -> privacy.privacy().cwd(r.cwd(), null);
      default -> r.outcome();
    };
    return v == null ? "(none)" : v;
  }

  private List<String> header() {
    List<String> h = new ArrayList<>(List.of(group));
    if (by != null) {
      h.add(by);
    }
    h.addAll(List.of("threads", "tokens", "input", "cached_input", "uncached_input", "output", "reasoning",
        "cost_usd", "cost_basis", "credits"));
    return h;
  }

  private List<String> cells(String g, String b, Sums s, boolean pretty) {
    List<String> c = new ArrayList<>(List.of(g));
    if (by != null) {
      c.add(b);
    }
    TokenUsage u = s.usage;
    for (long v : new long[] {s.threads.size(), u.totalTokens(), u.inputTokens(), u.cachedInputTokens(),
        u.uncachedInputTokens(), u.outputTokens(), u.reasoningOutputTokens()}) {
      c.add(pretty ? String.format(Locale.ROOT, "%,d", v) : Long.toString(v));
    }
    Charge usd = s.priced.usd();
    Charge credits = s.priced.credits();
    c.add(usd.amount() == null ? "" : pretty ? usd.amount().setScale(2, RoundingMode.HALF_UP).toPlainString()
        : usd.amount().stripTrailingZeros().toPlainString());
    c.add(usd.basis() == null ? "" : usd.basis().label());
    c.add(credits.amount() == null ? "" : pretty ? String.format(Locale.ROOT, "%,.2f",
        credits.amount().setScale(2, RoundingMode.HALF_UP)) : credits.amount().stripTrailingZeros().toPlainString());
    return c;
  }

  private void tsv(PrintWriter out, Map<String, Map<String, Sums>> table, Sums total) {
    out.println(String.join("\t", header()));
    table.forEach((g, bys) -> bys.forEach((b, s) -> out.println(String.join("\t", cells(g, b, s, false)))));
    out.println(String.join("\t", cells("total", by == null ? "" : "", total, false)));
  }

  private void table(PrintWriter out, Map<String, Map<String, Sums>> table, Sums total, boolean colour,
      String windowText, ZoneId zone, UsageJob.Result read) {
    String bold = colour ? "\u001b[1m" : "";
    String dim = colour ? "\u001b[2m" : "";
    String reset = colour ? "\u001b[0m" : "";
    out.println(bold + "wlat usage" + reset + ": " + windowText + ", per " + group + (by == null ? "" : " and " + by)
        + " (" + zone.getId() + "); cumulative_delta_tokens, never a naive sum of the rows");
    if (read.rows().isEmpty()) {
      out.println("no token usage in this window (" + read.threads() + " threads read from "
          + (privacy.privacy().isNormal() ? read.source() : "<codex-home>") + ")");
      return;
    }
    List<String> h = header();
    TextTable t = TextTable.of(h, List.of("threads", "tokens", "input", "cached_input", "uncached_input", "output",
        "reasoning", "cost_usd", "credits"));
    table.forEach((g, bys) -> bys.forEach((b, s) -> t.row(cells(g, b, s, true).toArray(String[]::new))));
    t.row(cells("total", "", total, true).toArray(String[]::new));
    java.io.StringWriter buf = new java.io.StringWriter();
    t.print(new PrintWriter(buf, true));
    List<String> lines = buf.toString().lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      boolean head = i == 0;
      boolean last = i == lines.size() - 1;
      out.println(head || last ? bold + lines.get(i) + reset : lines.get(i));
    }
    Charge usd = total.priced.usd();
    List<String> notes = new ArrayList<>();
    notes.add("cost_usd at API list prices (cached input and reasoning are inside input and output, never added"
        + " twice); credits at the Codex rate card; `wlat pricing list` shows both");
    if (usd.unpricedTokens() > 0) {
      notes.add(String.format(Locale.ROOT, "%,d tokens have no price (their models are in no price row): left out of"
          + " cost_usd, not counted as $0; add them with --pricing FILE", usd.unpricedTokens()));
    }
    if (usd.basis() == PriceBasis.ESTIMATED) {
      notes.add("'estimated': a model priced by an alias or a similar id");
    }
    for (String n : notes) {
      out.println(dim + "  " + n + reset);
    }
  }

  private void json(PrintWriter out, Map<String, Map<String, Sums>> table, Sums total, TimeWindow window, ZoneId zone,
      UsageJob.Result read) {
    try {
      JsonGenerator g = new JsonFactory().createGenerator(out);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("since", window.since() == null ? null : window.since().toString());
      g.writeStringField("until", window.until() == null ? null : window.until().toString());
      g.writeStringField("timezone", zone.getId());
      g.writeStringField("group", group);
      g.writeStringField("by", by);
      g.writeStringField("source", privacy.privacy().isNormal() ? read.source() : null);
      g.writeArrayFieldStart("rows");
      for (Map.Entry<String, Map<String, Sums>> e : table.entrySet()) {
        for (Map.Entry<String, Sums> b : e.getValue().entrySet()) {
          g.writeStartObject();
          g.writeStringField(group, e.getKey());
          if (by != null) {
            g.writeStringField(by, b.getKey());
          }
          fields(g, b.getValue());
          g.writeEndObject();
        }
      }
      g.writeEndArray();
      g.writeObjectFieldStart("total");
      fields(g, total);
      g.writeEndObject();
      g.writeEndObject();
      g.flush();
      out.println();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void fields(JsonGenerator g, Sums s) throws IOException {
    TokenUsage u = s.usage;
    g.writeNumberField("threads", s.threads.size());
    g.writeNumberField("token_rows", s.rows);
    g.writeNumberField("cumulative_delta_tokens", u.totalTokens());
    g.writeNumberField("input_tokens", u.inputTokens());
    g.writeNumberField("cached_input_tokens", u.cachedInputTokens());
    g.writeNumberField("uncached_input_tokens", u.uncachedInputTokens());
    g.writeNumberField("output_tokens", u.outputTokens());
    g.writeNumberField("reasoning_output_tokens", u.reasoningOutputTokens());
    charge(g, "cost_usd", "cost_basis", s.priced.usd());
    g.writeNumberField("unpriced_tokens", s.priced.usd().unpricedTokens());
    charge(g, "credits", "credits_basis", s.priced.credits());
  }

  private static void charge(JsonGenerator g, String amount, String basis, Charge c) throws IOException {
    if (c.amount() == null) {
      g.writeNullField(amount);
    } else {
      BigDecimal a = c.amount().stripTrailingZeros();
      g.writeNumberField(amount, a.scale() < 0 ? a.setScale(0) : a);
    }
    g.writeStringField(basis, c.basis() == null ? null : c.basis().label());
  }
}
