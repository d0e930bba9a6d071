package dev.wlat.github.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Streams GitHub REST responses as gh prints them, keeping only the named fields of each object.
 *
 * <p>{@code gh api --paginate} prints one JSON array per page back to back ({@code [...][...]}, with
 * or without whitespace between); {@link #readArrays} reads any number of them and hands each
 * element to a sink as an {@link Item}. Fields are named by dotted paths ({@code commit.author.date});
 * {@code []} steps into array elements ({@code labels[].name}). Every other subtree is skipped with
 * {@code skipChildren()} and its strings are never decoded, so large bodies cost only a scan.
 */
final class JsonPages {

  static final JsonFactory JSON = JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

  private JsonPages() {}

  /** The output is not what GitHub sends. */
  static final class MalformedException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  /** A value that is there but unusable (a timestamp that does not parse); thrown by {@link Item}. */
  static final class BadValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadValueException(String message) {
      super(message);
    }
  }

  /** The field paths to keep, with every prefix that must be descended into. */
  static final class Fields {
    private final Set<String> exact;
    private final Set<String> prefixes = new HashSet<>();

    private Fields(Set<String> exact) {
      this.exact = Set.copyOf(exact);
      for (String path : exact) {
        for (int i = path.indexOf('.'); i > 0; i = path.indexOf('.', i + 1)) {
          prefixes.add(path.substring(0, i));
        }
      }
    }

    static Fields of(String... paths) {
      return new Fields(Set.of(paths));
    }
  }

  /** One object's kept fields: scalars as text, a container's presence as {@code ""}. */
  static final class Item {
    private final Map<String, List<String>> values;

    Item(Map<String, List<String>> values) {
      this.values = values;
    }

    /** {@return the text of {@code path}, or {@code null} when absent or JSON null}. */
    String text(String path) {
      List<String> v = values.get(path);
      return v == null ? null : v.get(0);
    }

    /** {@return every value of {@code path} (array elements), in order}. */
    List<String> texts(String path) {
      List<String> v = values.get(path);
      return v == null ? List.of() : List.copyOf(v);
    }

    /** {@return whether {@code path} is present and not null}. */
    boolean has(String path) {
      return values.containsKey(path);
    }

    /** {@return the integer at {@code path}, or {@code null}}; a non-integer is malformed. */
    Long number(String path) {
      String t = text(path);
      if (t == null) {
        return null;
      }
      try {
        return Long.parseLong(t);
      } catch (NumberFormatException e) {
        throw new BadValueException(path + " is not an integer: [" + cut(t) + "]");
      }
    }

    /** {@return the timestamp at {@code path}, or {@code null}}; an unparseable one is malformed. */
    Instant instant(String path) {
      String t = text(path);
      if (t == null || t.isEmpty()) {
        return null;
      }
      try {
        return Instant.parse(t);
      } catch (DateTimeException e) {
        try {
          return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException e2) {
          throw new BadValueException(path + " is not a timestamp: [" + cut(t) + "]");
        }
      }
    }

    /** {@return the text at {@code path}}; absent is malformed. */
    String required(String path) {
      String t = text(path);
      if (t == null || t.isEmpty()) {
        throw new BadValueException("missing " + path);
      }
      return t;
    }
  }

  /**
   * Reads every top-level array of {@code in}, handing each element to {@code sink}.
   *
   * @return the number of arrays (pages) read
   * @throws MalformedException if {@code in} is not one or more arrays of objects, or a kept value
   *     is unusable
   */
  static int readArrays(InputStream in, Fields fields, Consumer<Item> sink) throws IOException {
    try (JsonParser p = JSON.createParser(in)) {
      int pages = 0;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t != JsonToken.START_ARRAY) {
          throw new MalformedException("expected a JSON array, found " + describe(t));
        }
        pages++;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          if (t != JsonToken.START_OBJECT) {
            throw new MalformedException("expected an object in the array, found " + describe(t));
          }
          Map<String, List<String>> out = new HashMap<>();
          readObject(p, "", fields, out);
          sink.accept(new Item(out));
        }
      }
      if (pages == 0) {
        throw new MalformedException("empty response");
      }
      return pages;
    } catch (BadValueException e) {
      throw new MalformedException(e.getMessage());
    } catch (JsonProcessingException e) {
      throw new MalformedException(oneLine(e.getOriginalMessage()));
    }
  }

  /** {@return the kept fields of the single top-level object of {@code in}}. */
  static Item readObject(InputStream in, Fields fields) throws IOException {
    try (JsonParser p = JSON.createParser(in)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        throw new MalformedException("expected a JSON object, found " + describe(t));
      }
      Map<String, List<String>> out = new HashMap<>();
      readObject(p, "", fields, out);
      return new Item(out);
    } catch (JsonProcessingException e) {
      throw new MalformedException(oneLine(e.getOriginalMessage()));
    }
  }

  private static void readObject(JsonParser p, String prefix, Fields f, Map<String, List<String>> out)
      throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      String path = prefix.isEmpty() ? name : prefix + "." + name;
      readValue(p, p.nextToken(), path, f, out);
    }
    if (t != JsonToken.END_OBJECT) {
      throw new MalformedException("unexpected " + describe(t) + " in an object");
    }
  }

  private static void readValue(JsonParser p, JsonToken t, String path, Fields f, Map<String, List<String>> out)
      throws IOException {
    if (t == null) {
      throw new MalformedException("unexpected end of input");
    }
    boolean wanted = f.exact.contains(path);
    switch (t) {
      case START_OBJECT:
        if (wanted) {
          add(out, path, "");
        }
        if (f.prefixes.contains(path)) {
          readObject(p, path, f, out);
        } else {
          p.skipChildren();
        }
        break;
      case START_ARRAY:
        if (wanted) {
          add(out, path, "");
        }
        String element = path + "[]";
        if (f.prefixes.contains(element) || f.exact.contains(element)) {
          JsonToken e;
          while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            readValue(p, e, element, f, out);
          }
        } else {
          p.skipChildren();
        }
        break;
      case VALUE_NULL:
        break;
      default:
        if (wanted) {
          add(out, path, p.getText());
        }
    }
  }

  private static void add(Map<String, List<String>> out, String path, String value) {
    out.computeIfAbsent(path, k -> new ArrayList<>(1)).add(value);
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "end of input";
    }
    switch (t) {
      case START_OBJECT:
      case END_OBJECT:
      case START_ARRAY:
      case END_ARRAY:
        return "'" + t.asString() + "'";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      default:
        return t.name();
    }
  }

  static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    String line = s.replaceAll("[\\r\\n\\t]+", " ").strip();
    return line.length() > 160 ? line.substring(0, 157) + "..." : line;
  }

  private static String cut(String s) {
    return oneLine(s.length() > 40 ? s.substring(0, 40) : s);
  }
}
