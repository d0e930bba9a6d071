package dev.wlat.cli.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Run ids: a run's UTC start second, {@code 20261124T031634Z}, unique under one output root. */
public final class RunIds {

  private RunIds() {}

  /**
   * {@return the id of a run starting at {@code start}, moved on a second at a time while a ledger of
   * that id already exists under {@code outputRoot}}: two runs in one second (a backfill and the
   * report after it) never overwrite each other's ledger.
   */
  public static String free(Path outputRoot, Instant start) {
    Instant t = start;
    String id = BackfillJob.runIdOf(t);
    for (int i = 0; i < 3600 && Files.exists(outputRoot.resolve("runs").resolve(id + "_execution_ledger.md")); i++) {
      t = t.plusSeconds(1);
      id = BackfillJob.runIdOf(t);
    }
    return id;
  }
}
