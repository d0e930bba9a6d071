package dev.wlat.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Test helpers that read a generated home independently of the generator. */
final class Rollouts {
  private static final JsonFactory JSON = new JsonFactory();

  private Rollouts() {}

  /** One line of a rollout: its parsed value, or null when it is not valid JSON. */
  record Line(String text, Object value, boolean complete) {
    @SuppressWarnings("unchecked")
    Map<String, Object> map() {
      return (Map<String, Object>) value;
    }

    boolean valid() {
      return value != null;
    }
  }

  static List<Path> rolloutFiles(Path home) throws IOException {
    try (Stream<Path> s = Files.walk(home)) {
      return s.filter(p -> {
        String n = p.getFileName().toString();
        return n.startsWith("rollout-") && (n.endsWith(".jsonl") || n.endsWith(".jsonl.zst"));
      }).sorted().toList();
    }
  }

  static String rel(Path home, Path p) {
    return home.relativize(p).toString().replace('\\', '/');
  }

  static byte[] bytes(Path p) throws IOException {
    if (p.toString().endsWith(".zst")) {
      try (InputStream in = new ZstdInputStream(Files.newInputStream(p))) {
        return in.readAllBytes();
      }
    }
    return Files.readAllBytes(p);
  }

  static List<Line> lines(Path p) throws IOException {
    String all = new String(bytes(p), StandardCharsets.UTF_8);
    List<Line> out = new ArrayList<>();
    int start = 0;
    while (start < all.length()) {
      int nl = all.indexOf('\n', start);
      boolean complete = nl >= 0;
      String text = complete ? all.substring(start, nl) : all.substring(start);
      out.add(new Line(text, complete ? parseOrNull(text) : null, complete));
      start = complete ? nl + 1 : all.length();
    }
    return out;
  }

  static Object parseOrNull(String text) {
    try (JsonParser p = JSON.createParser(text)) {
      p.nextToken();
      Object v = read(p);
      if (p.nextToken() != null) {
        return null;
      }
      return v;
    } catch (IOException e) {
      return null;
    }
  }

  /** {@return every top-level value of {@code text}, in order: a paginated gh response is several arrays}. */
  static List<Object> parseAll(String text) throws IOException {
    List<Object> out = new ArrayList<>();
    try (JsonParser p = JSON.createParser(text)) {
      while (p.nextToken() != null) {
        out.add(read(p));
      }
    }
    return out;
  }

  private static Object read(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String k = p.currentName();
          p.nextToken();
          m.put(k, read(p));
        }
        return m;
      }
      case START_ARRAY: {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(read(p));
        }
        return l;
      }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected " + t);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> obj(Object o, String key) {
    return o == null ? null : (Map<String, Object>) ((Map<String, Object>) o).get(key);
  }

  static long[] usage(Map<String, Object> u) {
    return new long[] {
      (Long) u.get("input_tokens"), (Long) u.get("cached_input_tokens"), (Long) u.get("output_tokens"),
      (Long) u.get("reasoning_output_tokens"), (Long) u.get("total_tokens")
    };
  }

  /** {@return the token_count payload of a line, or null}. */
  static Map<String, Object> tokenCount(Line l) {
    if (!l.valid() || !"event_msg".equals(l.map().get("type"))) {
      return null;
    }
    Map<String, Object> p = obj(l.value(), "payload");
    return p != null && "token_count".equals(p.get("type")) ? p : null;
  }
}
