package vitssl.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The page of an evaluation of a saved encoder ({@code eval.html}): its figures as a table, its
 * pictures, and the spec of the run that trained the encoder, laid out as a run's report.
 */
public final class EvalPage {
  /** A picture of the page, and what its caption adds to the kind's (e.g. a figure of it). */
  public record Picture(PictureFile file, byte[] png, String detail) {}

  private EvalPage() {}

  /**
   * Writes the pictures and {@code eval.html} into {@code folder}; returns the page's path.
   *
   * @param figures the evaluation's JSON ({@code eval.json}); objects nested in objects become
   *     rows of their own
   */
  public static Path write(
      Path folder, String title, JsonNode figures, List<Picture> pictures, String runSpec) {
    List<Chart> charts = new ArrayList<>();
    try {
      Files.createDirectories(folder);
      for (Picture picture : pictures) {
        PictureFile file = picture.file();
        Files.write(folder.resolve(file.fileName()), picture.png());
        String caption = file.caption() + (picture.detail().isEmpty() ? "" : "; " + picture.detail());
        charts.add(Chart.drawn(file.fileName(), file.title(), picture.png(), caption));
      }
      String html =
          HtmlReport.render(
              title,
              folder.toString(),
              Optional.of(flattened(figures)),
              List.of(new HtmlReport.Section("Pictures", charts)),
              Optional.empty(),
              Optional.of(runSpec));
      return Files.writeString(folder.resolve("eval.html"), html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not write the evaluation into " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Objects two levels down lifted one level, named "outer inner", for the summary table. */
  private static JsonNode flattened(JsonNode figures) {
    ObjectNode out = MetricsTable.JSON.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = figures.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      boolean nested = false;
      for (Iterator<JsonNode> inner = value.elements(); value.isObject() && inner.hasNext(); ) {
        nested |= inner.next().isObject();
      }
      if (!nested) {
        out.set(field.getKey(), value);
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> inner = value.fields(); inner.hasNext(); ) {
        Map.Entry<String, JsonNode> sub = inner.next();
        out.set(field.getKey() + " " + sub.getKey(), sub.getValue());
      }
    }
    return out;
  }
}
