package vitssl.serve;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the page shows of one run, as it stands: its spec, its summary once finished, its
 * instability markers, and the metrics rows after the page's cursor.
 */
record RunSnapshot(
    @JsonProperty("id") String id,
    @JsonProperty("spec") JsonNode spec,
    @JsonProperty("summary") JsonNode summary,
    @JsonProperty("instability") JsonNode instability,
    @JsonProperty("metrics") MetricsTail.Chunk metrics) {

  static RunSnapshot read(RunsFolder folder, String runId, String cursor) {
    if (!RunFiles.isRun(folder.resolve(runId))) {
      throw new Refusal(Refusal.NOT_FOUND, "no run at " + runId);
    }
    Optional<Path> metrics = folder.fileOf(runId, RunFiles.METRICS);
    MetricsTail.Chunk rows =
        metrics.isPresent()
            ? MetricsTail.read(metrics.get(), cursor)
            : new MetricsTail.Chunk(List.of(), "", false, false);
    return new RunSnapshot(
        runId,
        RunFiles.readOrNull(folder.fileOf(runId, RunFiles.SPEC)),
        RunFiles.readOrNull(folder.fileOf(runId, RunFiles.SUMMARY)),
        LiveInstability.of(folder, runId),
        rows);
  }
}
