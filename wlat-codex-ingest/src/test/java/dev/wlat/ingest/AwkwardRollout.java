package dev.wlat.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A rollout made from a seed by drawing lines from a palette of awkward shapes: fork and subagent
 * children with replayed parent turns (UUIDv7 and not), foreign {@code session_meta}s, usage
 * records, repeated totals, rate limits, unknown event kinds, long lines (held whole or streamed
 * past), NUL bytes, invalid UTF-8, multi-byte text, malformed, blank, legacy and non-object lines,
 * keys out of order, and sometimes an unterminated last line. Made up here; copied from no file.
 */
public final class AwkwardRollout {

  public static final String CHILD = "019a0000-5000-7000-8000-000000000002";
  public static final String PARENT = "019a0000-1000-7000-8000-000000000001";
  public static final String FILE_NAME = "rollout-2026-03-01T10-00-00-" + CHILD + ".jsonl";

  private static final String[] TURNS = {
    "019a0000-2000-7000-8000-000000000003", // older than the child: a parent's turn
    "019a0000-6000-7000-8000-000000000005", // newer: the child's own
    "turn-not-a-uuid", "019a0000-7000-7000-8000-000000000006"
  };
  private static final String[] TEXT = {
    "word ", "caf\u00e9 ", "\u65e5\u672c\u8a9e ", "\ud83d\ude00 ", "{\\\"k\\\": [1]} ", "} ] ",
    "tab\\t", "\\u00e9 ", "line\\n"
  };

  private final Random r;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private long total;
  private int second;

  private AwkwardRollout(long seed) {
    // Mixed first: java.util.Random's first draws barely differ between nearby seeds.
    long z = seed + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    this.r = new Random(z ^ (z >>> 31));
  }

  /** {@return the bytes of the file for {@code seed}}. */
  public static byte[] of(long seed) {
    return new AwkwardRollout(seed).build();
  }

  private byte[] build() {
    switch (r.nextInt(4)) {
      case 0:
        line(sessionMeta(CHILD, ",\"forked_from_id\":\"" + PARENT + "\""));
        break;
      case 1:
        line(sessionMeta(CHILD, ",\"source\":{\"subagent\":{\"thread_spawn\":{\"parent_thread_id\":\""
            + PARENT + "\",\"depth\":1}}}"));
        break;
      case 2:
        line(sessionMeta(CHILD, ""));
        break;
      default:
        // no session_meta first: rows before it, or a legacy first line
    }
    int lines = 3 + r.nextInt(40);
    for (int i = 0; i < lines; i++) {
      piece();
    }
    if (r.nextInt(3) == 0) {
      byte[] last = tokenCount(false).getBytes(StandardCharsets.UTF_8);
      out.write(last, 0, r.nextInt(last.length + 1));
    }
    return out.toByteArray();
  }

  private void piece() {
    switch (r.nextInt(28)) {
      case 0 -> line(sessionMeta(PARENT, ""));
      case 1 -> line(env("event_msg", "{\"type\":\"task_started\",\"turn_id\":\"" + turn() + "\"}"));
      case 2 -> line(env("turn_context", "{\"turn_id\":\"" + turn() + "\",\"cwd\":\"/w/"
          + r.nextInt(3) + "\",\"model\":\"gpt-5." + r.nextInt(3) + "\",\"effort\":\""
          + (r.nextBoolean() ? "low" : "high") + "\"}"));
      case 3, 4, 5 -> line(tokenCount(false));
      case 6 -> line(tokenCount(true));
      case 7 -> line(env("event_msg", "{\"type\":\"token_count\",\"info\":null,\"rate_limits\":"
          + limits() + "}"));
      case 8 -> line(env("token_usage_record", "{\"turn_id\":\"" + turn() + "\",\"response_id\":"
          + "\"resp_" + r.nextInt(1000) + "\",\"usage\":" + usage(1 + r.nextInt(100))
          + (r.nextBoolean() ? ",\"thread_token_usage\":" + usage(total += 7) : "") + "}"));
      case 9 -> line(env("response_item", "{\"type\":\"message\",\"content\":[{\"text\":\""
          + text(200) + "\"}]}"));
      case 10 -> line(env("response_item", "{\"type\":\"message\",\"content\":[{\"text\":\""
          + text(9000) + "\"}]}"));
      case 11 -> line(env("event_msg", "{\"type\":\"agent_message\",\"message\":\"" + text(6000)
          + "\"}"));
      case 12 -> line(env("event_msg", "{\"type\":\"custom_kind_" + r.nextInt(6) + "\"}"));
      case 13 -> line(env("compacted", "{\"message\":\"" + text(100) + "\"}"));
      case 14 -> line("{\"timestamp\":\"2026-03-01T10:00:00Z\",\"type\":");
      case 15 -> {
        byte[] b = tokenCount(false).getBytes(StandardCharsets.UTF_8);
        b[1 + r.nextInt(b.length - 1)] = 0;
        raw(b);
        out.write('\n');
      }
      case 16 -> {
        raw(env("event_msg", "{\"type\":\"token_count\",\"info\":null,\"rate_limits\":{\"plan_type\":\"")
            .getBytes(StandardCharsets.UTF_8));
        raw(new byte[] {(byte) 0xFF, (byte) 0xC3});
        raw("\"}}\n".getBytes(StandardCharsets.UTF_8));
      }
      case 17 -> line(r.nextBoolean() ? "" : "   \t");
      case 18 -> line(r.nextBoolean() ? "{\"record_type\":\"state\"}"
          : "{\"id\":\"" + CHILD + "\",\"timestamp\":\"2025-08-01T09:00:00.000Z\",\"cwd\":\"/old\"}");
      case 19 -> line(env("mystery_type", "{}"));
      case 20 -> line(env("event_msg", "{\"type\":\"token_count\",\"pad\":\"" + "p".repeat(
          3000 + r.nextInt(4000)) + "\",\"info\":{\"total_token_usage\":" + usage(total += 3)
          + ",\"last_token_usage\":" + usage(3) + "}}"));
      case 21 -> line("[1,2,3]");
      case 22 -> line(env("event_msg", "{\"type\":\"token_count\",\"info\":{\"total_token_usage\":"
          + "{\"input_tokens\":-5,\"total_tokens\":1}}}"));
      case 23 -> line("{\"payload\":{\"type\":\"token_count\",\"info\":{\"total_token_usage\":"
          + usage(total += 11) + "}},\"type\":\"event_msg\",\"timestamp\":\"2026-03-01T10:00:"
          + String.format("%02d", second % 60) + "Z\"}");
      case 24 -> line(env("event_msg", "{\"type\":\"task_complete\",\"turn_id\":\"" + turn() + "\"}"));
      case 25 -> line("{\"timestamp\":" + (r.nextBoolean() ? "\"yesterday\"" : "12")
          + ",\"type\":\"event_msg\",\"payload\":{\"type\":\"token_count\",\"info\":null}}");
      case 26 -> line(env("session_meta", "[\"not an object\"]"));
      default -> line(env("response_item", "{\"type\":\"reasoning\",\"summary\":[],\"text\":\""
          + "\u00e9\u65e5".repeat(1 + r.nextInt(60)) + "\"}"));
    }
  }

