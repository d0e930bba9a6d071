package dev.wlat.github.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.wlat.github.internal.RepoCache.IssueEntry;
import dev.wlat.github.internal.RepoCache.PullDetail;
import dev.wlat.github.internal.RepoCache.PullEntry;
import dev.wlat.github.internal.RepoCache.PullFile;
import dev.wlat.github.internal.RepoCache.Watermark;
import dev.wlat.model.ArtifactKind;
import dev.wlat.model.GitHubArtifact;
import dev.wlat.model.GitHubRepo;
import dev.wlat.model.OutcomeType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads and writes a {@link RepoCache} as one JSON file, written to a temporary sibling and renamed
 * into place, so a crash or a failed collection leaves the last good file. The layout is documented
 * on {@code dev.wlat.github.GitHubCollector}.
 *
 * <p>A file that cannot be read, is of another format version or of another repository is ignored:
 * collection starts afresh rather than fail on its own cache.
 */
final class CacheFile {

  static final int FORMAT = 1;
  static final String NAME = "collection.json";
  private static final String TEMP_SUFFIX = ".tmp";

  private CacheFile() {}

  /** {@return the cache file of {@code repo} under {@code cacheDir}: {@code <owner>/<name>/collection.json}}. */
  static Path of(Path cacheDir, GitHubRepo repo) {
    return cacheDir.resolve(repo.owner()).resolve(repo.name()).resolve(NAME);
  }

  // ---------------------------------------------------------------------------------------------
  // Reading
  // ---------------------------------------------------------------------------------------------

