package dev.wlat.bench;

import dev.wlat.accounting.Reconciliation;
import dev.wlat.accounting.ThreadAccountant;
import dev.wlat.accounting.ThreadGrouping;
import dev.wlat.ingest.RolloutFile;
import dev.wlat.ingest.RolloutParser;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.ThreadAccounting;
import dev.wlat.model.TimeWindow;
import java.time.ZoneId;
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
import org.openjdk.jmh.infra.Blackhole;

/** Delta accounting and reconciliation of parsed threads, on one thread (no I/O). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AccountingBench {

  private final ThreadAccountant accountant = ThreadAccountant.create();
  private List<List<RolloutSegment>> threads;
  private List<ThreadAccounting> accounted;

  @Setup
  public void parse() {
    RolloutParser parser = RolloutParser.create();
    List<RolloutSegment> segments = new ArrayList<>();
    for (RolloutFile f : Corpus.rollouts(32L << 20)) {
      segments.add(parser.parse(f));
    }
    threads = ThreadGrouping.byThread(segments);
    accounted = threads.stream().map(accountant::account).toList();
    long events = segments.stream().mapToLong(s -> s.events().size()).sum();
    System.out.printf("%nAccountingBench: %d threads, %d token rows per operation%n", threads.size(), events);
  }

  /** Positive deltas, re-emits, replays and dedup estimates of every thread. */
  @Benchmark
  public void accountEveryThread(Blackhole out) {
    for (List<RolloutSegment> t : threads) {
      out.consume(accountant.account(t));
    }
  }

  /** Folding every accounted thread into sessions, threads, days, weeks, months and the total. */
  @Benchmark
  public void reconcileEveryThread(Blackhole out) {
    Reconciliation.Builder b = Reconciliation.builder(TimeWindow.ALL, ZoneId.of("Europe/Berlin"));
    for (ThreadAccounting t : accounted) {
      b.add(t);
    }
    out.consume(b.build());
  }
}
