package dev.wlat.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The schema of one TSV fact file: its file name and its ordered columns.
 *
 * @param <T> the row type
 * @param fileName e.g. {@code token_session_rollups.tsv}
 * @param columns the columns, in order
 */
public record TsvTable<T>(String fileName, List<Column<T>> columns) {

  public TsvTable {
    Objects.requireNonNull(fileName, "fileName");
    if (!fileName.endsWith(".tsv")) {
      throw new IllegalArgumentException("TSV table file name [" + fileName + "] must end in .tsv");
    }
    columns = List.copyOf(columns);
    Set<String> seen = new HashSet<>();
    for (Column<T> c : columns) {
      if (!seen.add(c.name())) {
        throw new IllegalArgumentException("Duplicate column [" + c.name() + "] in " + fileName);
      }
    }
  }

  /** {@return the header names, in order}. */
  public List<String> header() {
    List<String> names = new ArrayList<>(columns.size());
    for (Column<T> c : columns) {
      names.add(c.name());
    }
    return names;
  }

  /** {@return a builder for a table named {@code fileName}}. */
  public static <T> Builder<T> builder(String fileName) {
    return new Builder<>(fileName);
  }

  /** Collects columns in order. */
  public static final class Builder<T> {
    private final String fileName;
    private final List<Column<T>> columns = new ArrayList<>();

    private Builder(String fileName) {
      this.fileName = fileName;
    }

    /** Adds a column. */
    public Builder<T> column(String name, Function<? super T, ?> value) {
      columns.add(Column.of(name, value));
      return this;
    }

    /** {@return the table}. */
    public TsvTable<T> build() {
      return new TsvTable<>(fileName, columns);
    }
  }
}
