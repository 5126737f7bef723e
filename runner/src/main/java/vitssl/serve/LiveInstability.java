package vitssl.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import vitssl.analysis.InstabilityReport;
import vitssl.dsl.SpecJson;
import vitssl.dsl.monitor.InstabilityDetection;

/**
 * A run's instability markers (kNN dips, gradient-norm spikes, first-to-last-layer lags): the
 * {@code instability.json} the run wrote after its last step, or, while it trains, the same
 * analysis of its metrics so far with the thresholds of its spec. Nothing is written.
 */
final class LiveInstability {
  /** The thresholds name no component type, so a codec without any reads them. */
  private static final SpecJson SPECS = SpecJson.withTypes(List.of());

  private LiveInstability() {}

  /** The report as JSON, with {@code "final": true} when the run wrote it; null without metrics. */
  static JsonNode of(RunsFolder folder, String runId) {
    Optional<Path> written = folder.fileOf(runId, InstabilityReport.FILE);
    JsonNode report = RunFiles.readOrNull(written);
    if (report.isObject()) {
      return ((ObjectNode) report).put("final", true);
    }
    Optional<Path> metrics = folder.fileOf(runId, RunFiles.METRICS);
    if (metrics.isEmpty()) {
      return JsonNodeFactory.instance.nullNode();
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    try {
      InstabilityDetection detection = detection(folder.fileOf(runId, RunFiles.SPEC));
      String json = InstabilityReport.of(metrics.get(), detection).toJson();
      out = (ObjectNode) RunFiles.JSON.readTree(json);
    } catch (IllegalArgumentException | UncheckedIOException | IOException e) {
      out.put("error", e.getMessage());
    }
    return out.put("final", false);
  }

  /** The spec's thresholds; the defaults when the spec is missing or holds none. */
  private static InstabilityDetection detection(Optional<Path> spec) {
    JsonNode node = RunFiles.readOrNull(spec).path("instabilityDetection");
    if (!node.isObject()) {
      return InstabilityDetection.defaults();
    }
    return SPECS.read(node.toString(), InstabilityDetection.class);
  }
}
