package dev.wlat.ingest.context;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.wlat.ingest.IngestException;
import dev.wlat.model.Redaction;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the rollout lines before one {@code token_count} row hold: the lines since the previous
 * {@code token_count} of the file (what this call added to the conversation), counted by kind, with
 * a jtokkit {@code o200k_base} estimate of the tokens of their text. The text itself is never kept
 * unless asked for, and then only redacted and cut short.
 *
 * <p>A kind is the line's {@code type}, and for {@code response_item} and {@code event_msg} lines
 * the payload's {@code type} (and a message's {@code role}): {@code response_item:message:user},
 * {@code response_item:function_call_output}, {@code event_msg:agent_reasoning} and so on.
 */
public final class CallContext {

  /** The most text kept per kind when text is asked for. */
  public static final int MAX_TEXT = 2_000;
  /** A line longer than this many bytes is counted (kind {@value #OVERSIZED}) but never held or decoded. */
  public static final int MAX_LINE = 8 << 20;
  /** The kind of a line longer than {@link #MAX_LINE}. */
  public static final String OVERSIZED = "oversized_line";

  private static final JsonFactory JSON = new JsonFactory();
  private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

  /**
   * The lines of one kind.
   *
   * @param kind the kind
   * @param count how many lines
   * @param bytes their bytes
   * @param estimatedTokens the estimated tokens of their text (string values), or -1 for lines over {@link #MAX_LINE}
   * @param text their text, redacted and at most {@link #MAX_TEXT} characters, or {@code null} when not asked for
   */
  public record Kind(String kind, long count, long bytes, long estimatedTokens, String text) {}

  /**
   * The context of one call.
   *
   * @param line the {@code token_count} row's line
   * @param fromLine the first line counted (just after the previous {@code token_count}, or 1)
   * @param kinds the lines by kind, in order of first appearance
   * @param malformed lines between that are not JSON objects
   */
  public record Context(long line, long fromLine, List<Kind> kinds, long malformed) {}

  private CallContext() {}

  /**
   * {@return the context of the {@code token_count} row at {@code line} of {@code file}}, with the
   * redacted text of each kind when {@code withText}.
   *
   * @throws IngestException when the file cannot be read, or has no {@code token_count} row at that line
   */
  public static Context of(Path file, long line, boolean withText) {
    Objects.requireNonNull(file, "file");
    if (line < 1) {
      throw IngestException.of(file + ": line " + line + " is not a line number");
    }
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, StringBuilder> texts = new LinkedHashMap<>();
    long from = 1;
    long malformed = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      Lines lines = new Lines(in);
      long n = 0;
      while (lines.next()) {
        n++;
        if (lines.oversized) { // counted, never held: a line this long is no call's context to read
          if (n == line) {
            throw IngestException.of(file + ":" + line + ": not a token_count row (a line of " + lines.bytes
                + " bytes)");
          }
          long[] c = counts.computeIfAbsent(OVERSIZED, k -> new long[3]);
          c[0]++;
          c[1] += lines.bytes;
          c[2] = -1;
          texts.computeIfAbsent(OVERSIZED, k -> new StringBuilder());
          continue;
        }
        String text = lines.text();
        if (text.isBlank()) {
          continue;
        }
        Line l = read(text);
        if (l == null) {
          if (n == line) {
            break;
          }
          malformed++;
          continue;
        }
        if (n == line) {
          if (!l.kind.equals("event_msg:token_count")) {
            throw IngestException.of(file + ":" + line + ": not a token_count row (" + l.kind + ")");
          }
          List<Kind> kinds = new ArrayList<>(counts.size());
          counts.forEach((k, c) -> kinds.add(new Kind(k, c[0], c[1], c[2],
              withText ? Redaction.redact(texts.get(k).toString()) : null)));
          return new Context(line, from, List.copyOf(kinds), malformed);
        }
        if (l.kind.equals("event_msg:token_count")) {
          counts.clear();
          texts.clear();
          malformed = 0;
          from = n + 1;
          continue;
        }
        long[] c = counts.computeIfAbsent(l.kind, k -> new long[3]);
        c[0]++;
        c[1] += lines.bytes;
        if (c[2] >= 0) {
          c[2] = l.tokens < 0 ? -1 : c[2] + l.tokens;
        }
        if (withText) {
          StringBuilder sb = texts.computeIfAbsent(l.kind, k -> new StringBuilder());
          if (sb.length() < MAX_TEXT && !l.text.isEmpty()) {
            if (sb.length() > 0) {
              sb.append("\n---\n");
            }
            sb.append(l.text, 0, Math.min(l.text.length(), MAX_TEXT - sb.length()));
          }
        }
      }
    } catch (IOException e) {
      throw IngestException.of(file + ": cannot read: " + e.getMessage());
    }
    throw IngestException.of(file + ":" + line + ": no token_count row at this line");
  }

  private record Line(String kind, long tokens, String text) {}

  /** The lines of a stream, each at most {@link #MAX_LINE} bytes held; a longer one is skipped and marked. */
  private static final class Lines {
    private final InputStream in;
    private byte[] buf = new byte[8192];
    private int len;
    long bytes;
    boolean oversized;

    Lines(InputStream in) {
      this.in = in;
    }

    boolean next() throws IOException {
      len = 0;
      bytes = 0;
      oversized = false;
      int b;
      boolean any = false;
      while ((b = in.read()) >= 0) {
        any = true;
        if (b == '\n') {
          return true;
        }
        bytes++;
        if (oversized) {
          continue;
        }
        if (len == MAX_LINE) {
          oversized = true;
          len = 0;
          buf = new byte[8192];
          continue;
        }
        if (len == buf.length) {
          buf = Arrays.copyOf(buf, Math.min(MAX_LINE, buf.length * 2));
        }
        buf[len++] = (byte) b;
      }
      return any;
    }

    String text() {
      int end = len > 0 && buf[len - 1] == '\r' ? len - 1 : len;
      return new String(buf, 0, end, StandardCharsets.UTF_8);
    }
  }

  /** {@return the kind, token estimate and text of one line}, or {@code null} when it is not a JSON object. */
  private static Line read(String line) {
    String type = null;
    String payloadType = null;
    String role = null;
    StringBuilder strings = new StringBuilder();
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (name.equals("type") && v == JsonToken.VALUE_STRING) {
          type = p.getText();
        } else if (name.equals("payload") && v == JsonToken.START_OBJECT) {
          int depth = 1;
          while (depth > 0) {
            JsonToken t = p.nextToken();
            if (t == null) {
              return null;
            }
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
              depth++;
            } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
              depth--;
            } else if (t == JsonToken.VALUE_STRING) {
              String field = p.currentName();
              if (depth == 1 && "type".equals(field)) {
                payloadType = p.getText();
              } else if (depth == 1 && "role".equals(field)) {
                role = p.getText();
              } else if (!"id".equals(field) && !"call_id".equals(field)) {
                if (strings.length() > 0) {
                  strings.append('\n');
                }
                strings.append(p.getText());
              }
            }
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      return null;
    }
    if (type == null) {
      return null;
    }
    String kind = type;
    if (payloadType != null && (type.equals("response_item") || type.equals("event_msg"))) {
      kind = type + ":" + payloadType + (role == null ? "" : ":" + role);
    }
    String text = strings.toString();
    return new Line(kind, O200K.countTokensOrdinary(text), text);
  }
}
