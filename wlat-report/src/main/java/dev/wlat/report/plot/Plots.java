package dev.wlat.report.plot;

import dev.wlat.report.AtomicFiles;
import dev.wlat.report.ReportWindow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The five plots of a window, rendered as self-contained HTML pages (inline SVG and CSS, no script,
 * nothing fetched) and written under {@code plots/}.
 *
 * <pre>{@code
 * PlotData data = PlotData.load(outputRoot.resolve("data"), ReportWindow.parse("30d", now, zone), zone);
 * List<Plots.Written> files = Plots.write(outputRoot, runId, Plots.render(data, Entitlements.NONE, runId));
 * }</pre>
 */
public final class Plots {

  /** The plots, in the order they are rendered: each names its file. */
  public static final List<String> NAMES = List.of(TokenEventRaster.NAME, TokenMixStackedArea.NAME,
      RepoOutcomeHeatmap.NAME, CumulativeBurnup.NAME, TopThreadsSparklines.NAME);

  private static final List<Function<Frame, String>> RENDERERS = List.of(TokenEventRaster::render,
      TokenMixStackedArea::render, RepoOutcomeHeatmap::render, CumulativeBurnup::render, TopThreadsSparklines::render);

  /**
   * One rendered plot.
   *
   * @param name its name, e.g. {@code token_event_raster}
   * @param window the window it shows
   * @param html the page
   */
  public record Rendered(String name, ReportWindow window, String html) {
    public Rendered {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(window, "window");
      Objects.requireNonNull(html, "html");
    }

    /** {@return {@code latest_<window>_<name>.html}}. */
    public String latestFileName() {
      return window.latest(name) + ".html";
    }

    /** {@return {@code <runId>_<window>_<name>.html}}. */
    public String keptFileName(String runId) {
      return window.kept(runId, name) + ".html";
    }
  }

  /**
   * One plot written.
   *
   * @param name its name
   * @param latest {@code plots/latest_<window>_<name>.html}
   * @param kept {@code plots/<runId>_<window>_<name>.html}
   */
  public record Written(String name, Path latest, Path kept) {}

  private Plots() {}

  /** {@return the five plots of {@code data}}, in {@link #NAMES} order, stamped with {@code runId}. */
  public static List<Rendered> render(PlotData data, Entitlements entitlements, String runId) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(entitlements, "entitlements");
    Objects.requireNonNull(runId, "runId");
    Frame frame = new Frame(data, entitlements, runId);
    List<Rendered> plots = new ArrayList<>(NAMES.size());
    for (int i = 0; i < NAMES.size(); i++) {
      plots.add(new Rendered(NAMES.get(i), data.window(), RENDERERS.get(i).apply(frame)));
    }
    return plots;
  }

  /**
   * Writes each plot under {@code <outputRoot>/plots/}, atomically, as its kept copy and then as its
   * latest file; {@return what was written, in order}.
   *
   * @throws java.io.UncheckedIOException when a file cannot be written
   */
  public static List<Written> write(Path outputRoot, String runId, List<Rendered> plots) {
    Path dir = outputRoot.resolve("plots");
    AtomicFiles.removeStaleTemporaries(dir);
    List<Written> written = new ArrayList<>(plots.size());
    for (Rendered p : plots) {
      Path kept = dir.resolve(p.keptFileName(runId));
      Path latest = dir.resolve(p.latestFileName());
      AtomicFiles.writeString(kept, p.html());
      AtomicFiles.writeString(latest, p.html());
      written.add(new Written(p.name(), latest, kept));
    }
    return written;
  }
}
