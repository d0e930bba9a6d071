package dev.wlat.model;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the references in a commit message, PR or issue body, title or branch name that tie work to
 * a Codex thread or to other GitHub work: thread ids (UUIDs), {@code #N} numbers, closing keywords
 * ({@code fixes #12}) and plan file paths ({@code plans/retry.md}, {@code docs/plans/x.md},
 * {@code PLAN.md}, {@code foo.plan.md}).
 *
 * <p>Mentions are kept as tagged strings so a record can hold them without free text:
 * {@code thread:<uuid>}, {@code ref:<n>}, {@code closes:<n>}, {@code plan:<path>}.
 */
public final class Mentions {

  private static final Pattern UUID = Pattern.compile(
      "(?i)\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");
  private static final Pattern REF = Pattern.compile("(?<![\\w/&])#(\\d{1,7})\\b");
  private static final Pattern CLOSES = Pattern.compile(
      "(?i)\\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\\b:?\\s+(?:[\\w.-]+/[\\w.-]+)?#(\\d{1,7})\\b");
  private static final Pattern PLAN = Pattern.compile(
      "(?i)(?<![\\w./-])((?:[\\w.-]+/)*(?:plans?/[\\w./-]+\\.md|[\\w.-]*\\.plan\\.md|PLAN\\.md))\\b");

  private Mentions() {}

  /** {@return the tagged mentions in {@code text}, sorted; empty for {@code null}}. */
  public static Set<String> in(String text) {
    Set<String> out = new TreeSet<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    Matcher m = UUID.matcher(text);
    while (m.find()) {
      out.add("thread:" + m.group().toLowerCase(Locale.ROOT));
    }
    m = CLOSES.matcher(text);
    while (m.find()) {
      out.add("closes:" + Integer.parseInt(m.group(1)));
    }
    m = REF.matcher(text);
    while (m.find()) {
      out.add("ref:" + Integer.parseInt(m.group(1)));
    }
    m = PLAN.matcher(text);
    while (m.find()) {
      out.add("plan:" + m.group(1));
    }
    return out;
  }

  /** {@return the issue numbers {@code text} closes with a closing keyword, sorted}. */
  public static Set<Integer> closedIssues(String text) {
    Set<Integer> out = new TreeSet<>();
    if (text == null) {
      return out;
    }
    Matcher m = CLOSES.matcher(text);
    while (m.find()) {
      out.add(Integer.parseInt(m.group(1)));
    }
    return out;
  }

  private static final Pattern BRANCH_NUMBER = Pattern.compile(
      "(?i)(?:^|[/_-])(?:pr|pull|issue|issues|gh|fix|bug|feature|feat)?[-_/]?(\\d{1,6})(?=$|[/_-])");

  /**
   * {@return the PR or issue number a branch name carries ({@code fix/123-retry}, {@code pr-45},
   * {@code issue/7}, {@code 88-login}), or {@code null}}. Numbers that look like dates or versions
   * ({@code release/2026}, {@code v1.2}) are not taken: only 1-6 digits standing alone as a part.
   */
  public static Integer branchNumber(String branch) {
    if (branch == null) {
      return null;
    }
    Matcher m = BRANCH_NUMBER.matcher(branch);
    while (m.find()) {
      String digits = m.group(1);
      int n = Integer.parseInt(digits);
      boolean yearLike = digits.length() == 4 && n >= 1990 && n <= 2100;
      if (n > 0 && !yearLike) {
        return n;
      }
    }
    return null;
  }
}
