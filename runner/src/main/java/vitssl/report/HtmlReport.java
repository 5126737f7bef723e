package vitssl.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One self-contained HTML page: inline CSS, charts as base64 data URIs, no scripts, so the file can
 * be mailed, archived or opened offline and still show everything.
 */
final class HtmlReport {
  private static final Map<String, String> LABELS =
      Map.ofEntries(
          Map.entry("steps", "Steps"),
          Map.entry("epochs", "Epochs"),
          Map.entry("wall_seconds", "Wall time (s)"),
          Map.entry("images_per_second", "Throughput (images/s)"),
          Map.entry("knn_top1", "kNN top-1 (%)"),
          Map.entry("knn_top1_random_init", "kNN top-1 at random initialisation (%)"),
          Map.entry("linear_top1", "Linear probe top-1 (%)"),
          Map.entry("linear_top5", "Linear probe top-5 (%)"),
          Map.entry("final_loss", "Final training loss"),
          Map.entry("peak_rss_mb", "Peak resident memory (MB)"),
          Map.entry("steps_peak_rss_mb", "Peak resident memory during the steps (MB)"));

  private static final String STYLE =
      """
      body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #222;
             background: #fafafa; margin: 0; line-height: 1.45; }
      main { max-width: 960px; margin: 0 auto; padding: 24px 32px 48px; background: #fff; }
      h1 { font-size: 1.6em; margin: 0.2em 0; }
      h2 { font-size: 1.2em; margin-top: 1.8em; border-bottom: 1px solid #ddd; }
      .meta { color: #666; margin-top: 0; }
      table { border-collapse: collapse; min-width: 50%; }
      th, td { text-align: left; padding: 4px 14px 4px 0; border-bottom: 1px solid #eee; }
      td.value { font-variant-numeric: tabular-nums; text-align: right; }
      code { color: #666; font-size: 0.85em; }
      figure { margin: 1.2em 0; }
      figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
      figcaption, .note { color: #555; font-size: 0.92em; }
      .note { background: #f6f6f6; border-left: 3px solid #bbb; padding: 6px 10px; }
      pre { background: #f6f8fa; padding: 12px; overflow-x: auto; font-size: 0.85em; }
      """;

  /** A headed part of the page holding figures; one without figures is left out. */
  record Section(String heading, List<Chart> charts) {}

  private HtmlReport() {}

  static String render(
      String title,
      String folder,
      Optional<JsonNode> summary,
      List<Section> sections,
      Optional<String> instability,
      Optional<String> specJson) {
    StringBuilder html = new StringBuilder();
    html.append(
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>%s</title>
        <style>
        %s</style>
        </head>
        <body>
        <main>
        <h1>%s</h1>
        <p class="meta">Run folder <code>%s</code></p>
        """
            .formatted(escape(title), STYLE, escape(title), escape(folder)));
    summary(html, summary);
    for (Section section : sections) {
      if (!section.charts().isEmpty()) {
        html.append("<h2>").append(escape(section.heading())).append("</h2>\n");
        section.charts().forEach(chart -> chart(html, chart));
      }
    }
    instability.ifPresent(
        text -> html.append("<h2>Instability</h2>\n<pre>").append(escape(text)).append("</pre>\n"));
    html.append("<h2>Spec</h2>\n");
    html.append(
        specJson
            .map(spec -> "<pre>" + escape(spec) + "</pre>\n")
            .orElse("<p class=\"note\">No spec.json in the run folder.</p>\n"));
    return html.append("</main>\n</body>\n</html>\n").toString();
  }

  private static void summary(StringBuilder html, Optional<JsonNode> summary) {
    html.append("<h2>Summary</h2>\n");
    if (summary.isEmpty()) {
      html.append(
          "<p class=\"note\">No summary.json in the run folder: the run did not finish.</p>\n");
      return;
    }
    html.append("<table>\n");
    for (Iterator<Map.Entry<String, JsonNode>> it = summary.get().fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getValue().isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> inner = field.getValue().fields();
            inner.hasNext(); ) {
          Map.Entry<String, JsonNode> sub = inner.next();
          summaryRow(html, sub.getKey(), field.getKey() + "." + sub.getKey(), sub.getValue());
        }
      } else {
        summaryRow(html, field.getKey(), field.getKey(), field.getValue());
      }
    }
    html.append("</table>\n");
  }

  private static void summaryRow(StringBuilder html, String key, String path, JsonNode value) {
    html.append(
        "<tr><th>%s <code>%s</code></th><td class=\"value\">%s</td></tr>\n"
            .formatted(escape(LABELS.getOrDefault(key, key)), escape(path), escape(format(value))));
  }

  private static void chart(StringBuilder html, Chart chart) {
    if (chart.png().isEmpty()) {
      html.append(
          "<h3>%s</h3>\n<p class=\"note\">Not drawn: %s</p>\n"
              .formatted(escape(chart.title()), escape(chart.note())));
      return;
    }
    html.append(
        """
        <figure>
        <img alt="%s" src="data:image/png;base64,%s">
        <figcaption>%s (%s)</figcaption>
        </figure>
        """
            .formatted(
                escape(chart.title()),
                Base64.getEncoder().encodeToString(chart.png().get()),
                escape(chart.note()),
                escape(chart.fileName())));
  }

  /**
   * Integers as they are, other numbers to four significant digits (whole numbers from 1,000 on)
   * without trailing zeros, text as it is.
   */
  static String format(JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.asText();
    }
    if (value.isNumber()) {
      double v = value.doubleValue();
      if (!Double.isFinite(v)) {
        return Double.toString(v);
      }
      if (Math.abs(v) >= 1000) {
        return Long.toString(Math.round(v));
      }
      return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
    return value.isTextual() ? value.asText() : value.toString();
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
