package dev.wlat.cli.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.wlat.accounting.insights.Call;
import dev.wlat.accounting.insights.Insight;
import dev.wlat.accounting.insights.Insights;
import dev.wlat.accounting.insights.Thresholds;
import dev.wlat.accounting.pricing.Pricing;
import dev.wlat.cli.job.InsightJson;
import dev.wlat.cli.job.UsageJob;
import dev.wlat.model.Charge;
import dev.wlat.model.Privacy;
import dev.wlat.model.RateLimitWindow;
import dev.wlat.model.Redaction;
import dev.wlat.model.TimeWindow;
import dev.wlat.model.TokenUsage;
import dev.wlat.report.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * The dashboard's data ({@code wlat-dashboard/1}) as JSON, and the page that shows it: served by
 * {@code wlat serve} at {@code /api/dashboard}, or embedded in the static page {@code wlat dashboard}
 * writes. It holds counts, ids, model names and the paths the privacy mode lets through: never prompt
 * or command text.
 */
public final class DashboardData {

  /** The schema label the page checks. */
  public static final String SCHEMA = "wlat-dashboard/1";

  /** The columns of {@code calls.rows}, in order. */
  public static final List<String> CALL_COLUMNS = List.of("event_id", "at", "day", "provider", "thread_id", "repo",
      "cwd", "model", "effort", "tokens", "input", "cached", "uncached", "cache_write", "output", "reasoning",
      "context_window", "context_use", "cost_usd", "cost_basis", "credits");

  private static final String PLACEHOLDER = "__WLAT_DATA__";
  /** JSON that is safe inside a script element: {@code < > &} and the two line separators as {@code \\uXXXX}. */
  private static final JsonFactory JSON = new JsonFactory().setCharacterEscapes(new ScriptSafe())
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private static final class ScriptSafe extends CharacterEscapes {
    private final int[] ascii = standardAsciiEscapesForJSON();

    ScriptSafe() {
      ascii['<'] = ESCAPE_STANDARD;
      ascii['>'] = ESCAPE_STANDARD;
      ascii['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch == 0x2028 ? new SerializedString("\\u2028") : ch == 0x2029 ? new SerializedString("\\u2029") : null;
    }
  }

  private final UsageJob.Result read;
  private final Pricing pricing;
  private final Thresholds thresholds;
  private final Privacy privacy;
  private final ZoneId zone;
  private final Instant now;
  private final TimeWindow window;
  private final boolean contextApi;

  private DashboardData(UsageJob.Result read, Pricing pricing, Thresholds thresholds, Privacy privacy, ZoneId zone,
      Instant now, TimeWindow window, boolean contextApi) {
    this.read = Objects.requireNonNull(read, "read");
    this.pricing = Objects.requireNonNull(pricing, "pricing");
    this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    this.privacy = Objects.requireNonNull(privacy, "privacy");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.now = Objects.requireNonNull(now, "now");
    this.window = Objects.requireNonNull(window, "window");
    this.contextApi = contextApi;
  }

  /** {@return the data of {@code read}}, its days in {@code zone}, as of {@code now}. */
  public static DashboardData of(UsageJob.Result read, Pricing pricing, Thresholds thresholds, Privacy privacy,
      ZoneId zone, Instant now, TimeWindow window, boolean contextApi) {
    return new DashboardData(read, pricing, thresholds, privacy, zone, now, window, contextApi);
  }

  /** Writes the JSON document to {@code out}, left open. */
  public void writeJson(OutputStream out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      write(g);
    }
  }

