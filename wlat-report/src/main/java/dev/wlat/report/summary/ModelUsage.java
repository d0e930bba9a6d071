package dev.wlat.report.summary;

import java.util.Objects;

/**
 * The figures of one model's token rows inside a report's window, its cost among them.
 *
 * @param model the model id as the rows name it ({@code (none)} for rows that name no model)
 * @param usage the figures of its rows
 */
public record ModelUsage(String model, UsageSums usage) {

  public ModelUsage {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(usage, "usage");
  }
}
