package dev.wlat.report.summary;

import java.util.List;
import java.util.Objects;

/**
 * The bad lines of one kind the parser counted in the rollout files the backfill read
 * ({@code rollout_files.tsv}'s {@code issues}); none of them stops a run.
 *
 * @param kind e.g. {@code malformed_json}
 * @param lines lines of that kind
 * @param files files with at least one
 * @param firstPlaces up to three {@code relative/path:line} places
 */
public record ParserWarning(String kind, long lines, long files, List<String> firstPlaces) {
  public ParserWarning {
    Objects.requireNonNull(kind, "kind");
    firstPlaces = List.copyOf(firstPlaces);
  }
}
