package dev.wlat.ingest;

import dev.wlat.model.SegmentLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rollout file found in a Codex home (or given directly).
 *
 * @param path the file
 * @param relativePath its path relative to the Codex home with {@code /} separators (the file name
 *     for a file outside a home)
 * @param location live, archived or other
 * @param compressed true for a {@code .jsonl.zst} file
 * @param sizeBytes the file's size on disk
 * @param lastModified the file's modification time
 * @param threadIdFromName the UUID in the file name ({@code rollout-<ts>-<uuid>[_<segment>].jsonl}),
 *     lower case, or {@code null}; the thread id proper comes from {@code session_meta}
 */
public record RolloutFile(
    Path path,
    String relativePath,
    SegmentLocation location,
    boolean compressed,
    long sizeBytes,
    Instant lastModified,
    String threadIdFromName) {

  private static final String UUID =
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
  private static final Pattern ROLLOUT_NAME = Pattern.compile(
      "rollout-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-(" + UUID + ")(?:_[^.]*)?\\.jsonl(?:\\.zst)?");
  private static final Pattern ANY_UUID = Pattern.compile(UUID);

  public RolloutFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(relativePath, "relativePath");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(lastModified, "lastModified");
  }

  /**
   * {@return a lone rollout file (e.g. for {@code inspect-log}), with location
   * {@link SegmentLocation#OTHER} and its file name as relative path}.
   *
   * @throws IngestException when the file does not exist or cannot be read
   */
  public static RolloutFile of(Path file) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    return of(file, name, SegmentLocation.OTHER);
  }

  /** {@return a rollout file with a known place in a Codex home}. */
  static RolloutFile of(Path file, String relativePath, SegmentLocation location) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw IngestException.of("cannot read rollout file " + file, e);
    }
    if (!attributes.isRegularFile()) {
      throw IngestException.of("not a regular file: " + file);
    }
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    return new RolloutFile(file, relativePath, location, name.endsWith(".zst"), attributes.size(),
        attributes.lastModifiedTime().toInstant(), threadIdFromName(name));
  }

  /**
   * {@return the stable id of this segment}: the first 16 hex digits of the SHA-1 of
   * {@link #relativePath()}, so the same file has the same id on every run.
   */
  public String segmentId() {
    return segmentIdOf(relativePath);
  }

  /** {@return the segment id of a relative path}, as {@link #segmentId()}. */
  public static String segmentIdOf(String relativePath) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1")
          .digest(relativePath.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every Java platform", e);
    }
  }

  /** {@return the UUID in a rollout file name, lower case, or {@code null}}. */
  static String threadIdFromName(String fileName) {
    Matcher m = ROLLOUT_NAME.matcher(fileName);
    if (m.matches()) {
      return m.group(1).toLowerCase(Locale.ROOT);
    }
    Matcher any = ANY_UUID.matcher(fileName);
    return any.find() ? any.group().toLowerCase(Locale.ROOT) : null;
  }
}
