package dev.wlat.cli;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help} on every subcommand, as the error messages promise. */
final class HelpOption {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;
}
