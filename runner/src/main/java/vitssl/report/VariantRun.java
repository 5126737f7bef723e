package vitssl.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import vitssl.analysis.Dip;
import vitssl.analysis.InstabilityReport;
import vitssl.analysis.SpikeEvent;

/** What the report reads of one variant's run folder; all of it optional. */
record VariantRun(
    SweepReport.Row row,
    JsonNode summary,
    Optional<MetricsTable> metrics,
    Optional<InstabilityReport> instability) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static VariantRun read(SweepReport.Row row) {
    Path summaryFile = row.run().resolve(RunReport.SUMMARY);
    Path metricsFile = row.run().resolve(RunReport.METRICS);
    try {
      JsonNode summary =
          Files.isRegularFile(summaryFile)
              ? JSON.readTree(summaryFile.toFile())
              : JSON.nullNode();
      Optional<MetricsTable> metrics =
          Files.isRegularFile(metricsFile)
              ? Optional.of(MetricsTable.read(metricsFile))
              : Optional.empty();
      return new VariantRun(row, summary, metrics, InstabilityReport.read(row.run()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + summaryFile + ": " + e.getMessage(), e);
    }
  }

  List<Dip> dips() {
    return instability.map(InstabilityReport::dips).orElse(List.of());
  }

  List<SpikeEvent> spikes(String layer) {
    return instability.map(i -> i.spikes().getOrDefault(layer, List.of())).orElse(List.of());
  }
}
