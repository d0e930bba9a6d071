package dev.wlat.report.summary;

import java.util.Objects;

/**
 * One repository, workstream or outcome type of a report, with the in-window tokens of its threads.
 *
 * @param name {@code owner/name}, a workstream label or an outcome type
 * @param threadCount its threads
 * @param tokens their in-window {@code cumulative_delta_tokens}
 */
public record Ranked(String name, long threadCount, long tokens) {
  public Ranked {
    Objects.requireNonNull(name, "name");
  }
}
