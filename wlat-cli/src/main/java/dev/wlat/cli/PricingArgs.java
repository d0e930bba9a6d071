package dev.wlat.cli;

import dev.wlat.accounting.pricing.Pricing;
import dev.wlat.accounting.pricing.PricingException;
import java.nio.file.Path;

/** Loads the prices a command values usage with: the user's file, if any, before the bundled tables. */
final class PricingArgs {

  private PricingArgs() {}

  /**
   * {@return the bundled tables, with {@code file} (or {@code <outRoot>/config/pricing.tsv} when it
   * exists and no file is named) put first}.
   *
   * @throws WlatException (invalid input) naming the file and line of a malformed pricing file
   */
  static Pricing load(Path file, Path outRoot) {
    Path f = ConfigFile.resolve(file, outRoot, "pricing.tsv", "--pricing");
    try {
      return Pricing.withUserPrices(f);
    } catch (PricingException e) {
      throw WlatException.invalidInput(e.getMessage());
    }
  }
}