  private String tokenCount(boolean repeat) {
    long last = 1 + r.nextInt(5000);
    if (!repeat) {
      total += last;
    }
    return env("event_msg", "{\"type\":\"token_count\",\"info\":{\"total_token_usage\":"
        + usage(total) + ",\"last_token_usage\":" + (r.nextInt(5) == 0 ? zero() : usage(last))
        + ",\"model_context_window\":258400},\"rate_limits\":" + (r.nextBoolean() ? "null"
        : limits()) + "}");
  }

  private String limits() {
    return "{\"primary\":{\"used_percent\":" + (r.nextBoolean() ? r.nextInt(100) + ".0"
        : r.nextInt(100) + ".25") + ",\"window_minutes\":300,\"resets_in_seconds\":"
        + r.nextInt(20000) + "},\"secondary\":{\"used_percent\":7,\"window_minutes\":10080,"
        + "\"resets_at\":1775000000},\"plan_type\":\"plus\",\"credits\":{\"has_credits\":"
        + r.nextBoolean() + ",\"unlimited\":false,\"balance\":\"12.5\"}}";
  }

  private String turn() {
    return TURNS[r.nextInt(TURNS.length)];
  }

  private String sessionMeta(String id, String extra) {
    return env("session_meta", "{\"id\":\"" + id + "\",\"timestamp\":\"2026-03-01T10:00:00.000Z\","
        + "\"cwd\":\"/w\",\"originator\":\"codex_cli_rs\",\"cli_version\":\"0.150.0\","
        + "\"model_provider\":\"openai\",\"git\":{\"commit_hash\":\"abc\",\"branch\":\"main\"}"
        + extra + "}");
  }

  private String env(String type, String payload) {
    second++;
    return "{\"timestamp\":\"2026-03-01T" + String.format("%02d:%02d:%02d.%03dZ", 10 + second / 3600,
        second / 60 % 60, second % 60, r.nextInt(1000)) + "\",\"type\":\"" + type + "\",\"payload\":"
        + payload + "}";
  }

  private static String usage(long total) {
    return "{\"input_tokens\":" + total + ",\"cached_input_tokens\":" + total / 3
        + ",\"output_tokens\":0,\"reasoning_output_tokens\":0,\"total_tokens\":" + total + "}";
  }

  private static String zero() {
    return "{\"input_tokens\":0,\"cached_input_tokens\":0,\"output_tokens\":0,"
        + "\"reasoning_output_tokens\":0,\"total_tokens\":9}";
  }

  private String text(int maxLength) {
    StringBuilder sb = new StringBuilder();
    int length = r.nextInt(maxLength + 1);
    while (sb.length() < length) {
      sb.append(TEXT[r.nextInt(TEXT.length)]);
    }
    return sb.toString();
  }

  private void line(String json) {
    raw(json.getBytes(StandardCharsets.UTF_8));
    out.write('\n');
  }

  private void raw(byte[] b) {
    out.write(b, 0, b.length);
  }
}
