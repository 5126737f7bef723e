package vitssl.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two curves instability detection reads from a run's {@code metrics.jsonl}: {@code knn_top1}
 * and every {@code grad_norm.<layer>}, layers in the order their keys first appear (the gradient
 * monitor writes them first layer to last). Jackson writes a non-finite double as the string {@code
 * "NaN"}, {@code "Infinity"} or {@code "-Infinity"}; those read back as the number, and so do the
 * bare tokens. A non-finite kNN value has no place on an accuracy curve and is left out; a
 * non-finite gradient norm is kept, as it is the strongest spike there is.
 */
record RunMetrics(StepSeries knn, LinkedHashMap<String, StepSeries> gradNorms) {
  static final String STEP = "step";
  static final String KNN = "knn_top1";
  static final String GRAD_NORM_PREFIX = "grad_norm.";

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  static RunMetrics read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
    }
    Points knn = new Points();
    Map<String, Points> norms = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      Line line = new Line(file, i + 1, lines.get(i));
      long step = line.step();
      for (Iterator<Map.Entry<String, JsonNode>> it = line.node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String key = field.getKey();
        if (field.getValue().isNull()) {
          continue;
        }
        if (key.equals(KNN)) {
          double v = line.number(key, field.getValue());
          if (Double.isFinite(v)) {
            knn.add(step, v);
          }
        } else if (key.startsWith(GRAD_NORM_PREFIX)) {
          norms
              .computeIfAbsent(key.substring(GRAD_NORM_PREFIX.length()), k -> new Points())
              .add(step, line.number(key, field.getValue()));
        }
      }
    }
    try {
      LinkedHashMap<String, StepSeries> gradNorms = new LinkedHashMap<>();
      norms.forEach(
          (layer, points) -> gradNorms.put(layer, points.series(GRAD_NORM_PREFIX + layer)));
      return new RunMetrics(knn.series(KNN), gradNorms);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          file + ": " + e.getMessage() + " (a resumed run's log keeps each step once)", e);
    }
  }

  /** Steps and values gathered line by line. */
  private static final class Points {
    private final List<Long> steps = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();

    void add(long step, double value) {
      steps.add(step);
      values.add(value);
    }

    StepSeries series(String name) {
      return StepSeries.of(
          name,
          steps.stream().mapToLong(Long::longValue).toArray(),
          values.stream().mapToDouble(Double::doubleValue).toArray());
    }
  }

  /** One parsed line, and errors that name the file, the line and the key. */
  private static final class Line {
    private final Path file;
    private final int number;
    private final JsonNode node;

    Line(Path file, int number, String text) {
      this.file = file;
      this.number = number;
      JsonNode parsed;
      try {
        parsed = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        throw error("is not JSON (" + e.getOriginalMessage() + "): write one JSON object per line");
      }
      if (parsed == null || !parsed.isObject()) {
        throw error("is not a JSON object: write one object per line");
      }
      this.node = parsed;
    }

    long step() {
      JsonNode step = node.path(STEP);
      if (!step.isIntegralNumber()) {
        throw error(
            "has no whole-number \"step\" ("
                + node.get(STEP)
                + "): every line needs the iteration it was measured at");
      }
      return step.longValue();
    }

    double number(String key, JsonNode value) {
      if (value.isNumber()) {
        return value.doubleValue();
      }
      if (value.isTextual()) {
        switch (value.asText()) {
          case "NaN":
            return Double.NaN;
          case "Infinity":
          case "+Infinity":
            return Double.POSITIVE_INFINITY;
          case "-Infinity":
            return Double.NEGATIVE_INFINITY;
          default:
            break;
        }
      }
      throw error(
          "has \""
              + key
              + "\": "
              + value
              + ", which is not a number: write a number, or \"NaN\" / \"Infinity\" for"
              + " a non-finite one");
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException(file + " line " + number + " " + what);
    }
  }
}
