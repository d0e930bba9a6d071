package dev.wlat.bench;

import dev.wlat.ingest.RolloutFile;
import dev.wlat.ingest.RolloutParser;
import dev.wlat.model.Attribution;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.TokenEvent;
import dev.wlat.report.FactTables;
import dev.wlat.report.TsvWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Writing raw_token_events.tsv rows (the widest table, a third of a backfill's output bytes). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TsvWriteBench {

  private final List<FactTables.RawRow> rows = new ArrayList<>();
  private Path dir;

  @Setup
  public void parse() throws IOException {
    RolloutParser parser = RolloutParser.create();
    for (RolloutFile f : Corpus.rollouts(32L << 20)) {
      RolloutSegment s = parser.parse(f);
      Attribution a = Attribution.none(s.segment().threadId(), "cwd:bench");
      for (TokenEvent e : s.events()) {
        rows.add(new FactTables.RawRow(e, s.segment().location(), a, "20261201T000000Z"));
      }
    }
    dir = Files.createTempDirectory("wlat-bench-tsv");
    System.out.printf("%nTsvWriteBench: %d rows per operation%n", rows.size());
  }

  /** All rows into one table, committed (temporary file, then rename). */
  @Benchmark
  public long writeRawTokenEvents() {
    return TsvWriter.writeAll(dir, FactTables.rawTokenEvents("raw_token_events.tsv"), rows);
  }
}
