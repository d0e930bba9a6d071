package dev.wlat.attribution;

import dev.wlat.model.Attribution;
import dev.wlat.model.OutcomeLink;
import java.util.List;
import java.util.Objects;

/**
 * The attribution of one thread and its links to GitHub work.
 *
 * @param attribution repository, workstream, outcome and confidence
 * @param links links to commits, pull requests, issues, releases and tags, strongest first; they carry
 *     no tokens yet (see {@link Attributor#allocate})
 */
public record ThreadAttribution(Attribution attribution, List<OutcomeLink> links) {

  public ThreadAttribution {
    Objects.requireNonNull(attribution, "attribution");
    links = List.copyOf(links);
  }
}
