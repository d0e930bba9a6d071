package dev.wlat.ingest.claude;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hand-written Claude Code log lines in the shape Claude Code writes them (FORMAT.md §6), made up
 * for the tests: no real log is copied. Each method gives one line without its newline.
 */
final class ClaudeLines {

  static final String SESSION = "5c0ffee0-0000-4000-8000-000000000001";
  static final String CWD = "/home/u/proj";

  private ClaudeLines() {}

  /** An assistant line of message {@code msg} in request {@code req} at {@code ts} with the four counts. */
  static String assistant(String msg, String req, String ts, String model, long input, long cacheCreation,
      long cacheRead, long output) {
    return assistantRaw(msg, req, ts, model, usage(input, cacheCreation, cacheRead, output));
  }

  /** An assistant line with {@code usageJson} as its {@code message.usage}. */
  static String assistantRaw(String msg, String req, String ts, String model, String usageJson) {
    return "{\"parentUuid\":\"aaaa0000-0000-4000-8000-000000000001\",\"isSidechain\":false,\"userType\":\"external\","
        + "\"cwd\":\"" + CWD + "\",\"sessionId\":\"" + SESSION + "\",\"version\":\"2.0.14\",\"gitBranch\":\"main\","
        + "\"message\":{" + (msg == null ? "" : "\"id\":\"" + msg + "\",") + "\"type\":\"message\",\"role\":\"assistant\","
        + "\"model\":\"" + model + "\",\"content\":[{\"type\":\"text\",\"text\":\"Looking at the tests now.\"}],"
        + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":" + usageJson + "},"
        + (req == null ? "" : "\"requestId\":\"" + req + "\",")
        + "\"type\":\"assistant\",\"uuid\":\"bbbb0000-0000-4000-8000-000000000002\",\"timestamp\":\"" + ts + "\"}";
  }

  /** A {@code message.usage} object as Claude Code writes it, with its nested cache detail and tier. */
  static String usage(long input, long cacheCreation, long cacheRead, long output) {
    return "{\"input_tokens\":" + input + ",\"cache_creation_input_tokens\":" + cacheCreation
        + ",\"cache_read_input_tokens\":" + cacheRead + ",\"cache_creation\":{\"ephemeral_5m_input_tokens\":"
        + cacheCreation + ",\"ephemeral_1h_input_tokens\":0},\"output_tokens\":" + output
        + ",\"service_tier\":\"standard\"}";
  }

  static String user(String ts) {
    return "{\"parentUuid\":null,\"isSidechain\":false,\"userType\":\"external\",\"cwd\":\"" + CWD
        + "\",\"sessionId\":\"" + SESSION + "\",\"type\":\"user\",\"message\":{\"role\":\"user\","
        + "\"content\":\"please fix the failing test\"},\"uuid\":\"cccc0000-0000-4000-8000-000000000003\","
        + "\"timestamp\":\"" + ts + "\"}";
  }

  /** A tool result whose {@code toolUseResult} carries a subagent's {@code usage}: not a call of this file. */
  static String toolResultWithUsage(String ts) {
    return "{\"type\":\"user\",\"sessionId\":\"" + SESSION + "\",\"message\":{\"role\":\"user\",\"content\":"
        + "[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01\",\"content\":\"done\"}]},"
        + "\"toolUseResult\":{\"status\":\"completed\",\"totalTokens\":999,\"usage\":{\"input_tokens\":5,"
        + "\"output_tokens\":7}},\"timestamp\":\"" + ts + "\"}";
  }

  static String summary() {
    return "{\"type\":\"summary\",\"summary\":\"Fixing the usage report\",\"leafUuid\":\"dddd0000-0000-4000-8000-000000000004\"}";
  }

  static String system(String ts) {
    return "{\"type\":\"system\",\"subtype\":\"compact_boundary\",\"content\":\"Conversation compacted\","
        + "\"sessionId\":\"" + SESSION + "\",\"timestamp\":\"" + ts + "\"}";
  }

  /** Writes {@code lines}, each followed by {@code '\n'}, to {@code file} under {@code dir}. */
  static Path write(Path dir, String file, String... lines) {
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      b.append(l).append('\n');
    }
    return writeRaw(dir, file, b.toString().getBytes(StandardCharsets.UTF_8));
  }

  static Path writeRaw(Path dir, String file, byte[] bytes) {
    try {
      Path p = dir.resolve(file);
      Files.createDirectories(p.getParent());
      return Files.write(p, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
