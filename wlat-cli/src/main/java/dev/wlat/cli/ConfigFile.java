package dev.wlat.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The user's optional input files: named by an option, else found under {@code <output-root>/config/}. */
final class ConfigFile {

  private ConfigFile() {}

  /**
   * {@return {@code file} when given (it must be a file), else {@code <outRoot>/config/<name>} when
   * it exists, else {@code null}}.
   *
   * @throws WlatException (invalid input) when {@code file} is given but is not a file
   */
  static Path resolve(Path file, Path outRoot, String name, String option) {
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw WlatException.invalidInput(option + ": not a file: " + file);
      }
      return file;
    }
    if (outRoot == null) {
      return null;
    }
    Path fallback = outRoot.resolve("config").resolve(name);
    return Files.isRegularFile(fallback) ? fallback : null;
  }
}
