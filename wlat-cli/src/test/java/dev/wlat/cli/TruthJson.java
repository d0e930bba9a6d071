package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts of a ground-truth JSON file (as {@code GroundTruth.writeJson} writes it) that CLI tests
 * compare against, read with jackson-core's streaming parser.
 *
 * @param total the top-level {@code "total"} usage
 * @param byUtcDay the top-level {@code "by_utc_day"} usages, keyed by ISO date
 */
record TruthJson(Sums total, Map<String, Sums> byUtcDay) {

  static TruthJson read(Path file) throws IOException {
    Sums total = null;
    Map<String, Sums> byDay = new TreeMap<>();
    try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
      expect(file, p.nextToken(), JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("total")) {
          total = usage(file, p);
        } else if (field.equals("by_utc_day")) {
          expect(file, p.currentToken(), JsonToken.START_OBJECT);
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String day = p.currentName();
            p.nextToken();
            byDay.put(day, usage(file, p));
          }
        } else {
          p.skipChildren();
        }
      }
    }
    assertThat(total).as("\"total\" in " + file).isNotNull();
    assertThat(byDay).as("\"by_utc_day\" in " + file).isNotEmpty();
    return new TruthJson(total, byDay);
  }

  private static Sums usage(Path file, JsonParser p) throws IOException {
    expect(file, p.currentToken(), JsonToken.START_OBJECT);
    Map<String, Long> f = new TreeMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      f.put(name, p.getLongValue());
    }
    assertThat(f).as("a usage object in " + file).containsKeys("total_tokens", "input_tokens", "cached_input_tokens",
        "output_tokens", "reasoning_output_tokens");
    return new Sums(f.get("total_tokens"), f.get("input_tokens"), f.get("cached_input_tokens"), f.get("output_tokens"),
        f.get("reasoning_output_tokens"));
  }

  private static void expect(Path file, JsonToken actual, JsonToken expected) {
    assertThat(actual).as("JSON token in " + file).isEqualTo(expected);
  }
}
