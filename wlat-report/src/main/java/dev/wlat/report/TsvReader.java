package dev.wlat.report;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a TSV file written by {@link TsvWriter} back as header-keyed rows. */
public final class TsvReader {

  private TsvReader() {}

  /** {@return every row of {@code file} as an ordered header → cell map}. */
  public static List<Map<String, String>> readAll(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
         CSVParser parser = CSVParser.builder()
             .setReader(in)
             .setFormat(TsvWriter.FORMAT.builder().setHeader().setSkipHeaderRecord(true).get())
             .get()) {
      List<String> header = parser.getHeaderNames();
      List<Map<String, String>> rows = new ArrayList<>();
      for (CSVRecord r : parser) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          row.put(header.get(i), i < r.size() ? r.get(i) : "");
        }
        rows.add(row);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** {@return the header of {@code file}}. */
  public static List<String> header(Path file) {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      String first = lines.findFirst().orElse("");
      return first.isEmpty() ? List.of() : List.of(first.split("\t", -1));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
