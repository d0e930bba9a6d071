package dev.wlat.github.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertAll;

import dev.wlat.github.internal.JsonPages.Fields;
import dev.wlat.github.internal.JsonPages.Item;
import dev.wlat.github.internal.JsonPages.MalformedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPagesTests {

  private static final Fields FIELDS = Fields.of("number", "commit.author.date", "labels[].name", "pull_request",
      "title");

  private static List<Item> read(String json, int expectedPages) throws IOException {
    List<Item> items = new ArrayList<>();
    int pages = JsonPages.readArrays(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), FIELDS,
        items::add);
    assertThat(pages).isEqualTo(expectedPages);
    return items;
  }

  @Test
  void readsArraysPrintedBackToBackWithOrWithoutWhitespace() throws IOException {
    List<Item> items = read("[{\"number\": 1}][{\"number\": 2}]\n\n[{\"number\": 3}]\n[]", 4);
    assertThat(items).extracting(i -> i.number("number")).containsExactly(1L, 2L, 3L);
  }

  @Test
  void keepsOnlyTheNamedFieldsAndSkipsEverySubtreeElse() throws IOException {
    Item it = read("[{\"title\": \"t\", \"body\": \"long text\", \"commit\": {\"message\": \"m\", \"author\":"
        + " {\"name\": \"n\", \"date\": \"2026-11-10T09:00:00Z\"}, \"tree\": {\"sha\": \"x\"}}, \"parents\":"
        + " [{\"sha\": \"p\", \"nested\": [[1, {\"deep\": true}]]}], \"labels\": [{\"name\": \"bug\", \"color\":"
        + " \"red\"}, {\"name\": \"docs\"}], \"pull_request\": {\"url\": \"u\"}}]", 1).get(0);
    assertAll(
        () -> assertThat(it.text("title")).isEqualTo("t"),
        () -> assertThat(it.text("body")).isNull(),
        () -> assertThat(it.text("commit.message")).isNull(),
        () -> assertThat(it.instant("commit.author.date")).isEqualTo(Instant.parse("2026-11-10T09:00:00Z")),
        () -> assertThat(it.texts("labels[].name")).containsExactly("bug", "docs"),
        () -> assertThat(it.has("pull_request")).isTrue(),
        () -> assertThat(it.text("pull_request.url")).isNull());
  }

  @Test
  void jsonNullIsAbsent() throws IOException {
    Item it = read("[{\"title\": null, \"pull_request\": null, \"labels\": null}]", 1).get(0);
    assertThat(it.has("title")).isFalse();
    assertThat(it.has("pull_request")).isFalse();
    assertThat(it.texts("labels[].name")).isEmpty();
  }

  @Test
  void offsetTimestampsAreReadAsInstants() throws IOException {
    Item it = read("[{\"commit\": {\"author\": {\"date\": \"2026-11-10T11:00:00+02:00\"}}}]", 1).get(0);
    assertThat(it.instant("commit.author.date")).isEqualTo(Instant.parse("2026-11-10T09:00:00Z"));
  }

  @Test
  void anythingButArraysOfObjectsIsMalformed() {
    assertAll(
        () -> assertMalformed("", "empty response"),
        () -> assertMalformed("{\"message\": \"Not Found\"}", "expected a JSON array, found '{'"),
        () -> assertMalformed("[1, 2]", "expected an object in the array, found a number"),
        () -> assertMalformed("[{\"number\": 1}", null),
        () -> assertMalformed("[{\"number\": 1}]garbage", null),
        () -> assertMalformed("[{\"number\": \"one\"}]", "number is not an integer: [one]"),
        () -> assertMalformed("[{\"commit\": {\"author\": {\"date\": \"yesterday\"}}}]",
            "commit.author.date is not a timestamp: [yesterday]"));
  }

  private static void assertMalformed(String json, String message) {
    assertThatThrownBy(() -> JsonPages.readArrays(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
        FIELDS, it -> {
          it.number("number");
          it.instant("commit.author.date");
        }))
        .isInstanceOf(MalformedException.class)
        .satisfies(e -> {
          assertThat(e.getMessage()).doesNotContain("\n");
          if (message != null) {
            assertThat(e.getMessage()).isEqualTo(message);
          }
        });
  }
}
