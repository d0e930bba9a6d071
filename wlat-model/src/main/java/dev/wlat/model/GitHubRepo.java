package dev.wlat.model;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A GitHub repository, {@code owner/name}, validated at construction and compared case-insensitively
 * (GitHub treats {@code Acme/API} and {@code acme/api} as one repository): both parts are kept
 * lower-case.
 *
 * @param owner the user or organisation
 * @param name the repository name, without {@code .git}
 */
public record GitHubRepo(String owner, String name) implements Comparable<GitHubRepo> {

  private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  public GitHubRepo {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(name, "name");
    if (!OWNER.matcher(owner).matches()) {
      throw new IllegalArgumentException("GitHub owner [" + owner + "] must be 1-39 letters, digits or dashes");
    }
    if (!NAME.matcher(name).matches() || name.equals(".") || name.equals("..") || name.endsWith(".git")) {
      throw new IllegalArgumentException("GitHub repository name [" + name + "] is not valid");
    }
    owner = owner.toLowerCase(Locale.ROOT);
    name = name.toLowerCase(Locale.ROOT);
  }

  /** {@return the repository {@code owner/name}}; throws for anything else. */
  public static GitHubRepo parse(String slug) {
    Objects.requireNonNull(slug, "slug");
    int slash = slug.indexOf('/');
    if (slash < 0 || slash != slug.lastIndexOf('/')) {
      throw new IllegalArgumentException("GitHub repository [" + slug + "] must look like owner/name");
    }
    return new GitHubRepo(slug.substring(0, slash), slug.substring(slash + 1));
  }

  /** {@return {@code owner/name}}. */
  public String slug() {
    return owner + "/" + name;
  }

  @Override
  public int compareTo(GitHubRepo o) {
    return slug().compareTo(o.slug());
  }

  @Override
  public String toString() {
    return slug();
  }
}
