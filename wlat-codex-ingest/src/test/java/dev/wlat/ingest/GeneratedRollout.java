package dev.wlat.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A realistic rollout generated from a seed: turns with turn contexts, messages, long response
 * items (with escapes and non-ASCII text), compactions and token rows whose cumulative
 * {@code total_tokens} are all distinct, so each token row can be recognised in the output.
 */
public final class GeneratedRollout {

  /** One line of the generated file: {@code [start, end)} without its newline at {@code end}. */
  public record Line(int start, int end, boolean token, long total) {}

  public static final String THREAD = "019a2222-0000-7000-8000-00000000cccc";
  public static final String FILE_NAME = "rollout-2026-04-01T10-00-00-" + THREAD + ".jsonl";

  private final byte[] bytes;
  private final List<Line> lines;

  private GeneratedRollout(byte[] bytes, List<Line> lines) {
    this.bytes = bytes;
    this.lines = List.copyOf(lines);
  }

  public static GeneratedRollout of(long seed) {
    Random r = new Random(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Line> lines = new ArrayList<>();
    add(out, lines, "{\"timestamp\":\"2026-04-01T10:00:00.000Z\",\"type\":\"session_meta\",\"payload\":"
        + "{\"id\":\"" + THREAD + "\",\"timestamp\":\"2026-04-01T10:00:00.000Z\",\"cwd\":\"/w\","
        + "\"originator\":\"codex_cli_rs\",\"cli_version\":\"0.150.0\",\"source\":\"cli\","
        + "\"base_instructions\":{\"text\":\"" + text(r, 2000) + "\"}}}", false, 0);
    long total = 0;
    int turns = 1 + r.nextInt(5);
    for (int t = 1; t <= turns; t++) {
      String turn = String.format("019a2222-%04x-7000-8000-000000000000", t);
      add(out, lines, env(t, "event_msg", "{\"type\":\"task_started\",\"turn_id\":\"" + turn + "\"}"),
          false, 0);
      add(out, lines, env(t, "turn_context", "{\"turn_id\":\"" + turn + "\",\"cwd\":\"/w\","
          + "\"model\":\"gpt-5.3-codex\",\"effort\":\"medium\",\"user_instructions\":\""
          + text(r, 500) + "\"}"), false, 0);
      add(out, lines, env(t, "event_msg", "{\"type\":\"user_message\",\"message\":\""
          + text(r, 200) + "\"}"), false, 0);
      int requests = 1 + r.nextInt(5);
      for (int k = 0; k < requests; k++) {
        add(out, lines, env(t, "response_item", "{\"type\":\"message\",\"role\":\"assistant\","
            + "\"content\":[{\"type\":\"output_text\",\"text\":\"" + text(r, 3000) + "\"}]}"),
            false, 0);
        if (r.nextInt(3) == 0) {
          add(out, lines, env(t, "event_msg", "{\"type\":\"exec_command_end\",\"stdout\":\""
              + text(r, 400) + "\",\"exit_code\":0}"), false, 0);
        }
        long last = 1 + r.nextInt(50_000);
        total += last;
        add(out, lines, env(t, "event_msg", "{\"type\":\"token_count\",\"info\":"
            + "{\"total_token_usage\":" + usage(total) + ",\"last_token_usage\":" + usage(last)
            + ",\"model_context_window\":258400},\"rate_limits\":{\"primary\":{\"used_percent\":"
            + r.nextInt(100) + ".0,\"window_minutes\":300,\"resets_at\":1775000000}}}"), true, total);
      }
      if (r.nextInt(4) == 0) {
        add(out, lines, env(t, "compacted", "{\"message\":\"" + text(r, 300)
            + "\",\"replacement_history\":[]}"), false, 0);
      }
    }
    return new GeneratedRollout(out.toByteArray(), lines);
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public List<Line> lines() {
    return lines;
  }

  /** {@return the distinct totals of the token lines}, in file order. */
  public List<Long> tokenTotals() {
    return lines.stream().filter(Line::token).map(Line::total).toList();
  }

  private static String env(int t, String type, String payload) {
    return "{\"timestamp\":\"2026-04-01T10:" + String.format("%02d", t) + ":00.000Z\",\"type\":\""
        + type + "\",\"payload\":" + payload + "}";
  }

  private static String usage(long total) {
    return "{\"input_tokens\":" + total + ",\"cached_input_tokens\":0,\"output_tokens\":0,"
        + "\"reasoning_output_tokens\":0,\"total_tokens\":" + total + "}";
  }

  /** Text with JSON escapes, non-ASCII letters and braces, as prompts and tool output have. */
  private static String text(Random r, int maxLength) {
    String[] pieces = {"word ", "{\\\"k\\\": [1, 2]} ", "line\\n", "caf\u00e9 ", "\u65e5\u672c ",
        "tab\\t", "quote\\\" ", "} ] ", "\\u00e9 ", "path/to/file.java "};
    StringBuilder sb = new StringBuilder();
    int length = r.nextInt(maxLength + 1);
    while (sb.length() < length) {
      sb.append(pieces[r.nextInt(pieces.length)]);
    }
    return sb.toString();
  }

  private static void add(ByteArrayOutputStream out, List<Line> lines, String json, boolean token,
      long total) {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    int start = out.size();
    out.writeBytes(b);
    lines.add(new Line(start, out.size(), token, total));
    out.write('\n');
  }
}
