package vitssl.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import vitssl.analysis.InstabilityReport;

/**
 * Charts and a self-contained HTML report of a run folder. Reads {@code metrics.jsonl} (required),
 * {@code summary.json} and {@code spec.json} (each optional, so that a run that died half-way still
 * gets its curves); writes {@code loss_lr.png}, {@code knn.png}, {@code grad_norms.png} and {@code
 * report.html} into the folder. A chart without data is skipped with a note in the report, and an
 * old PNG of that name is removed so that the folder never shows a stale figure.
 */
public final class RunReport {
  public static final String METRICS = "metrics.jsonl";
  public static final String SUMMARY = "summary.json";
  public static final String SPEC = "spec.json";
  public static final String REPORT = "report.html";

  private RunReport() {}

  /** Writes the charts and the report; returns the path of {@code report.html}. */
  public static Path write(Path runFolder) {
    Path metrics = runFolder.resolve(METRICS);
    if (!Files.isRegularFile(metrics)) {
      throw new IllegalArgumentException(
          "run folder "
              + runFolder
              + " has no "
              + METRICS
              + ": pass the folder a training run wrote its metrics to");
    }
    MetricsTable log = MetricsTable.read(metrics);
    Path summaryFile = runFolder.resolve(SUMMARY);
    Optional<JsonNode> summary = readText(summaryFile).map(text -> parse(summaryFile, text));
    Optional<String> spec = readText(runFolder.resolve(SPEC));
    Optional<InstabilityReport> instability = InstabilityReport.read(runFolder);
    List<Chart> charts = RunCharts.draw(log, knnAtRandomInit(summary), instability);
    try {
      for (Chart chart : charts) {
        Path file = runFolder.resolve(chart.fileName());
        if (chart.png().isPresent()) {
          Files.write(file, chart.png().get());
        } else {
          Files.deleteIfExists(file);
        }
      }
      String html =
          HtmlReport.render(
              title(runFolder, spec),
              runFolder.toString(),
              summary,
              List.of(
                  new HtmlReport.Section("Training curves", charts),
                  new HtmlReport.Section("Pictures", pictures(runFolder))),
              instability.map(InstabilityReport::toMarkdown),
              spec.map(RunReport::pretty));
      return Files.writeString(runFolder.resolve(REPORT), html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not write the report into " + runFolder + ": " + e.getMessage(), e);
    }
  }

  /** The pictures of the final evaluation that the run drew into its folder, those present. */
  private static List<Chart> pictures(Path runFolder) throws IOException {
    List<Chart> pictures = new ArrayList<>();
    for (PictureFile picture : PictureFile.values()) {
      Path file = runFolder.resolve(picture.fileName());
      if (Files.isRegularFile(file)) {
        pictures.add(
            Chart.drawn(
                picture.fileName(), picture.title(), Files.readAllBytes(file), picture.caption()));
      }
    }
    return pictures;
  }

  private static OptionalDouble knnAtRandomInit(Optional<JsonNode> summary) {
    return summary
        .map(s -> s.path("knn_top1_random_init"))
        .filter(JsonNode::isNumber)
        .map(n -> OptionalDouble.of(n.doubleValue()))
        .orElse(OptionalDouble.empty());
  }

  /** The experiment's name from the spec when it has one, else the folder's name. */
  private static String title(Path runFolder, Optional<String> spec) {
    String name =
        spec.flatMap(RunReport::tryParse)
            .map(s -> s.path("name"))
            .filter(JsonNode::isTextual)
            .map(JsonNode::asText)
            .orElse(String.valueOf(runFolder.toAbsolutePath().normalize().getFileName()));
    return "Run report: " + name;
  }

  /** The spec re-indented when it parses, as written when it does not. */
  private static String pretty(String spec) {
    return tryParse(spec).map(JsonNode::toPrettyString).orElse(spec);
  }

  private static Optional<JsonNode> tryParse(String text) {
    try {
      return Optional.ofNullable(MetricsTable.JSON.readTree(text));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static JsonNode parse(Path file, String text) {
    JsonNode node = tryParse(text).orElse(null);
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(file + " is not a JSON object: rewrite it or remove it");
    }
    return node;
  }

  private static Optional<String> readText(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
    }
  }
}
