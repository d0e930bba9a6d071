package dev.wlat.report.validate;

import dev.wlat.model.Redaction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/*
 * The secrets scan: every file under the output root, streamed line by line through the rules of
 * Redaction (one table for the redactor and the scan, so they cannot drift apart).
 *
 * - A file is text unless its first 8 KiB hold a NUL byte; text is decoded as UTF-8 with bad bytes
 *   replaced, so a stray byte cannot hide the ASCII secret beside it. A binary file (the incremental
 *   state DB, an image) is scanned as bytes: each byte one char (ISO-8859-1), NUL and other control
 *   bytes ending a "line", so the ASCII secrets the rules look for are found inside it too.
 * - Lines longer than 1 MiB (a cache file on one line) are scanned in 1 MiB chunks that overlap by
 *   4 KiB, so a secret across a chunk border is still seen; a line's findings are reported once per
 *   kind.
 * - One pass over a line's chars finds which rules could match (hints): a rule's regular expression
 *   runs only when the line holds its literal (a rule without a hint always runs), so the common
 *   line costs one loop and no regex.
 * - E-mail addresses count in every mode (wlat writes none: the redactor masks them wherever it
 *   writes text or a path read from the logs), but never the user@host of a git remote
 *   (git@github.com:owner/repo) or of a URL (ssh://git@host/...): Redaction.url leaves those for
 *   what they are.
 * - A finding names the file, the line and the kind of secret, never the text that matched.
 */
final class SecretScan {

  static final String CHECK = "secrets";

  private static final int CHUNK = 1 << 20;
  private static final int OVERLAP = 4096;
  private static final int SNIFF = 8192;

  // one bit per rule kind with a hint; a kind without one (a rule added later) always runs
  private static final int URL = 1;
  private static final int PRIVATE_KEY = 1 << 1;
  private static final int GITHUB = 1 << 2;
  private static final int OPENAI = 1 << 3;
  private static final int SLACK = 1 << 4;
  private static final int AWS = 1 << 5;
  private static final int BEARER = 1 << 6;
  private static final int PASSWORD = 1 << 7;
  private static final int EMAIL = 1 << 8;
  private static final Map<String, Integer> HINT_BITS = Map.of("url_credentials", URL, "private_key", PRIVATE_KEY,
      "github_token", GITHUB, "openai_key", OPENAI, "slack_token", SLACK, "aws_access_key", AWS,
      "bearer_token", BEARER, "password_assignment", PASSWORD, "email", EMAIL);

  private final PrivacyMode mode;
  private final int chunk;
  private final int overlap;
  private final Findings findings = new Findings(CHECK);
  private long textFiles;
  private long binaryFiles;
  private long lines;
  private final List<String> unscannable = new ArrayList<>();

  private SecretScan(PrivacyMode mode, int chunk, int overlap) {
    if (overlap <= 0 || overlap >= chunk) {
      throw new IllegalArgumentException("overlap [" + overlap + "] must be within 1.." + (chunk - 1));
    }
    this.mode = mode;
    this.chunk = chunk;
    this.overlap = overlap;
  }

  /** {@return the result of scanning {@code files} (relative to {@code root}, in order)}. */
  static Result scan(Path root, List<String> files, PrivacyMode mode) {
    SecretScan s = new SecretScan(mode, CHUNK, OVERLAP);
    for (String f : files) {
      s.file(root, f);
    }
    String detail = String.format(Locale.ROOT, "no secrets or e-mail addresses in %,d text files (%,d lines)%s under %s",
        s.textFiles, s.lines,
        s.binaryFiles == 0 ? "" : String.format(Locale.ROOT, " and %,d binary files scanned as bytes", s.binaryFiles),
        root);
    if (!s.unscannable.isEmpty()) {
      detail += String.format(Locale.ROOT, "; files not scanned as text: %,d (first: %s)", s.unscannable.size(),
          s.unscannable.get(0));
    }
    return new Result(s.findings.result(detail), s.textFiles, s.lines, List.copyOf(s.unscannable));
  }

