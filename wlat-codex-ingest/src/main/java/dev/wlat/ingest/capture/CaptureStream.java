package dev.wlat.ingest.capture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.wlat.model.TokenUsage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines a {@code codex exec --json} run prints (FORMAT.md §8) as they pass: {@code
 * thread.started}, {@code turn.completed} usage, {@code turn.failed}, {@code error}, and the text of
 * completed items for an estimate when no usage comes. A line that is not such an event (another
 * program's output, a malformed line) is counted, never fatal; its text still counts toward the
 * estimate. Not thread-safe: one reader per stream.
 */
public final class CaptureStream {

  private static final JsonFactory JSON = new JsonFactory();
  private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

  /** One turn the stream reported: its usage when it completed, else its error. */
  public record StreamTurn(int index, TokenUsage usage, String error) {}

  private String threadId;
  private final List<StreamTurn> turns = new ArrayList<>();
  private int openTurn = -1;
  private long jsonLines;
  private long otherLines;
  private long malformedLines;
  private long shownTokens;
  private String lastError;

  private CaptureStream() {}

  /** {@return a reader of one run's stdout}. */
  public static CaptureStream create() {
    return new CaptureStream();
  }

  /** Reads one line of the run's stdout (without its line end). */
  public void line(String line) {
    String t = line.strip();
    if (t.isEmpty()) {
      return;
    }
    if (!t.startsWith("{")) {
      otherLines++;
      shownTokens += O200K.countTokensOrdinary(t);
      return;
    }
    try (JsonParser p = JSON.createParser(t)) {
      event(p);
      jsonLines++;
    } catch (IOException | RuntimeException e) {
      malformedLines++;
      shownTokens += O200K.countTokensOrdinary(t);
    }
  }

  private void event(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new IOException("not an object");
    }
    String type = null;
    String thread = null;
    TokenUsage usage = null;
    String message = null;
    String text = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "type" -> type = p.getValueAsString();
        case "thread_id" -> thread = p.getValueAsString();
        case "usage" -> usage = v == JsonToken.START_OBJECT ? usage(p) : null;
        case "message" -> message = p.getValueAsString();
        case "error" -> message = v == JsonToken.START_OBJECT ? message(p) : p.getValueAsString();
        case "item" -> text = v == JsonToken.START_OBJECT ? itemText(p) : null;
        default -> p.skipChildren();
      }
    }
    if (type == null) {
      throw new IOException("no type");
    }
    switch (type) {
      case "thread.started" -> threadId = thread != null ? thread : threadId;
      case "turn.started" -> openTurn = turns.size();
      case "turn.completed" -> {
        turns.add(new StreamTurn(turns.size() + 1, usage, null));
        openTurn = -1;
      }
      case "turn.failed" -> {
        turns.add(new StreamTurn(turns.size() + 1, null, message));
        lastError = message;
        openTurn = -1;
      }
      case "error" -> lastError = message;
      case "item.completed" -> {
        if (text != null) {
          shownTokens += O200K.countTokensOrdinary(text);
        }
      }
      default -> { }
    }
  }

  private static TokenUsage usage(JsonParser p) throws IOException {
    long input = 0;
    long cached = 0;
    long output = 0;
    long reasoning = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      long n = p.currentToken().isNumeric() ? Math.max(0, p.getLongValue()) : 0;
      switch (name) {
        case "input_tokens" -> input = n;
        case "cached_input_tokens" -> cached = n;
        case "output_tokens" -> output = n;
        case "reasoning_output_tokens" -> reasoning = n;
        default -> p.skipChildren();
      }
    }
    return TokenUsage.of(input, Math.min(cached, input), output, Math.min(reasoning, output), input + output);
  }

  private static String message(JsonParser p) throws IOException {
    String m = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (name.equals("message")) {
        m = p.getValueAsString();
      } else {
        p.skipChildren();
      }
    }
    return m;
  }

  /** {@return the text an item shows: its {@code text}, or a command's {@code aggregated_output}}. */
  private static String itemText(JsonParser p) throws IOException {
    StringBuilder b = new StringBuilder();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if ((name.equals("text") || name.equals("aggregated_output")) && v == JsonToken.VALUE_STRING) {
        b.append(p.getText()).append('\n');
      } else {
        p.skipChildren();
      }
    }
    return b.isEmpty() ? null : b.toString();
  }

  /** {@return the thread id {@code thread.started} named, or {@code null}}. */
  public String threadId() {
    return threadId;
  }

  /** {@return the turns the stream reported, in order}. */
  public List<StreamTurn> turns() {
    return List.copyOf(turns);
  }

  /** {@return whether a turn had started and neither completed nor failed when the stream ended}. */
  public boolean turnOpen() {
    return openTurn >= 0;
  }

  /** {@return the usage of the turns that completed with one, summed; {@code null} when none did}. */
  public TokenUsage streamUsage() {
    TokenUsage sum = null;
    for (StreamTurn t : turns) {
      if (t.usage() != null) {
        sum = sum == null ? t.usage() : sum.plus(t.usage());
      }
    }
    return sum;
  }

  /** {@return o200k_base tokens of the text the run showed: completed items, and lines that were not events}. */
  public long shownTokens() {
    return shownTokens;
  }

  /** {@return the last {@code error} or {@code turn.failed} message, or {@code null}}. */
  public String lastError() {
    return lastError;
  }

  public long jsonLines() {
    return jsonLines;
  }

  public long otherLines() {
    return otherLines;
  }

  public long malformedLines() {
    return malformedLines;
  }

  /** {@return o200k_base tokens of {@code text}}: how an estimate counts the input it saw. */
  public static long tokens(String text) {
    return text == null || text.isEmpty() ? 0 : O200K.countTokensOrdinary(text);
  }
}
