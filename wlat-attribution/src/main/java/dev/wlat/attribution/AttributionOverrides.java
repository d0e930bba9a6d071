package dev.wlat.attribution;

import dev.wlat.attribution.AttributionOverride.MatchKind;
import dev.wlat.attribution.internal.OverridesFile;
import dev.wlat.attribution.internal.PathMatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Hand-made attribution: a TSV file whose rows map threads, by id or by a path prefix of their cwd,
 * to a GitHub repository, workstream or outcome. A matching row makes an attribution
 * {@link dev.wlat.model.Confidence#MANUAL}.
 *
 * <p>The file is tab-separated with a header line
 * {@code match_kind match_value github_repo workstream_label outcome_type note}; blank lines and
 * lines starting with {@code #} are allowed anywhere. {@code match_kind} is {@code thread_id} or
 * {@code path_prefix} (an absolute path); {@code github_repo} is {@code owner/name} or empty;
 * {@code workstream_label} is optional; {@code outcome_type} is an outcome label
 * ({@code bugfix}, {@code feature}, ...) or empty. A row must set at least one of the three.
 *
 * <p>A thread-id row beats any path row; among path rows the longest prefix wins, compared component
 * by component ({@code /src/a} covers {@code /src/a/b}, not {@code /src/ab}).
 */
public final class AttributionOverrides {

  /** No overrides. */
  public static final AttributionOverrides EMPTY = new AttributionOverrides(List.of());

  private final List<AttributionOverride> rows;
  private final Map<String, AttributionOverride> byThread = new HashMap<>();
  private final List<AttributionOverride> byPath = new ArrayList<>();

  private AttributionOverrides(List<AttributionOverride> rows) {
    this.rows = List.copyOf(rows);
    for (AttributionOverride r : rows) {
      if (r.matchKind() == MatchKind.THREAD_ID) {
        byThread.put(r.matchValue(), r);
      } else {
        byPath.add(r);
      }
    }
    byPath.sort((a, b) -> Integer.compare(Path.of(b.matchValue()).getNameCount(),
        Path.of(a.matchValue()).getNameCount()));
  }

  /**
   * {@return the overrides in {@code tsv}}.
   *
   * @throws AttributionException when the file cannot be read or is malformed; the message is one
   *     line, {@code <file>:<line>: column <column>: <what is wrong>}
   */
  public static AttributionOverrides read(Path tsv) {
    Objects.requireNonNull(tsv, "tsv");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(tsv);
    } catch (NoSuchFileException e) {
      throw AttributionException.of(tsv + ": no such file", e);
    } catch (IOException e) {
      throw AttributionException.of(tsv + ": cannot read (" + e.getClass().getSimpleName() + ")", e);
    }
    return new AttributionOverrides(OverridesFile.parse(tsv.toString(), bytes));
  }

  /** {@return the rows, in file order}. */
  public List<AttributionOverride> rows() {
    return rows;
  }

  /**
   * {@return the row for a thread: its {@code thread_id} row, else the {@code path_prefix} row with
   * the longest prefix containing {@code cwd} (may be {@code null})}.
   */
  public Optional<AttributionOverride> match(String threadId, String cwd) {
    if (threadId != null) {
      AttributionOverride r = byThread.get(threadId.toLowerCase(Locale.ROOT));
      if (r != null) {
        return Optional.of(r);
      }
    }
    Optional<Path> p = PathMatch.parse(cwd);
    if (p.isEmpty() || byPath.isEmpty()) {
      return Optional.empty();
    }
    List<Path> forms = PathMatch.forms(p.get());
    for (AttributionOverride r : byPath) {
      if (PathMatch.contains(Path.of(r.matchValue()), forms)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "AttributionOverrides[" + rows.size() + " rows]";
  }
}
