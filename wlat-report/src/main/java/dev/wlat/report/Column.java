package dev.wlat.report;

import java.util.Objects;
import java.util.function.Function;

/**
 * One named column of a TSV table: its header and how to render a row's value.
 *
 * @param <T> the row type
 * @param name the header, snake_case as in the original wlat's TSVs
 * @param value renders a row's cell; {@code null} renders as an empty cell
 */
public record Column<T>(String name, Function<? super T, ?> value) {

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.isEmpty() || !name.matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("Column name [" + name + "] must be snake_case");
    }
  }

  /** {@return a column named {@code name} rendering {@code value}}. */
  public static <T> Column<T> of(String name, Function<? super T, ?> value) {
    return new Column<>(name, value);
  }
}
