package dev.wlat.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Thread names from a Codex home's {@code session_index.jsonl} ({@code {"id","thread_name",
 * "updated_at"}} lines): the newest line per id wins (by {@code updated_at}, else by file order).
 *
 * @param names thread id to thread name, sorted by id
 * @param malformedLines lines that were not such objects
 */
public record SessionIndex(Map<String, String> names, long malformedLines) {

  private static final JsonFactory JSON = new JsonFactory();

  public SessionIndex {
    names = Collections.unmodifiableMap(new TreeMap<>(names));
  }

  /** An index with no names. */
  public static final SessionIndex EMPTY = new SessionIndex(Map.of(), 0);

  /**
   * {@return the session index of a Codex home; {@link #EMPTY} when the file is missing}.
   *
   * @throws IngestException when the file exists but cannot be read
   */
  public static SessionIndex read(Path codexHome) {
    Path file = codexHome.resolve(CodexHome.SESSION_INDEX);
    Map<String, String> names = new HashMap<>();
    Map<String, Instant> times = new HashMap<>();
    long malformed = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        Entry e = parse(line);
        if (e == null) {
          malformed++;
          continue;
        }
        Instant previous = times.get(e.id);
        if (names.containsKey(e.id) && previous != null && e.updatedAt != null
            && e.updatedAt.isBefore(previous)) {
          continue;
        }
        names.put(e.id, e.name);
        times.put(e.id, e.updatedAt);
      }
    } catch (NoSuchFileException e) {
      return EMPTY;
    } catch (IOException e) {
      throw IngestException.of("cannot read " + file, e);
    }
    return new SessionIndex(names, malformed);
  }

  /** {@return the name of thread {@code id}, if the index has one}. */
  public Optional<String> nameOf(String id) {
    return Optional.ofNullable(names.get(id));
  }

  private static final class Entry {
    String id;
    String name;
    Instant updatedAt;
  }

  private static Entry parse(String line) {
    Entry e = new Entry();
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if ("id".equals(field) && t == JsonToken.VALUE_STRING) {
          e.id = p.getText();
        } else if ("thread_name".equals(field) && t == JsonToken.VALUE_STRING) {
          e.name = p.getText();
        } else if ("updated_at".equals(field)) {
          e.updatedAt = instant(p, t);
        } else {
          p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        return null;
      }
    } catch (IOException ex) {
      return null;
    }
    return e.id == null || e.name == null ? null : e;
  }

  private static Instant instant(JsonParser p, JsonToken t) throws IOException {
    try {
      if (t == JsonToken.VALUE_STRING) {
        return dev.wlat.ingest.internal.Timestamps.parse(p.getText());
      }
      if (t == JsonToken.VALUE_NUMBER_INT) {
        long v = p.getLongValue();
        return v >= 100_000_000_000L ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v);
      }
    } catch (DateTimeException | ArithmeticException e) {
      return null;
    }
    p.skipChildren();
    return null;
  }
}
