package dev.wlat.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The application name and version, read once from the jar's filtered resource. */
public final class Versions {
  static final String APP = "well-look-at-that";

  private Versions() {}

  public static String version() {
    Properties p = new Properties();
    try (InputStream in = Versions.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }
}
