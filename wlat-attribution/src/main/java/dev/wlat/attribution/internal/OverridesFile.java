package dev.wlat.attribution.internal;

import dev.wlat.attribution.AttributionException;
import dev.wlat.attribution.AttributionOverride.MatchKind;
import dev.wlat.attribution.AttributionOverride;
import dev.wlat.model.GitHubRepo;
import dev.wlat.model.OutcomeType;
import dev.wlat.model.TsvText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Parses an overrides file: UTF-8, tab-separated, a header line, then one row per line; blank lines
 * and lines starting with {@code #} are skipped anywhere. Cells are trimmed; trailing empty cells may
 * be left out; the {@code note} column may be left out of the header. Every error names the file,
 * line and column in one line.
 */
public final class OverridesFile {

  /** The columns, in order. */
  public static final List<String> COLUMNS = List.of("match_kind", "match_value", "github_repo",
      "workstream_label", "outcome_type", "note");

  private static final String OUTCOME_LABELS = Arrays.stream(OutcomeType.values()).map(OutcomeType::label)
      .collect(Collectors.joining(", "));

  private OverridesFile() {}

  /** {@return the rows of the file named {@code name} with content {@code bytes}, in file order}. */
  public static List<AttributionOverride> parse(String name, byte[] bytes) {
    List<TsvText.Line> lines = TsvText.lines(bytes)
        .orElseThrow(() -> AttributionException.of(name + ": not UTF-8 text"));
    List<AttributionOverride> rows = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    int columns = -1;
    for (TsvText.Line line : lines) {
      int number = line.number();
      String[] cells = line.cells();
      if (columns < 0) {
        columns = header(name, number, cells);
        continue;
      }
      AttributionOverride row = row(name, number, cells, columns);
      String key = row.matchKind().label() + "\t" + row.matchValue();
      Integer before = seen.putIfAbsent(key, number);
      if (before != null) {
        throw error(name, number, "column match_value: [" + shown(row.matchValue()) + "] is already mapped on line "
            + before);
      }
      rows.add(row);
    }
    return rows;
  }

  private static int header(String name, int number, String[] cells) {
    List<String> got = Arrays.stream(cells).map(String::trim).toList();
    if (got.equals(COLUMNS) || got.equals(COLUMNS.subList(0, COLUMNS.size() - 1))) {
      return got.size();
    }
    throw error(name, number, "header: expected the tab-separated columns " + String.join(", ", COLUMNS)
        + "; got [" + shown(String.join(" ", got)) + "]");
  }

  private static AttributionOverride row(String name, int number, String[] cells, int columns) {
    if (cells.length > columns) {
      throw error(name, number, "column " + (columns + 1) + ": unexpected; rows have at most " + columns
          + " tab-separated columns");
    }
    String kindText = TsvText.cell(cells, 0);
    MatchKind kind = Arrays.stream(MatchKind.values()).filter(k -> k.label().equals(kindText)).findFirst()
        .orElseThrow(() -> error(name, number, "column match_kind: [" + shown(kindText)
            + "] must be thread_id or path_prefix"));
    String value = TsvText.cell(cells, 1);
    if (value.isEmpty()) {
      throw error(name, number, "column match_value: must not be empty");
    }
    if (kind == MatchKind.PATH_PREFIX) {
      Optional<Path> p = PathMatch.parse(value);
      if (p.isEmpty()) {
        throw error(name, number, "column match_value: [" + shown(value) + "] must be an absolute path");
      }
      value = p.get().toString();
    } else {
      if (value.chars().anyMatch(Character::isWhitespace)) {
        throw error(name, number, "column match_value: [" + shown(value) + "] is not a thread id");
      }
      value = value.toLowerCase(Locale.ROOT);
    }
    GitHubRepo repo = null;
    String repoText = TsvText.cell(cells, 2);
    if (!repoText.isEmpty()) {
      try {
        repo = GitHubRepo.parse(repoText);
      } catch (IllegalArgumentException e) {
        throw error(name, number, "column github_repo: [" + shown(repoText) + "] must look like owner/name");
      }
    }
    String workstream = emptyToNull(TsvText.cell(cells, 3));
    OutcomeType outcome = null;
    String outcomeText = TsvText.cell(cells, 4);
    if (!outcomeText.isEmpty()) {
      try {
        outcome = OutcomeType.ofLabel(outcomeText);
      } catch (IllegalArgumentException e) {
        throw error(name, number, "column outcome_type: [" + shown(outcomeText)
            + "] is not an outcome type; expected one of " + OUTCOME_LABELS);
      }
    }
    if (repo == null && workstream == null && outcome == null) {
      throw error(name, number, "row maps nothing; give github_repo, workstream_label or outcome_type");
    }
    return new AttributionOverride(kind, value, repo, workstream, outcome, emptyToNull(TsvText.cell(cells, 5)), number);
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  private static String shown(String s) {
    String one = s.replaceAll("\\p{Cntrl}", " ");
    return one.length() <= 80 ? one : one.substring(0, 77) + "...";
  }

  private static AttributionException error(String name, int line, String what) {
    return AttributionException.of(name + ":" + line + ": " + what);
  }
}
