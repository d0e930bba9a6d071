package dev.wlat.cli;

/**
 * Lines of a hand-written rollout for the tests, in the shapes of FORMAT.md: every line of one day,
 * its time given as {@code HH:mm:ss}.
 */
final class HandRollout {

  private final String day;

  private HandRollout(String day) {
    this.day = day;
  }

  /** {@return a writer of lines dated {@code day} ({@code 2026-05-01})}. */
  static HandRollout on(String day) {
    return new HandRollout(day);
  }

  /** {@return one line: {@code {"timestamp", "type", "payload"}} at {@code time} of the day}. */
  String envelope(String time, String type, String payload) {
    return "{\"timestamp\":\"" + day + "T" + time + ".000Z\",\"type\":\"" + type + "\",\"payload\":" + payload + "}\n";
  }

  /** {@return a CLI session's {@code session_meta} line for {@code thread} in {@code cwd}}. */
  String sessionMeta(String time, String thread, String cwd) {
    return envelope(time, "session_meta", "{\"id\":\"" + thread + "\",\"timestamp\":\"" + day + "T" + time
        + ".000Z\",\"cwd\":\"" + cwd + "\",\"originator\":\"codex_cli_rs\",\"cli_version\":\"0.150.0\","
        + "\"source\":\"cli\"}");
  }

  /** {@return a {@code turn_context} line: turn {@code turnId} of {@code model} in {@code cwd}}. */
  String turnContext(String time, String turnId, String cwd, String model) {
    return envelope(time, "turn_context", "{\"turn_id\":\"" + turnId + "\",\"cwd\":\"" + cwd + "\",\"model\":\""
        + model + "\"}");
  }

  /** {@return a token_count line with {@code last} and {@code total} usage, a 258,400-token window, no rate limits}. */
  String tokenCount(String time, String last, String total) {
    return envelope(time, "event_msg", "{\"type\":\"token_count\",\"info\":{\"total_token_usage\":" + total
        + ",\"last_token_usage\":" + last + ",\"model_context_window\":258400},\"rate_limits\":null}");
  }

  /** {@return a usage object; Codex's input holds the cached tokens, its output the reasoning ones}. */
  static String usage(long input, long cached, long output, long reasoning, long total) {
    return "{\"input_tokens\":" + input + ",\"cached_input_tokens\":" + cached + ",\"output_tokens\":" + output
        + ",\"reasoning_output_tokens\":" + reasoning + ",\"total_tokens\":" + total + "}";
  }
}
