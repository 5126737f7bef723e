package vitssl.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The table and the overlay chart of a sweep: one row per variant (kNN top-1, its gain over the
 * random-init backbone, linear top-1, images/s, wall time, skipped steps, dips and spikes found),
 * and every variant's kNN curve in one chart. Writes {@code sweep.md}, {@code sweep.html} and
 * {@code knn_curves.png} into the sweep's folder.
 */
public final class SweepReport {
  /** The columns of the table: summary key and heading. */
  private static final Map<String, String> COLUMNS = new LinkedHashMap<>();

  static {
    COLUMNS.put("knn_top1", "kNN top-1");
    COLUMNS.put("knn_gain", "gain over random init");
    COLUMNS.put("linear_top1", "linear top-1");
    COLUMNS.put("images_per_second", "img/s");
    COLUMNS.put("wall_seconds", "wall s");
    COLUMNS.put("skipped_steps", "skipped steps");
    COLUMNS.put("instability.knn_dips", "kNN dips");
    COLUMNS.put("instability.grad_spikes_last_layer", "last-layer spikes");
  }

  private SweepReport() {}

  /**
   * @param variants each variant's name and run folder, in the order of the table
   * @return the HTML file
   */
  public static Path write(Path folder, Map<String, Path> variants) {
    ObjectMapper json = new ObjectMapper();
    StringBuilder markdown = new StringBuilder("| variant |");
    COLUMNS.values().forEach(c -> markdown.append(' ').append(c).append(" |"));
    markdown.append("\n|---|").append("---|".repeat(COLUMNS.size())).append('\n');
    StringBuilder rows = new StringBuilder();
    XYChart chart = RunCharts.chart("kNN top-1 of every variant", "top-1 (%)");
    int curves = 0;
    try {
      for (Map.Entry<String, Path> variant : variants.entrySet()) {
        Path run = variant.getValue();
        Path summaryFile = run.resolve(RunReport.SUMMARY);
        JsonNode summary =
            Files.isRegularFile(summaryFile) ? json.readTree(summaryFile.toFile()) : json.nullNode();
        markdown.append("| ").append(variant.getKey()).append(" |");
        rows.append("<tr><th>").append(HtmlReport.escape(variant.getKey())).append("</th>");
        for (String key : COLUMNS.keySet()) {
          String cell = cell(summary, key);
          markdown.append(' ').append(cell).append(" |");
          rows.append("<td class=\"value\">").append(HtmlReport.escape(cell)).append("</td>");
        }
        markdown.append('\n');
        rows.append("</tr>\n");
        Path metrics = run.resolve(RunReport.METRICS);
        if (Files.isRegularFile(metrics)) {
          Series knn = MetricsTable.read(metrics).series("knn_top1");
          if (!knn.isEmpty()) {
            RunCharts.line(chart, variant.getKey(), knn).setMarker(SeriesMarkers.CIRCLE);
            curves++;
          }
        }
      }
      String image = "";
      if (curves > 0) {
        byte[] png = RunCharts.png(chart);
        Files.write(folder.resolve("knn_curves.png"), png);
        image =
            "<figure><img alt=\"kNN curves\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png)
                + "\"><figcaption>kNN top-1 during training, every variant"
                + " (knn_curves.png)</figcaption></figure>\n";
      }
      Files.writeString(folder.resolve("sweep.md"), markdown, StandardCharsets.UTF_8);
      String html =
          "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
              + HtmlReport.escape(folder.getFileName().toString())
              + "</title>\n<style>body{font-family:sans-serif;max-width:70em;margin:2em auto}"
              + "td,th{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:left}"
              + ".value{text-align:right;font-variant-numeric:tabular-nums}</style>\n</head>\n<body>\n"
              + "<h1>"
              + HtmlReport.escape(folder.getFileName().toString())
              + "</h1>\n<table>\n<tr><th>variant</th>"
              + COLUMNS.values().stream().map(c -> "<th>" + HtmlReport.escape(c) + "</th>")
                  .reduce("", String::concat)
              + "</tr>\n"
              + rows
              + "</table>\n"
              + image
              + "</body>\n</html>\n";
      return Files.writeString(folder.resolve("sweep.html"), html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the sweep report into " + folder, e);
    }
  }

  private static String cell(JsonNode summary, String key) {
    JsonNode node = summary;
    for (String part : key.split("\\.")) {
      node = node.path(part);
    }
    return node.isMissingNode() || node.isNull() ? "-" : HtmlReport.format(node);
  }
}