  /**
   * Writes the page with this data embedded to {@code target}, atomically (temporary file and
   * rename): one self-contained HTML file, no request made. The data streams into the file, so a
   * long history needs no second copy of it in memory.
   */
  public void writeStaticPage(Path target) throws IOException {
    String page = page();
    int at = page.indexOf(PLACEHOLDER);
    if (at < 0) {
      throw new IllegalStateException("the bundled dashboard page has no " + PLACEHOLDER + " placeholder");
    }
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path tmp = AtomicFiles.temporaryFor(target);
    try {
      try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        o.write(page.substring(0, at).getBytes(StandardCharsets.UTF_8));
        writeJson(o);
        o.write(page.substring(at + PLACEHOLDER.length()).getBytes(StandardCharsets.UTF_8));
      }
      AtomicFiles.commit(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** {@return the bundled page, with its data placeholder}: what {@code wlat serve} sends at {@code /}. */
  public static String page() {
    try (InputStream in = DashboardData.class.getResourceAsStream("dashboard.html")) {
      if (in == null) {
        throw new IllegalStateException("dashboard.html is missing from the wlat jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("schema", SCHEMA);
    g.writeStringField("generated_at", now.toString());
    g.writeStringField("now", now.toString());
    g.writeStringField("today", LocalDate.ofInstant(now, zone).toString());
    g.writeStringField("timezone", zone.getId());
    g.writeStringField("privacy_mode", privacy.mode().label());
    g.writeStringField("source", privacy.isNormal() ? read.source() : null);
    g.writeObjectFieldStart("window");
    g.writeStringField("since", window.since() == null ? null : window.since().toString());
    g.writeStringField("until", window.until() == null ? null : window.until().toString());
    g.writeEndObject();
    g.writeBooleanField("context_api", contextApi);

    TreeSet<String> providers = new TreeSet<>();
    Map<String, UsageJob.Row> firstOfThread = new LinkedHashMap<>();
    List<Call> calls = new ArrayList<>(read.rows().size());
    g.writeObjectFieldStart("calls");
    g.writeArrayFieldStart("columns");
    for (String c : CALL_COLUMNS) {
      g.writeString(c);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("rows");
    for (UsageJob.Row r : read.rows()) {
      providers.add(r.provider());
      firstOfThread.putIfAbsent(r.threadId(), r);
      Pricing.Priced p = pricing.price(r.delta(), r.model(), r.at());
      Call call = new Call(r.threadId(), r.eventId(), r.at(), r.model(), r.delta(), r.contextWindow(), p.usd());
      calls.add(call);
      TokenUsage d = r.delta();
      g.writeStartArray();
      g.writeString(r.eventId());
      g.writeString(r.at().toString());
      g.writeString(LocalDate.ofInstant(r.at(), zone).toString());
      g.writeString(r.provider());
      g.writeString(r.threadId());
      g.writeString(r.repo());
      g.writeString(privacy.cwd(r.cwd(), null));
      g.writeString(r.model());
      g.writeString(r.effort());
      g.writeNumber(d.totalTokens());
      g.writeNumber(d.inputTokens());
      g.writeNumber(d.cachedInputTokens());
      g.writeNumber(d.uncachedInputTokens());
      g.writeNumber(d.cacheWriteInputTokens());
      g.writeNumber(d.outputTokens());
      g.writeNumber(d.reasoningOutputTokens());
      if (r.contextWindow() == null) {
        g.writeNull();
      } else {
        g.writeNumber(r.contextWindow());
      }
      OptionalDouble use = Insights.contextUse(call);
      if (use.isPresent()) {
        g.writeNumber(Math.round(use.getAsDouble() * 10_000) / 10_000.0);
      } else {
        g.writeNull();
      }
      amount(g, p.usd());
      g.writeString(p.usd().basis() == null ? null : p.usd().basis().label());
      amount(g, p.credits());
      g.writeEndArray();
    }
    g.writeEndArray();
    g.writeEndObject();

    g.writeArrayFieldStart("providers");
    for (String p : providers) {
      g.writeString(p);
    }
    g.writeEndArray();

    g.writeArrayFieldStart("threads");
    for (UsageJob.Row first : firstOfThread.values()) {
      UsageJob.ThreadInfo info = read.threadInfo().get(first.threadId());
      g.writeStartObject();
      g.writeStringField("thread_id", first.threadId());
      g.writeStringField("provider", first.provider());
      g.writeStringField("parent_thread_id", info == null ? null : info.parentThreadId());
      g.writeStringField("agent", info == null ? null : info.agent());
      g.writeStringField("title", info == null ? null : Redaction.snippet(privacy.title(info.title())));
      g.writeStringField("repo", first.repo());
      g.writeStringField("outcome", first.outcome());
      g.writeEndObject();
    }
    g.writeEndArray();

    g.writeArrayFieldStart("insights");
    for (Insight s : Insights.of(calls, thresholds)) {
      InsightJson.write(g, s);
    }
    g.writeEndArray();

    UsageJob.Limits limits = read.limits();
    if (limits == null) {
      g.writeNullField("limits");
    } else {
      g.writeObjectFieldStart("limits");
      g.writeStringField("at", limits.at().toString());
      g.writeStringField("plan", limits.snapshot().planType());
      g.writeArrayFieldStart("windows");
      limitWindow(g, "5h", limits.snapshot().fiveHour().orElse(null));
      limitWindow(g, "weekly", limits.snapshot().weekly().orElse(null));
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void limitWindow(JsonGenerator g, String name, RateLimitWindow w) throws IOException {
    if (w == null) {
      return;
    }
    g.writeStartObject();
    g.writeStringField("name", name);
    g.writeNumberField("used_percent", w.usedPercent());
    if (w.windowMinutes() == null) {
      g.writeNullField("window_minutes");
    } else {
      g.writeNumberField("window_minutes", w.windowMinutes());
    }
    g.writeStringField("resets_at", w.resetsAt() == null ? null : w.resetsAt().toString());
    g.writeEndObject();
  }

  private static void amount(JsonGenerator g, Charge c) throws IOException {
    BigDecimal a = c.amount();
    if (a == null || c.unpricedTokens() > 0) {
      g.writeNull();
    } else {
      g.writeNumber(a);
    }
  }
}