  /** {@return what {@code file} holds, or an empty cache when it is missing or unusable}. */
  static RepoCache load(Path file, GitHubRepo repo) {
    Object root;
    try (InputStream in = Files.newInputStream(file); JsonParser p = JsonPages.JSON.createParser(in)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return new RepoCache(repo);
      }
      root = tree(p, t);
    } catch (NoSuchFileException e) {
      return new RepoCache(repo);
    } catch (IOException e) {
      // unreadable or not JSON: start afresh
      return new RepoCache(repo);
    }
    try {
      return decode(root, repo);
    } catch (RuntimeException e) {
      // ClassCastException, NullPointerException, IllegalArgumentException, DateTimeParseException:
      // a damaged or hand-edited cache; start afresh.
      return new RepoCache(repo);
    }
  }

  private static RepoCache decode(Object root, GitHubRepo repo) {
    RepoCache c = new RepoCache(repo);
    Map<?, ?> m = (Map<?, ?>) root;
    if (!Long.valueOf(FORMAT).equals(m.get("format")) || !repo.slug().equals(m.get("repo"))) {
      return c;
    }
    Map<?, ?> commits = (Map<?, ?>) m.get("commits");
    Map<?, ?> issues = (Map<?, ?>) m.get("issues");
    Map<?, ?> pulls = (Map<?, ?>) m.get("pulls");
    if (commits != null) {
      Watermark w = watermark(commits);
      for (Object o : (List<?>) commits.get("items")) {
        GitHubArtifact a = artifact(repo, (Map<?, ?>) o);
        c.commitsBySha.put(a.id(), a);
      }
      c.commits = w;
    }
    if (issues != null) {
      Watermark w = watermark(issues);
      for (Object o : (List<?>) issues.get("items")) {
        Map<?, ?> e = (Map<?, ?>) o;
        GitHubArtifact a = artifact(repo, (Map<?, ?>) e.get("artifact"));
        c.issuesByNumber.put(Integer.parseInt(a.id()), new IssueEntry(instant(e.get("updated_at")), a));
      }
      c.issues = w;
    }
    if (pulls != null) {
      Watermark w = watermark(pulls);
      for (Object o : (List<?>) pulls.get("items")) {
        Map<?, ?> e = (Map<?, ?>) o;
        GitHubArtifact a = artifact(repo, (Map<?, ?>) e.get("artifact"));
        Map<?, ?> d = (Map<?, ?>) e.get("detail");
        PullDetail detail = null;
        if (d != null) {
          List<PullFile> files = new ArrayList<>();
          for (Object f : (List<?>) d.get("files")) {
            Map<?, ?> fm = (Map<?, ?>) f;
            files.add(new PullFile((String) fm.get("path"), (Long) fm.get("additions"), (Long) fm.get("deletions")));
          }
          detail = new PullDetail(instant(d.get("updated_at")), files, strings(d.get("commit_shas")),
              Boolean.TRUE.equals(d.get("truncated")));
        }
        PullEntry entry = new PullEntry(instant(e.get("updated_at")), a, detail);
        c.pullsByNumber.put(entry.number(), entry);
      }
      c.pulls = w;
    }
    return c;
  }

  private static Watermark watermark(Map<?, ?> section) {
    return new Watermark(instant(section.get("from")), instant(section.get("to")));
  }

  private static GitHubArtifact artifact(GitHubRepo repo, Map<?, ?> m) {
    List<Integer> closes = new ArrayList<>();
    for (Object o : (List<?>) m.get("closes_issues")) {
      closes.add(Math.toIntExact((Long) o));
    }
    Object merged = m.get("merged");
    return new GitHubArtifact(repo, kind((String) m.get("kind")), (String) m.get("id"), instant(m.get("timestamp")),
        instant(m.get("closed_at")), (String) m.get("actor"), (String) m.get("sha"), (String) m.get("branch"),
        (String) m.get("title"), (String) m.get("state"), (Boolean) merged, (String) m.get("url"),
        strings(m.get("labels")), (String) m.get("file_path"), (Long) m.get("additions"), (Long) m.get("deletions"),
        OutcomeType.ofLabel((String) m.get("outcome")), new TreeSet<>(strings(m.get("mentions"))),
        strings(m.get("commit_shas")), closes);
  }

  private static ArtifactKind kind(String label) {
    for (ArtifactKind k : ArtifactKind.values()) {
      if (k.label().equals(label)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown artifact kind [" + label + "]");
  }

  private static Instant instant(Object o) {
    return o == null ? null : Instant.parse((String) o);
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    for (Object s : (List<?>) o) {
      out.add((String) s);
    }
    return out;
  }

  private static Object tree(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT: {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String k = p.currentName();
          m.put(k, tree(p, p.nextToken()));
        }
        return m;
      }
      case START_ARRAY: {
        List<Object> l = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          l.add(tree(p, e));
        }
        return l;
      }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getLongValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected " + t + " in the cache");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Writing
  // ---------------------------------------------------------------------------------------------

  /** Writes {@code cache} to {@code file} atomically (temporary sibling, then rename). */
  static void save(Path file, RepoCache cache, Instant savedAt) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = file.resolveSibling(file.getFileName() + TEMP_SUFFIX);
    try (OutputStream out = Files.newOutputStream(temp);
        JsonGenerator g = JsonPages.JSON.createGenerator(out, JsonEncoding.UTF8).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeNumberField("format", FORMAT);
      g.writeStringField("repo", cache.repo.slug());
      g.writeStringField("saved_at", savedAt.toString());
      if (cache.commits != null) {
        startSection(g, "commits", cache.commits);
        for (GitHubArtifact a : cache.commitsBySha.values()) {
          artifact(g, a);
        }
        endSection(g);
      }
      if (cache.issues != null) {
        startSection(g, "issues", cache.issues);
        for (IssueEntry e : cache.issuesByNumber.values()) {
          g.writeStartObject();
          instantField(g, "updated_at", e.updatedAt());
          g.writeFieldName("artifact");
          artifact(g, e.issue());
          g.writeEndObject();
        }
        endSection(g);
      }
      if (cache.pulls != null) {
        startSection(g, "pulls", cache.pulls);
        for (PullEntry e : cache.pullsByNumber.values()) {
          g.writeStartObject();
          instantField(g, "updated_at", e.updatedAt());
          g.writeFieldName("artifact");
          artifact(g, e.pull());
          if (e.detail() != null) {
            PullDetail d = e.detail();
            g.writeObjectFieldStart("detail");
            instantField(g, "updated_at", d.updatedAt());
            g.writeBooleanField("truncated", d.truncated());
            stringArray(g, "commit_shas", d.commitShas());
            g.writeArrayFieldStart("files");
            for (PullFile f : d.files()) {
              g.writeStartObject();
              g.writeStringField("path", f.path());
              longField(g, "additions", f.additions());
              longField(g, "deletions", f.deletions());
              g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
          }
          g.writeEndObject();
        }
        endSection(g);
      }
      g.writeEndObject();
    }
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Removes a temporary file a crashed run may have left beside {@code file}. */
  static void removeStaleTemp(Path file) {
    try {
      Files.deleteIfExists(file.resolveSibling(file.getFileName() + TEMP_SUFFIX));
    } catch (IOException e) {
      // harmless: the next save replaces it
    }
  }

  private static void startSection(JsonGenerator g, String name, Watermark w) throws IOException {
    g.writeObjectFieldStart(name);
    instantField(g, "from", w.from());
    instantField(g, "to", w.to());
    g.writeArrayFieldStart("items");
  }

  private static void endSection(JsonGenerator g) throws IOException {
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void artifact(JsonGenerator g, GitHubArtifact a) throws IOException {
    g.writeStartObject();
    g.writeStringField("kind", a.kind().label());
    g.writeStringField("id", a.id());
    instantField(g, "timestamp", a.timestamp());
    instantField(g, "closed_at", a.closedAt());
    g.writeStringField("actor", a.actor());
    g.writeStringField("sha", a.sha());
    g.writeStringField("branch", a.branch());
    g.writeStringField("title", a.title());
    g.writeStringField("state", a.state());
    if (a.merged() == null) {
      g.writeNullField("merged");
    } else {
      g.writeBooleanField("merged", a.merged());
    }
    g.writeStringField("url", a.url());
    stringArray(g, "labels", a.labels());
    g.writeStringField("file_path", a.filePath());
    longField(g, "additions", a.additions());
    longField(g, "deletions", a.deletions());
    g.writeStringField("outcome", a.outcome().label());
    stringArray(g, "mentions", new TreeSet<>(a.mentions()));
    stringArray(g, "commit_shas", a.commitShas());
    g.writeArrayFieldStart("closes_issues");
    for (Integer n : a.closesIssues()) {
      g.writeNumber(n);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void instantField(JsonGenerator g, String name, Instant value) throws IOException {
    g.writeStringField(name, value == null ? null : value.toString());
  }

  private static void longField(JsonGenerator g, String name, Long value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, value);
    }
  }

  private static void stringArray(JsonGenerator g, String name, Collection<String> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }
}
