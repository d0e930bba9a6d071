package dev.wlat.testkit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.wlat.testkit.internal.JsonDocs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What is true of a generated Codex home, computed from what the generator intended, never by
 * parsing what it wrote.
 *
 * <p>"True usage" is each model response's usage counted once: re-emitted rows, rows replayed from
 * a parent at the start of a fork or subagent, archived duplicates, shadowed {@code .zst} twins,
 * duplicated {@code token_usage_record}s, malformed lines and a truncated last line contribute
 * nothing. {@link #naiveSum()} is what a tool that sums {@code last_token_usage} over every plain
 * {@code .jsonl} rollout reports instead.
 */
public final class GroundTruth {
  private final HomeSpec spec;
  private final List<ThreadTruth> threads;
  private final Map<String, ThreadTruth> byId;
  private final List<FileTruth> files;
  private final List<PlantedSecret> secrets;
  private final long homeBytes;

  private GroundTruth(HomeSpec spec, List<ThreadTruth> threads, List<FileTruth> files,
      List<PlantedSecret> secrets, long homeBytes) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.threads = List.copyOf(threads);
    this.files = List.copyOf(files);
    this.secrets = List.copyOf(secrets);
    this.homeBytes = homeBytes;
    Map<String, ThreadTruth> m = new LinkedHashMap<>();
    for (ThreadTruth t : this.threads) {
      if (m.put(t.threadId(), t) != null) {
        throw new IllegalArgumentException("Thread [%s] listed twice".formatted(t.threadId()));
      }
    }
    this.byId = m;
  }

  /**
   * {@return a ground truth from its parts}.
   *
   * <p>For the generator; tests read a truth, they do not build one.
   */
  public static GroundTruth of(HomeSpec spec, List<ThreadTruth> threads, List<FileTruth> files,
      List<PlantedSecret> secrets, long homeBytes) {
    return new GroundTruth(spec, threads, files, secrets, homeBytes);
  }

  /** {@return the spec the home was generated from}. */
  public HomeSpec spec() {
    return spec;
  }

  /** {@return every thread, ordered by creation time}. */
  public List<ThreadTruth> threads() {
    return threads;
  }

  /** {@return the thread with this id, if any}. */
  public Optional<ThreadTruth> thread(String threadId) {
    return Optional.ofNullable(byId.get(threadId));
  }

  /** {@return every rollout file, ordered by path}. */
  public List<FileTruth> files() {
    return files;
  }

  /** {@return the rollout file at {@code path} relative to the home, with {@code /} separators}. */
  public Optional<FileTruth> file(String path) {
    return files.stream().filter(f -> f.path().equals(path)).findFirst();
  }

  /** {@return the total true usage of the home}. */
  public Usage total() {
    Usage u = Usage.ZERO;
    for (ThreadTruth t : threads) {
      u = u.plus(t.usage());
    }
    return u;
  }

  /** {@return every usage increment of every thread, ordered by timestamp then thread}. */
  public List<UsageIncrement> increments() {
    List<UsageIncrement> all = new ArrayList<>();
    for (ThreadTruth t : threads) {
      all.addAll(t.increments());
    }
    all.sort(Comparator.comparing(UsageIncrement::timestamp).thenComparing(UsageIncrement::threadId));
    return all;
  }

  /** {@return the true usage per UTC day}. */
  public SortedMap<LocalDate, Usage> byUtcDay() {
    return byDay(ZoneOffset.UTC);
  }

  /** {@return the true usage per calendar day in {@code zone}}. */
  public SortedMap<LocalDate, Usage> byDay(ZoneId zone) {
    TreeMap<LocalDate, Usage> m = new TreeMap<>();
    for (ThreadTruth t : threads) {
      t.usageByDay(zone).forEach((d, u) -> m.merge(d, u, Usage::plus));
    }
    return m;
  }

  /** {@return the true usage per model}. */
  public SortedMap<String, Usage> byModel() {
    TreeMap<String, Usage> m = new TreeMap<>();
    for (ThreadTruth t : threads) {
      for (UsageIncrement i : t.increments()) {
        m.merge(i.model(), i.usage(), Usage::plus);
      }
    }
    return m;
  }

  /**
   * {@return the sum of {@code last_token_usage} over every row of every plain {@code .jsonl}
   * rollout}, replayed and re-emitted rows and archived copies included, {@code .zst} files not.
   */
  public FileTruth.NaiveSum naiveSum() {
    FileTruth.NaiveSum s = FileTruth.NaiveSum.ZERO;
    for (FileTruth f : files) {
      if (!f.path().endsWith(".zst")) {
        s = s.plus(f.naiveLastUsageSum());
      }
    }
    return s;
  }

  /** {@return the fake secrets planted in text fields wlat must never copy}. */
  public List<PlantedSecret> plantedSecrets() {
    return secrets;
  }

  /** {@return just the values of {@link #plantedSecrets()}, to grep outputs for}. */
  public List<String> plantedSecretValues() {
    return secrets.stream().map(PlantedSecret::value).toList();
  }

  /** {@return the size of every file written into the home, in bytes}. */
  public long homeBytes() {
    return homeBytes;
  }

  // ------------------------------------------------------------------------------------------
  // JSON
  // ------------------------------------------------------------------------------------------

  /** Writes this truth as pretty-printed JSON to {@code file}, replacing it. */
  public void writeJson(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      writeJson(out);
    }
  }

  /** {@return this truth as pretty-printed JSON}. */
  public String toJson() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writeJson(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private void writeJson(OutputStream out) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("generator", "wlat-testkit");
      g.writeObjectFieldStart("spec");
      g.writeNumberField("seed", spec.seed());
      g.writeStringField("start", spec.start().toString());
      g.writeNumberField("days", spec.days());
      g.writeNumberField("payload_bytes", spec.payloadBytes());
      g.writeNumberField("target_bytes", spec.targetBytes());
      g.writeArrayFieldStart("features");
      for (Feature f : Feature.values()) {
        if (spec.has(f)) {
          g.writeString(f.name());
        }
      }
      g.writeEndArray();
      g.writeArrayFieldStart("repos");
      for (HomeSpec.Repo r : spec.repos()) {
        g.writeStartObject();
        g.writeStringField("name", r.name());
        g.writeStringField("cwd", r.cwd());
        g.writeStringField("remote_url", r.remoteUrl());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("plain_dirs");
      for (HomeSpec.PlainDir p : spec.plainDirs()) {
        g.writeStartObject();
        g.writeStringField("cwd", p.cwd());
        g.writeStringField("sessions", p.sessions().toString());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();

      g.writeNumberField("home_bytes", homeBytes);
      g.writeNumberField("thread_count", threads.size());
      g.writeNumberField("rollout_file_count", files.size());
      g.writeFieldName("total");
      usage(g, total());
      g.writeFieldName("naive_sum_of_last_token_usage");
      naive(g, naiveSum());
      g.writeObjectFieldStart("by_utc_day");
      for (Map.Entry<LocalDate, Usage> e : byUtcDay().entrySet()) {
        g.writeFieldName(e.getKey().toString());
        usage(g, e.getValue());
      }
      g.writeEndObject();
      g.writeObjectFieldStart("by_model");
      for (Map.Entry<String, Usage> e : byModel().entrySet()) {
        g.writeFieldName(e.getKey());
        usage(g, e.getValue());
      }
      g.writeEndObject();

      JsonDocs.plantedSecrets(g, secrets);

      g.writeArrayFieldStart("files");
      for (FileTruth f : files) {
        g.writeStartObject();
        g.writeStringField("path", f.path());
        g.writeStringField("thread_id", f.threadId());
        g.writeStringField("role", f.role().name());
        g.writeBooleanField("counted", f.counted());
        g.writeNumberField("bytes", f.bytes());
        g.writeNumberField("token_count_rows", f.tokenCountRows());
        g.writeNumberField("info_null_rows", f.infoNullRows());
        g.writeNumberField("usage_rows", f.usageRows());
        g.writeNumberField("re_emitted_rows", f.reEmittedRows());
        g.writeNumberField("compaction_rows", f.compactionRows());
        g.writeNumberField("replayed_rows", f.replayedRows());
        g.writeNumberField("cumulative_resets", f.cumulativeResets());
        g.writeNumberField("token_usage_records", f.tokenUsageRecords());
        g.writeNumberField("duplicate_token_usage_records", f.duplicateTokenUsageRecords());
        g.writeNumberField("malformed_lines", f.malformedLines());
        g.writeNumberField("truncated_lines", f.truncatedLines());
        g.writeFieldName("naive_sum_of_last_token_usage");
        naive(g, f.naiveLastUsageSum());
        g.writeFieldName("final_total_token_usage");
        usage(g, f.finalTotal());
        g.writeFieldName("true_usage");
        usage(g, f.trueUsage());
        g.writeEndObject();
      }
      g.writeEndArray();

      g.writeArrayFieldStart("threads");
      for (ThreadTruth t : threads) {
        g.writeStartObject();
        g.writeStringField("id", t.threadId());
        g.writeStringField("kind", t.kind().name());
        g.writeStringField("parent_thread_id", t.parentThreadId());
        g.writeStringField("repo", t.repo());
        g.writeStringField("cwd", t.cwd());
        g.writeStringField("git_branch", t.gitBranch());
        g.writeStringField("git_origin_url", t.gitOriginUrl());
        g.writeStringField("originator", t.originator());
        g.writeStringField("cli_version", t.cliVersion());
        g.writeStringField("created_at", t.createdAt().toString());
        g.writeStringField("updated_at", t.updatedAt().toString());
        g.writeArrayFieldStart("files");
        for (String f : t.files()) {
          g.writeString(f);
        }
        g.writeEndArray();
        g.writeBooleanField("archived", t.archived());
        g.writeStringField("thread_name", t.threadName());
        g.writeNumberField("turns", t.turns());
        g.writeArrayFieldStart("models");
        for (String m : t.models()) {
          g.writeString(m);
        }
        g.writeEndArray();
        g.writeNumberField("history_lines", t.historyLines());
        g.writeFieldName("usage");
        usage(g, t.usage());
        g.writeFieldName("replayed_usage");
        usage(g, t.replayedUsage());
        g.writeFieldName("final_cumulative_total");
        usage(g, t.finalCumulativeTotal());
        g.writeObjectFieldStart("usage_by_utc_day");
        for (Map.Entry<LocalDate, Usage> e : t.usageByUtcDay().entrySet()) {
          g.writeFieldName(e.getKey().toString());
          usage(g, e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("increments");
        for (UsageIncrement i : t.increments()) {
          g.writeStartArray();
          g.writeString(i.timestamp().toString());
          g.writeString(i.turnId());
          g.writeString(i.model());
          g.writeNumber(i.usage().input());
          g.writeNumber(i.usage().cached());
          g.writeNumber(i.usage().output());
          g.writeNumber(i.usage().reasoning());
          g.writeNumber(i.usage().total());
          g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void usage(JsonGenerator g, Usage u) throws IOException {
    g.writeStartObject();
    g.writeNumberField("input_tokens", u.input());
    g.writeNumberField("cached_input_tokens", u.cached());
    g.writeNumberField("output_tokens", u.output());
    g.writeNumberField("reasoning_output_tokens", u.reasoning());
    g.writeNumberField("total_tokens", u.total());
    g.writeEndObject();
  }

  private static void naive(JsonGenerator g, FileTruth.NaiveSum u) throws IOException {
    g.writeStartObject();
    g.writeNumberField("input_tokens", u.input());
    g.writeNumberField("cached_input_tokens", u.cached());
    g.writeNumberField("output_tokens", u.output());
    g.writeNumberField("reasoning_output_tokens", u.reasoning());
    g.writeNumberField("total_tokens", u.total());
    g.writeEndObject();
  }

  @Override
  public String toString() {
    return "GroundTruth[threads=%d, files=%d, total=%s, bytes=%d]".formatted(threads.size(), files.size(),
        total(), homeBytes);
  }
}
