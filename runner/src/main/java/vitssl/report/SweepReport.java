package vitssl.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.XYChart;

/**
 * The table and the overlay charts of a sweep: one row per variant (the value it changes, kNN
 * top-1, its gain over the random-init backbone, linear top-1, images/s, wall time, skipped steps,
 * dips and spikes found), and every variant's kNN curve, first-layer and last-layer gradient norm
 * in one chart each, with the dips and spikes marked. Writes {@code sweep.md}, {@code sweep.html},
 * {@code knn_curves.png}, {@code grad_norm_first_layer.png} and {@code grad_norm_last_layer.png}
 * into the sweep's folder.
 */
public final class SweepReport {
  /** One variant of the sweep: its name, what it changes (if said), and its run folder. */
  public record Row(String name, Optional<String> value, Path run) {}

  static final String KNN_CURVES = "knn_curves.png";
  static final String GRAD_NORM_FIRST = "grad_norm_first_layer.png";
  static final String GRAD_NORM_LAST = "grad_norm_last_layer.png";

  /** The columns of the table after the variant and its value: summary key and heading. */
  private static final Map<String, String> COLUMNS = new LinkedHashMap<>();

  static {
    COLUMNS.put("knn_top1", "kNN top-1");
    COLUMNS.put("knn_gain", "gain over random init");
    COLUMNS.put("linear_top1", "linear top-1");
    COLUMNS.put("images_per_second", "img/s");
    COLUMNS.put("wall_seconds", "wall s");
    COLUMNS.put("skipped_steps", "skipped steps");
    COLUMNS.put("instability.knn_dips", "kNN dips");
    COLUMNS.put("instability.grad_spikes_first_layer", "first-layer spikes");
    COLUMNS.put("instability.grad_spikes_last_layer", "last-layer spikes");
  }

  private SweepReport() {}

  /**
   * @param rows each variant, in the order of the table
   * @return the HTML file
   */
  public static Path write(Path folder, List<Row> rows) {
    List<VariantRun> runs = rows.stream().map(VariantRun::read).toList();
    List<String> headings = new ArrayList<>(List.of("variant", "value"));
    headings.addAll(COLUMNS.values());
    List<List<String>> cells = runs.stream().map(SweepReport::cells).toList();
    StringBuilder figures = new StringBuilder();
    figure(folder, figures, KNN_CURVES, SweepCharts.knnOverlay(runs),
        "kNN top-1 during training, every variant; diamonds mark the lowest point of each dip");
    figure(folder, figures, GRAD_NORM_FIRST, SweepCharts.gradOverlay(runs, SweepCharts.Layer.FIRST),
        "Gradient norm of the first layer, every variant; crosses mark spike peaks");
    figure(folder, figures, GRAD_NORM_LAST, SweepCharts.gradOverlay(runs, SweepCharts.Layer.LAST),
        "Gradient norm of the last layer, every variant; crosses mark spike peaks");
    try {
      Files.writeString(folder.resolve("sweep.md"), markdown(headings, cells), StandardCharsets.UTF_8);
      String title = HtmlReport.escape(folder.getFileName().toString());
      String html =
          "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
              + title
              + "</title>\n<style>body{font-family:sans-serif;max-width:70em;margin:2em auto}"
              + "td,th{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:left}"
              + ".value{text-align:right;font-variant-numeric:tabular-nums}"
              + "img{max-width:100%}</style>\n</head>\n<body>\n<h1>"
              + title
              + "</h1>\n"
              + htmlTable(headings, cells)
              + figures
              + "</body>\n</html>\n";
      return Files.writeString(folder.resolve("sweep.html"), html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the sweep report into " + folder, e);
    }
  }

  private static List<String> cells(VariantRun run) {
    List<String> row = new ArrayList<>(List.of(run.row().name(), run.row().value().orElse("-")));
    COLUMNS.keySet().forEach(key -> row.add(cell(run.summary(), key)));
    return row;
  }

  private static String markdown(List<String> headings, List<List<String>> rows) {
    StringBuilder md = new StringBuilder("| " + String.join(" | ", headings) + " |\n");
    md.append("|---|").append("---|".repeat(headings.size() - 1)).append('\n');
    rows.forEach(r -> md.append("| ").append(String.join(" | ", r)).append(" |\n"));
    return md.toString();
  }

  private static String htmlTable(List<String> headings, List<List<String>> rows) {
    StringBuilder html = new StringBuilder("<table>\n<tr>");
    headings.forEach(h -> html.append("<th>").append(HtmlReport.escape(h)).append("</th>"));
    html.append("</tr>\n");
    for (List<String> row : rows) {
      html.append("<tr><th>").append(HtmlReport.escape(row.get(0))).append("</th>");
      html.append("<td>").append(HtmlReport.escape(row.get(1))).append("</td>");
      row.subList(2, row.size())
          .forEach(c -> html.append("<td class=\"value\">").append(HtmlReport.escape(c)).append("</td>"));
      html.append("</tr>\n");
    }
    return html.append("</table>\n").toString();
  }

  /** Writes the chart's PNG and appends its figure; removes a stale PNG when there is no chart. */
  private static void figure(
      Path folder, StringBuilder html, String file, Optional<XYChart> chart, String caption) {
    try {
      if (chart.isEmpty()) {
        Files.deleteIfExists(folder.resolve(file));
        return;
      }
      byte[] png = RunCharts.png(chart.get());
      Files.write(folder.resolve(file), png);
      html.append("<figure><img alt=\"")
          .append(HtmlReport.escape(chart.get().getTitle()))
          .append("\" src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(png))
          .append("\"><figcaption>")
          .append(HtmlReport.escape(caption))
          .append(" (")
          .append(file)
          .append(")</figcaption></figure>\n");
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + folder.resolve(file), e);
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
