package dev.wlat.cli.job;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.wlat.accounting.insights.Insight;
import java.io.IOException;

/** One insight as a JSON object: the same fields in {@code wlat insights --format json} and the dashboard's data. */
public final class InsightJson {

  private InsightJson() {}

  /** Writes {@code s} as one object: kind, thread and call ids, score, tokens at stake, severity, why, action. */
  public static void write(JsonGenerator g, Insight s) throws IOException {
    g.writeStartObject();
    g.writeStringField("kind", s.kind().label());
    g.writeStringField("thread_id", s.threadId());
    g.writeStringField("event_id", s.eventId());
    g.writeNumberField("score", Math.round(s.score()));
    g.writeNumberField("tokens_at_stake", s.tokensAtStake());
    g.writeNumberField("severity", Math.round(s.severity() * 100) / 100.0);
    g.writeStringField("why", s.why());
    g.writeStringField("action", s.action());
    g.writeEndObject();
  }
}
