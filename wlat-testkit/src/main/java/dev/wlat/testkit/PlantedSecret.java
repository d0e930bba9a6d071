package dev.wlat.testkit;

import java.util.Objects;

/**
 * A well-formed but fake secret the generator planted in a text field that wlat must never copy.
 *
 * @param kind the secret's shape, such as {@code github-token} or {@code aws-access-key-id}
 * @param value a single-line string that must not appear in any wlat output
 * @param location where it was planted, such as {@code prompt}, {@code tool-output} or
 *     {@code state-db-title}
 */
public record PlantedSecret(String kind, String value, String location) {
  public PlantedSecret {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(location, "location");
    if (value == null || value.length() < 8 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("Secret value [%s] must be a single line of 8+ chars".formatted(value));
    }
  }
}
