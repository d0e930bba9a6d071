package dev.wlat.report.summary;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files one report run wrote under {@code reports/}: each output as
 * {@code latest_<window>_<name>} and as the kept copy {@code <run_id>_<window>_<name>}, byte-identical.
 *
 * @param summary the Markdown summary ({@code latest_…_summary.md})
 * @param latest every {@code latest_…} file, the summary first
 * @param kept every kept copy, in the same order
 * @param rows rows written per TSV (by its {@code latest_…} file name)
 */
public record ReportFiles(Path summary, List<Path> latest, List<Path> kept, Map<String, Long> rows) {
  public ReportFiles {
    latest = List.copyOf(latest);
    kept = List.copyOf(kept);
    rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
  }
}
