package dev.wlat.ingest.internal;

import java.nio.charset.StandardCharsets;

/**
 * A cheap byte-level look at a rollout line's envelope, made before (and mostly instead of) JSON
 * parsing.
 *
 * <p>Codex writes {@code {"timestamp":"…",["ordinal":n,]"type":"…","payload":{"type":"…",…}}}. The
 * sniffer walks those leading keys by hand, tolerating whitespace, and gives up ({@link #UNSURE})
 * on anything else: other key orders, escapes, a cut-off prefix. An unsure line is parsed with
 * Jackson instead, so the sniffer only decides the common case and never changes a result.
 * {@code response_item} lines, most of a file's bytes, are thus counted without any JSON parsing or
 * {@code String} creation.
 */
final class Envelope {

  static final int UNSURE = 0;
  static final int RESPONSE_ITEM = 1;
  static final int EVENT_MSG = 2;
  /** An {@code event_msg} whose payload type could not be read by bytes. */
  static final int EVENT_MSG_UNSURE = 3;
  static final int SESSION_META = 4;
  static final int TURN_CONTEXT = 5;
  static final int COMPACTED = 6;
  static final int TOKEN_USAGE_RECORD = 7;
  static final int OTHER_TYPE = 8;

  private static final byte[] KEY_TYPE = ascii("type");
  private static final byte[] KEY_TIMESTAMP = ascii("timestamp");
  private static final byte[] KEY_ORDINAL = ascii("ordinal");
  private static final byte[] KEY_PAYLOAD = ascii("payload");

  private static final byte[][] TYPES = {
    ascii("response_item"), ascii("event_msg"), ascii("session_meta"), ascii("turn_context"),
    ascii("compacted"), ascii("token_usage_record")
  };
  private static final int[] TYPE_CODES = {
    RESPONSE_ITEM, EVENT_MSG, SESSION_META, TURN_CONTEXT, COMPACTED, TOKEN_USAGE_RECORD
  };
  private static final int MAX_LEADING_KEYS = 4;

  /** Start of the {@code payload.type} value of the last {@link #EVENT_MSG} sniffed. */
  int payloadTypeStart;
  /** End (exclusive) of the {@code payload.type} value of the last {@link #EVENT_MSG} sniffed. */
  int payloadTypeEnd;

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** {@return the envelope type code of the line {@code [s, e)}, or {@link #UNSURE}}. */
  int sniff(byte[] b, int s, int e) {
    int i = Bytes.skipWhitespace(b, s, e);
    if (i >= e || b[i] != '{') {
      return UNSURE;
    }
    i++;
    for (int field = 0; field < MAX_LEADING_KEYS; field++) {
      i = Bytes.skipWhitespace(b, i, e);
      if (i >= e || b[i] != '"') {
        return UNSURE;
      }
      int keyStart = ++i;
      i = endOfPlainString(b, i, e);
      if (i < 0) {
        return UNSURE;
      }
      int keyEnd = i++;
      i = Bytes.skipWhitespace(b, i, e);
      if (i >= e || b[i] != ':') {
        return UNSURE;
      }
      i = Bytes.skipWhitespace(b, i + 1, e);
      if (i >= e) {
        return UNSURE;
      }
      if (Bytes.equalsAscii(b, keyStart, keyEnd, KEY_TYPE)) {
        return sniffType(b, i, e);
      } else if (Bytes.equalsAscii(b, keyStart, keyEnd, KEY_TIMESTAMP)) {
        if (b[i] != '"') {
          return UNSURE;
        }
        i = endOfPlainString(b, i + 1, e);
        if (i < 0) {
          return UNSURE;
        }
        i++;
      } else if (Bytes.equalsAscii(b, keyStart, keyEnd, KEY_ORDINAL)) {
        int start = i;
        while (i < e && (b[i] >= '0' && b[i] <= '9' || b[i] == '-')) {
          i++;
        }
        if (i == start) {
          return UNSURE;
        }
      } else {
        return UNSURE;
      }
      i = Bytes.skipWhitespace(b, i, e);
      if (i >= e || b[i] != ',') {
        return UNSURE;
      }
      i++;
    }
    return UNSURE;
  }

  private int sniffType(byte[] b, int i, int e) {
    if (b[i] != '"') {
      return UNSURE;
    }
    int valueStart = ++i;
    i = endOfPlainString(b, i, e);
    if (i < 0) {
      return UNSURE;
    }
    int code = typeCode(b, valueStart, i);
    if (code != EVENT_MSG) {
      return code;
    }
    return sniffPayloadType(b, i + 1, e) ? EVENT_MSG : EVENT_MSG_UNSURE;
  }

  /** Reads {@code ,"payload":{"type":"…"} } right after the envelope type. */
  private boolean sniffPayloadType(byte[] b, int i, int e) {
    i = Bytes.skipWhitespace(b, i, e);
    if (i >= e || b[i] != ',') {
      return false;
    }
    i = expectKey(b, i + 1, e, KEY_PAYLOAD);
    if (i < 0 || i >= e || b[i] != '{') {
      return false;
    }
    i = expectKey(b, i + 1, e, KEY_TYPE);
    if (i < 0 || i >= e || b[i] != '"') {
      return false;
    }
    int valueStart = ++i;
    i = endOfPlainString(b, i, e);
    if (i < 0) {
      return false;
    }
    payloadTypeStart = valueStart;
    payloadTypeEnd = i;
    return true;
  }

  /** {@return the index after {@code "key" :} and whitespace, or -1}. */
  private static int expectKey(byte[] b, int i, int e, byte[] key) {
    i = Bytes.skipWhitespace(b, i, e);
    if (i >= e || b[i] != '"') {
      return -1;
    }
    int keyStart = ++i;
    i = endOfPlainString(b, i, e);
    if (i < 0 || !Bytes.equalsAscii(b, keyStart, i, key)) {
      return -1;
    }
    i = Bytes.skipWhitespace(b, i + 1, e);
    if (i >= e || b[i] != ':') {
      return -1;
    }
    return Bytes.skipWhitespace(b, i + 1, e);
  }

  /** {@return the index of the closing quote of a string without escapes, or -1}. */
  private static int endOfPlainString(byte[] b, int i, int e) {
    for (; i < e; i++) {
      byte c = b[i];
      if (c == '"') {
        return i;
      }
      if (c == '\\') {
        return -1;
      }
    }
    return -1;
  }

  private static int typeCode(byte[] b, int s, int e) {
    for (int k = 0; k < TYPES.length; k++) {
      if (Bytes.equalsAscii(b, s, e, TYPES[k])) {
        return TYPE_CODES[k];
      }
    }
    return OTHER_TYPE;
  }

  /** {@return the type code of an envelope type already decoded by Jackson}. */
  static int typeCode(String type) {
    if (type == null) {
      return UNSURE;
    }
    switch (type) {
      case "response_item":
        return RESPONSE_ITEM;
      case "event_msg":
        return EVENT_MSG;
      case "session_meta":
        return SESSION_META;
      case "turn_context":
        return TURN_CONTEXT;
      case "compacted":
        return COMPACTED;
      case "token_usage_record":
        return TOKEN_USAGE_RECORD;
      default:
        return OTHER_TYPE;
    }
  }
}
