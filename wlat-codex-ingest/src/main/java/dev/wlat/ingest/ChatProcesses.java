package dev.wlat.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The desktop app's {@code process_manager/chat_processes.json} of a Codex home.
 *
 * @param processes the well-formed entries, in file order
 * @param malformedEntries entries (or a whole file) that could not be read
 */
public record ChatProcesses(List<ChatProcess> processes, long malformedEntries) {

  private static final JsonFactory JSON = new JsonFactory();

  /** No processes. */
  public static final ChatProcesses EMPTY = new ChatProcesses(List.of(), 0);

  public ChatProcesses {
    processes = List.copyOf(processes);
  }

  /**
   * {@return the chat processes of a Codex home; {@link #EMPTY} when the file is missing}.
   *
   * @throws IngestException when the file exists but cannot be read
   */
  public static ChatProcesses read(Path codexHome) {
    Path file = codexHome.resolve(CodexHome.CHAT_PROCESSES);
    List<ChatProcess> out = new ArrayList<>();
    long malformed = 0;
    try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        return new ChatProcesses(List.of(), 1);
      }
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
        if (t != JsonToken.START_OBJECT) {
          malformed++;
          p.skipChildren();
          continue;
        }
        ChatProcess cp = entry(p);
        if (cp == null) {
          malformed++;
        } else {
          out.add(cp);
        }
      }
    } catch (NoSuchFileException e) {
      return EMPTY;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      return new ChatProcesses(out, malformed + 1);
    } catch (IOException e) {
      throw IngestException.of("cannot read " + file, e);
    }
    return new ChatProcesses(out, malformed);
  }

  private static ChatProcess entry(JsonParser p) throws IOException {
    String id = null;
    Long pid = null;
    Instant started = null;
    Instant updated = null;
    String turn = null;
    String cwd = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "conversationId":
          id = t == JsonToken.VALUE_STRING ? p.getText() : skip(p);
          break;
        case "osPid":
          pid = t == JsonToken.VALUE_NUMBER_INT ? Long.valueOf(p.getLongValue()) : skipLong(p);
          break;
        case "startedAtMs":
          started = millis(p, t);
          break;
        case "updatedAtMs":
          updated = millis(p, t);
          break;
        case "turnId":
          turn = t == JsonToken.VALUE_STRING ? p.getText() : skip(p);
          break;
        case "cwd":
          cwd = t == JsonToken.VALUE_STRING ? p.getText() : skip(p);
          break;
        default:
          // "command" and anything else: skipped without decoding.
          p.skipChildren();
      }
    }
    return id == null ? null : new ChatProcess(id, pid, started, updated, turn, cwd);
  }

  private static String skip(JsonParser p) throws IOException {
    p.skipChildren();
    return null;
  }

  private static Long skipLong(JsonParser p) throws IOException {
    p.skipChildren();
    return null;
  }

  private static Instant millis(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      try {
        return Instant.ofEpochMilli(p.getLongValue());
      } catch (DateTimeException | IOException e) {
        return null;
      }
    }
    p.skipChildren();
    return null;
  }
}
