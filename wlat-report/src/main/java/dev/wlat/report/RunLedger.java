package dev.wlat.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Markdown execution ledger of one run ({@code runs/<run_id>_execution_ledger.md}): the command,
 * the inputs found, counts, warnings by kind, timings and outputs. Built section by section, written
 * atomically. It holds counts, ids and paths only.
 */
public final class RunLedger {

  private final String runId;
  private final StringBuilder md = new StringBuilder(4096);

  private RunLedger(String runId, String title) {
    this.runId = runId;
    md.append("# ").append(escape(title)).append("\n\n");
  }

  /** {@return a ledger for run {@code runId} headed {@code title}}. */
  public static RunLedger create(String runId, String title) {
    return new RunLedger(runId, title);
  }

  /** {@return the run id}. */
  public String runId() {
    return runId;
  }

  /** Starts a section. */
  public RunLedger section(String heading) {
    md.append("## ").append(escape(heading)).append("\n\n");
    return this;
  }

  /** Adds a paragraph. */
  public RunLedger paragraph(String text) {
    md.append(escape(text)).append("\n\n");
    return this;
  }

  /** Adds a fenced code line (a command). */
  public RunLedger code(String text) {
    md.append("```\n").append(text.replace("```", "'''")).append("\n```\n\n");
    return this;
  }

  /** Adds a two-column table of key → value. */
  public RunLedger keyValues(List<String[]> rows) {
    return table(List.of("item", "value"), rows);
  }

  /** Adds a table with {@code header} and {@code rows}. */
  public RunLedger table(List<String> header, List<String[]> rows) {
    md.append('|');
    for (String h : header) {
      md.append(' ').append(escape(h)).append(" |");
    }
    md.append("\n|");
    for (int i = 0; i < header.size(); i++) {
      md.append("---|");
    }
    md.append('\n');
    for (String[] row : rows) {
      md.append('|');
      for (String cell : row) {
        md.append(' ').append(escape(cell == null ? "" : cell)).append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
    return this;
  }

  /** Adds a bulleted list. */
  public RunLedger bullets(List<String> items) {
    for (String item : items) {
      md.append("- ").append(escape(item)).append('\n');
    }
    md.append('\n');
    return this;
  }

  /** {@return the Markdown so far}. */
  public String markdown() {
    return md.toString();
  }

  /** Writes {@code runs/<runId>_execution_ledger.md} under {@code outputRoot}; {@return its path}. */
  public Path writeTo(Path outputRoot) {
    return writeTo(outputRoot, java.util.function.UnaryOperator.identity());
  }

  /** Writes the ledger as {@code shown} turns its Markdown (a privacy filter); {@return its path}. */
  public Path writeTo(Path outputRoot, java.util.function.UnaryOperator<String> shown) {
    Path file = outputRoot.resolve("runs").resolve(runId + "_execution_ledger.md");
    AtomicFiles.writeString(file, shown.apply(markdown()));
    return file;
  }

  /** {@return a list of string-array rows}, a small helper for callers. */
  public static List<String[]> rows() {
    return new ArrayList<>();
  }

  private static String escape(String s) {
    return s.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
  }
}