  /** What the scan saw. */
  record Result(CheckResult check, long textFiles, long lines, List<String> unscannable) {}

  private void file(Path root, String relative) {
    Path path = root.resolve(relative);
    if (Files.isSymbolicLink(path)) {
      notText(relative, "a symbolic link, not followed");
      return;
    }
    try (InputStream in = Files.newInputStream(path)) {
      byte[] head = in.readNBytes(SNIFF);
      boolean binary = false;
      for (byte b : head) {
        if (b == 0) {
          binary = true;
          break;
        }
      }
      InputStream all = new SequenceInputStream(new ByteArrayInputStream(head), in);
      if (binary) {
        binaryFiles++;
        lines(relative, new BinaryText(new InputStreamReader(all, StandardCharsets.ISO_8859_1)));
        return;
      }
      textFiles++;
      Reader r = new InputStreamReader(all, StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
      lines(relative, r);
    } catch (IOException e) {
      notText(relative, "cannot be read: " + e.getClass().getSimpleName());
    }
  }

  /**
   * {@return the findings of scanning {@code text} as the file {@code name}, with lines cut in
   * {@code chunk}-char chunks overlapping by {@code overlap}}: the line scan on its own, for tests.
   */
  static List<Finding> scanText(String name, Reader text, PrivacyMode mode, int chunk, int overlap) throws IOException {
    SecretScan s = new SecretScan(mode, chunk, overlap);
    s.lines(name, text);
    return s.findings.kept();
  }

  private void notText(String relative, String why) {
    unscannable.add(relative);
    if (mode.failsUnscannable()) {
      findings.add(relative, 0, why);
    }
  }

  private void lines(String relative, Reader r) throws IOException {
    char[] buf = new char[1 << 16];
    StringBuilder line = new StringBuilder(256);
    long number = 1;
    Set<String> kinds = new LinkedHashSet<>();
    int n;
    while ((n = r.read(buf)) > 0) {
      int start = 0;
      for (int i = 0; i < n; i++) {
        if (buf[i] == '\n') {
          line.append(buf, start, i - start);
          scan(line, kinds);
          report(relative, number, kinds);
          line.setLength(0);
          number++;
          start = i + 1;
        }
      }
      line.append(buf, start, n - start);
      if (line.length() > chunk) {
        scan(line, kinds);
        line.delete(0, line.length() - overlap);
      }
    }
    if (line.length() > 0) {
      scan(line, kinds);
      report(relative, number, kinds);
    } else {
      number--;
    }
    lines += number;
  }

  private void report(String relative, long number, Set<String> kinds) {
    for (String k : kinds) {
      findings.add(relative, number, k);
    }
    kinds.clear();
  }

  /** Adds to {@code kinds} every rule kind that matches {@code text}. */
  private void scan(CharSequence text, Set<String> kinds) {
    int hints = hints(text);
    for (Redaction.Rule rule : Redaction.RULES) {
      boolean email = rule.kind().equals("email");
      Integer bit = HINT_BITS.get(rule.kind());
      if (kinds.contains(rule.kind()) || bit != null && (hints & bit) == 0) {
        continue;
      }
      Matcher m = rule.pattern().matcher(text);
      while (m.find()) {
        if (email && isRemoteUserInfo(text, m.start(), m.end())) {
          continue;
        }
        kinds.add(rule.kind());
        break;
      }
    }
  }

  /**
   * {@return the hint bits of the rules that could match {@code s}}, in one pass over its chars: for
   * each rule, a literal its matches must hold ({@code ://}, {@code PRIVATE KEY}, {@code gh?_},
   * {@code sk-}, {@code xox}, {@code AKIA}, {@code bearer}, {@code @}) or, for {@code password=}-style
   * assignments, one of the keywords followed by {@code =} or {@code :}. A necessary condition only:
   * the rule's pattern decides.
   */
  static int hints(CharSequence s) {
    int mask = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case ':' -> mask |= at(s, i, "://", false) ? URL : 0;
        case '@' -> mask |= EMAIL;
        case 'P' -> mask |= at(s, i, "PRIVATE KEY", false) ? PRIVATE_KEY : 0;
        case 'A' -> mask |= at(s, i, "AKIA", false) || at(s, i, "ASIA", false) ? AWS : 0;
        case 'x' -> mask |= at(s, i, "xox", false) ? SLACK : 0;
        case 'g' -> mask |= i + 3 < n && s.charAt(i + 1) == 'h' && "pousr".indexOf(s.charAt(i + 2)) >= 0
            && s.charAt(i + 3) == '_' || at(s, i, "github_pat_", false) ? GITHUB : 0;
        default -> { }
      }
      switch (c | 0x20) {
        case 's' -> mask |= (c == 's' && at(s, i, "sk-", false) ? OPENAI : 0) | (assigned(s, i, "secret") ? PASSWORD : 0);
        case 'b' -> mask |= at(s, i, "bearer", true) ? BEARER : 0;
        case 'p' -> mask |= assigned(s, i, "password") || assigned(s, i, "passwd") || assigned(s, i, "pwd") ? PASSWORD : 0;
        case 't' -> mask |= assigned(s, i, "token") ? PASSWORD : 0;
        case 'a' -> mask |= apiKeyAssigned(s, i) ? PASSWORD : 0;
        default -> { }
      }
    }
    return mask;
  }

  /** {@return true when {@code s} holds {@code word} at {@code i}, ASCII case ignored, then {@code =} or {@code :} after optional spaces}. */
  private static boolean assigned(CharSequence s, int i, String word) {
    return at(s, i, word, true) && assignmentAt(s, i + word.length());
  }

  private static boolean apiKeyAssigned(CharSequence s, int i) {
    if (!at(s, i, "api", true)) {
      return false;
    }
    int j = i + 3;
    if (j < s.length() && (s.charAt(j) == '_' || s.charAt(j) == '-')) {
      j++;
    }
    return at(s, j, "key", true) && assignmentAt(s, j + 3);
  }

  private static boolean assignmentAt(CharSequence s, int j) {
    while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
      j++;
    }
    return j < s.length() && (s.charAt(j) == '=' || s.charAt(j) == ':');
  }

  /** {@return true when {@code s} holds {@code lit} at {@code i}; {@code ignoreCase} folds ASCII letters}. */
  static boolean at(CharSequence s, int i, String lit, boolean ignoreCase) {
    int n = lit.length();
    if (i + n > s.length()) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      char a = s.charAt(i + k);
      char b = lit.charAt(k);
      if (a != b && !(ignoreCase && Character.isLetter(b) && (a | 0x20) == b)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@return true for the user@host of {@code git@github.com:owner/repo}, {@code ssh://git@host/...}
   * or {@code https://user:password@host/...}} (the last a url_credentials finding of its own).
   */
  static boolean isRemoteUserInfo(CharSequence s, int start, int end) {
    if (end < s.length() && s.charAt(end) == ':') {
      return true;
    }
    int i = start - 1; // back over the user-info to the "//" of scheme://
    while (i >= 2 && s.charAt(i) != '/' && !Character.isWhitespace(s.charAt(i))) {
      i--;
    }
    return i >= 2 && s.charAt(i) == '/' && at(s, i - 2, "://", false);
  }

  /** Bytes as chars, with NUL and the other control bytes (tab aside) turned into line ends. */
  private static final class BinaryText extends java.io.FilterReader {
    BinaryText(Reader in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      return c >= 0 && c < 0x20 && c != '\t' ? '\n' : c;
    }

    @Override
    public int read(char[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      for (int i = off; i < off + n; i++) {
        if (b[i] < 0x20 && b[i] != '\t') {
          b[i] = '\n';
        }
      }
      return n;
    }
  }
}
