package dev.wlat.bench;

import dev.wlat.ingest.RolloutFile;
import dev.wlat.ingest.RolloutParser;
import dev.wlat.model.RolloutSegment;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The parse hot path, on one thread: line scanning and envelope sniffing over every byte, and
 * streaming JSON parsing of the few lines that matter (token_count, session_meta, turn_context,
 * turn events). Reported per MB of rollout bytes via the file set's size, printed at setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBench {

  private final RolloutParser parser = RolloutParser.create();
  private List<RolloutFile> files;

  @Setup
  public void generate() {
    files = Corpus.rollouts(32L << 20);
    long bytes = files.stream().mapToLong(RolloutFile::sizeBytes).sum();
    System.out.printf("%nParseBench: %d files, %.1f MB per operation%n", files.size(), bytes / 1e6);
  }

  /** Every file of the corpus, parsed whole. */
  @Benchmark
  public void parseEveryFile(Blackhole out) {
    for (RolloutFile f : files) {
      RolloutSegment s = parser.parse(f);
      out.consume(s);
    }
  }
}
