package dev.wlat.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A JSON object for {@code wlat --json status}, built field by field and printed with two-space indents.
 *
 * <p>Values are {@code null}, {@link String}, {@link Boolean}, {@link Long}, {@link Integer},
 * {@link Double} (non-finite ones print as {@code null}) or another {@code StatusJson}.
 */
final class StatusJson {

  private final Map<String, Object> fields = new LinkedHashMap<>();

  private StatusJson() {}

  /** {@return an empty object}. */
  static StatusJson create() {
    return new StatusJson();
  }

  /** {@return this object, with {@code name} set to {@code value}}. */
  StatusJson put(String name, Object value) {
    if (value != null && !(value instanceof String || value instanceof Boolean || value instanceof Long
        || value instanceof Integer || value instanceof Double || value instanceof StatusJson)) {
      throw new IllegalArgumentException("not a JSON value for [" + name + "]: " + value.getClass().getName());
    }
    fields.put(name, value);
    return this;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    write(b, 0);
    return b.toString();
  }

  private void write(StringBuilder b, int depth) {
    if (fields.isEmpty()) {
      b.append("{}");
      return;
    }
    b.append("{\n");
    int i = 0;
    for (Map.Entry<String, Object> f : fields.entrySet()) {
      indent(b, depth + 1);
      string(b, f.getKey());
      b.append(": ");
      Object v = f.getValue();
      if (v instanceof StatusJson o) {
        o.write(b, depth + 1);
      } else if (v instanceof String s) {
        string(b, s);
      } else if (v instanceof Double d) {
        b.append(Double.isFinite(d) ? Double.toString(d).toLowerCase(Locale.ROOT) : "null");
      } else {
        b.append(v);
      }
      b.append(++i < fields.size() ? ",\n" : "\n");
    }
    indent(b, depth);
    b.append('}');
  }

  private static void indent(StringBuilder b, int depth) {
    b.append("  ".repeat(depth));
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    JsonStringEncoder.getInstance().quoteAsString(s, b); // Jackson's escaping: quotes, backslashes, controls
    b.append('"');
  }
}
