package dev.wlat.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A JSON document as plain maps, lists, strings, numbers, booleans and nulls, for tests to look into. */
final class Json {

  private Json() {}

  /** {@return {@code text} parsed}: objects as {@code Map<String, Object>}, arrays as {@code List<Object>}. */
  static Object parse(String text) {
    try (JsonParser p = new JsonFactory().createParser(text)) {
      p.nextToken();
      Object v = value(p);
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("trailing content after the JSON value");
      }
      return v;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return {@code text} parsed as an object}. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String text) {
    return (Map<String, Object>) parse(text);
  }

  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String k = p.currentName();
          p.nextToken();
          m.put(k, value(p));
        }
        return m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(value(p));
        }
        return l;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        return p.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDecimalValue();
      }
      case VALUE_TRUE -> {
        return true;
      }
      case VALUE_FALSE -> {
        return false;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IllegalArgumentException("unexpected " + t);
    }
  }

  /** {@return the call rows of a dashboard document ({@code wlat-dashboard/1})}. */
  @SuppressWarnings("unchecked")
  static List<List<Object>> calls(Map<String, Object> dashboard) {
    return (List<List<Object>>) ((Map<String, Object>) dashboard.get("calls")).get("rows");
  }

  /** {@return the index of the call column {@code name} of a dashboard document}, -1 when it has none. */
  @SuppressWarnings("unchecked")
  static int column(Map<String, Object> dashboard, String name) {
    return ((List<String>) ((Map<String, Object>) dashboard.get("calls")).get("columns")).indexOf(name);
  }
}
