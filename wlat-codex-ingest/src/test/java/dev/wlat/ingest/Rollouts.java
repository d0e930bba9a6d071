package dev.wlat.ingest;

import dev.wlat.model.RolloutSegment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small rollout files in the shapes Codex writes (envelope, payloads), for tests. Every
 * fixture is made up here; none is copied from a real file.
 */
final class Rollouts {

  static final String THREAD = "019a1111-0000-7000-8000-00000000aaaa";
  static final String FILE_NAME = "rollout-2026-03-01T10-00-00-" + THREAD + ".jsonl";
  static final String T0 = "2026-03-01T10:00:00.000Z";

  private final StringBuilder text = new StringBuilder();

  private Rollouts() {}

  static Rollouts create() {
    return new Rollouts();
  }

  /** {@return a usage object}. */
  static String usage(long input, long cached, long output, long reasoning, long total) {
    return "{\"input_tokens\":" + input + ",\"cached_input_tokens\":" + cached
        + ",\"output_tokens\":" + output + ",\"reasoning_output_tokens\":" + reasoning
        + ",\"total_tokens\":" + total + "}";
  }

  /** {@return a rate-limit window}. */
  static String window(double used, Integer minutes, long resetsAt) {
    return "{\"used_percent\":" + used + ",\"window_minutes\":" + minutes + ",\"resets_at\":"
        + resetsAt + "}";
  }

  Rollouts line(String json) {
    text.append(json).append('\n');
    return this;
  }

  /** Appends text as is (no newline added). */
  Rollouts raw(String chars) {
    text.append(chars);
    return this;
  }

  Rollouts envelope(String ts, String type, String payload) {
    return line("{\"timestamp\":\"" + ts + "\",\"type\":\"" + type + "\",\"payload\":" + payload
        + "}");
  }

  Rollouts sessionMeta(String id) {
    return sessionMeta(id, "");
  }

  /** A session_meta; {@code extra} is inserted as further payload fields ({@code ,"k":v…}). */
  Rollouts sessionMeta(String id, String extra) {
    return envelope(T0, "session_meta", "{\"id\":\"" + id + "\",\"timestamp\":\"" + T0
        + "\",\"cwd\":\"/work/proj\",\"originator\":\"codex_cli_rs\",\"cli_version\":\"0.150.0\","
        + "\"source\":\"cli\",\"model_provider\":\"openai\",\"base_instructions\":{\"text\":\"be brief\"}"
        + extra + "}");
  }

  Rollouts turnContext(String turnId, String model, String effort) {
    return envelope(T0, "turn_context", "{" + (turnId == null ? "" : "\"turn_id\":\"" + turnId
        + "\",") + "\"cwd\":\"/work/proj\",\"approval_policy\":\"on-request\","
        + "\"sandbox_policy\":{\"type\":\"workspace-write\"},\"model\":\"" + model + "\""
        + (effort == null ? "" : ",\"effort\":\"" + effort + "\"") + ",\"summary\":\"auto\"}");
  }

  Rollouts taskStarted(String turnId) {
    return envelope(T0, "event_msg", "{\"type\":\"task_started\",\"turn_id\":\"" + turnId
        + "\",\"model_context_window\":258400}");
  }

  Rollouts taskComplete(String turnId) {
    return envelope(T0, "event_msg", "{\"type\":\"task_complete\",\"turn_id\":\"" + turnId + "\"}");
  }

  Rollouts tokenCount(String ts, String last, String total) {
    return envelope(ts, "event_msg", "{\"type\":\"token_count\",\"info\":{\"total_token_usage\":"
        + total + ",\"last_token_usage\":" + last + ",\"model_context_window\":258400},"
        + "\"rate_limits\":null}");
  }

  Rollouts tokenCount(String last, String total) {
    return tokenCount(T0, last, total);
  }

  Rollouts tokenCountWithLimits(String ts, String last, String total, String rateLimits) {
    return envelope(ts, "event_msg", "{\"type\":\"token_count\",\"info\":{\"total_token_usage\":"
        + total + ",\"last_token_usage\":" + last + ",\"model_context_window\":258400},"
        + "\"rate_limits\":" + rateLimits + "}");
  }

  Rollouts tokenCountInfoNull(String rateLimits) {
    return envelope(T0, "event_msg", "{\"type\":\"token_count\",\"info\":null,\"rate_limits\":"
        + rateLimits + "}");
  }

  Rollouts userMessage(String message) {
    return envelope(T0, "event_msg", "{\"type\":\"user_message\",\"message\":\"" + message
        + "\",\"images\":[]}");
  }

  Rollouts agentMessage(String message) {
    return envelope(T0, "event_msg", "{\"type\":\"agent_message\",\"message\":\"" + message + "\"}");
  }

  Rollouts responseMessage(String role, String message) {
    return envelope(T0, "response_item", "{\"type\":\"message\",\"role\":\"" + role
        + "\",\"content\":[{\"type\":\"input_text\",\"text\":\"" + message + "\"}]}");
  }

  Rollouts functionCall(String arguments, String output) {
    envelope(T0, "response_item", "{\"type\":\"function_call\",\"name\":\"shell\",\"arguments\":\""
        + arguments + "\",\"call_id\":\"call_1\"}");
    return envelope(T0, "response_item", "{\"type\":\"function_call_output\",\"call_id\":\"call_1\","
        + "\"output\":\"" + output + "\"}");
  }

  Rollouts compacted(String message) {
    envelope(T0, "compacted", "{\"message\":\"" + message + "\",\"replacement_history\":[{\"type\":"
        + "\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"" + message
        + "\"}]}]}");
    return envelope(T0, "event_msg", "{\"type\":\"context_compacted\"}");
  }

  String text() {
    return text.toString();
  }

  byte[] bytes() {
    return text().getBytes(StandardCharsets.UTF_8);
  }

  Path writeTo(Path dir) {
    return writeTo(dir, FILE_NAME);
  }

  Path writeTo(Path dir, String name) {
    return write(dir.resolve(name), bytes());
  }

  /** Parses what was written so far, as a lone file in {@code dir}. */
  RolloutSegment parse(Path dir) {
    return RolloutParser.create().parse(RolloutFile.of(writeTo(dir)));
  }

  static Path write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
