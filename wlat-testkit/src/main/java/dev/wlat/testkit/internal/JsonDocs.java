package dev.wlat.testkit.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.wlat.testkit.PlantedSecret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The testkit's manifests as JSON documents: pretty-printed, one object opened by
 * {@code "generator": "wlat-testkit"}, ending in a newline, byte-identical for the same content.
 */
public final class JsonDocs {

  /** Writes the fields of one document. */
  @FunctionalInterface
  public interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private JsonDocs() {}

  /** Writes the document of {@code fields} to {@code file}, replacing it. */
  public static void write(Path file, Fields fields) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      write(out, fields);
    }
  }

  /** {@return the document of {@code fields}}. */
  public static String toJson(Fields fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(out, fields);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Writes {@code "planted_secrets": [{kind, location, value}, ...]}. */
  public static void plantedSecrets(JsonGenerator g, List<PlantedSecret> secrets) throws IOException {
    g.writeArrayFieldStart("planted_secrets");
    for (PlantedSecret s : secrets) {
      g.writeStartObject();
      g.writeStringField("kind", s.kind());
      g.writeStringField("location", s.location());
      g.writeStringField("value", s.value());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void write(OutputStream out, Fields fields) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("generator", "wlat-testkit");
      fields.write(g);
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }
}
