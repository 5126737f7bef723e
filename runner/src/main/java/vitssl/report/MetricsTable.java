package vitssl.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run's {@code metrics.jsonl}: one JSON object per line, each with the {@code step} it was
 * measured at and any of the numeric metrics (not every line has every key). NaN and Infinity are
 * accepted, because a diverging run writes them and its report matters most; charts skip them.
 */
final class MetricsTable {
  static final String STEP = "step";

  static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private final List<Map<String, Double>> rows;
  private final Set<String> keys;

  private MetricsTable(List<Map<String, Double>> rows, Set<String> keys) {
    this.rows = rows;
    this.keys = keys;
  }

  static MetricsTable read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
    }
    List<Map<String, Double>> rows = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        Map<String, Double> row = parse(file, i + 1, lines.get(i));
        rows.add(row);
        keys.addAll(row.keySet());
      }
    }
    return new MetricsTable(rows, keys);
  }

  /** The finite values of {@code key} against the step, from the lines that have it. */
  Series series(String key) {
    List<double[]> points = new ArrayList<>();
    for (Map<String, Double> row : rows) {
      Double value = row.get(key);
      if (value != null && Double.isFinite(value)) {
        points.add(new double[] {row.get(STEP), value});
      }
    }
    double[] steps = points.stream().mapToDouble(p -> p[0]).toArray();
    double[] values = points.stream().mapToDouble(p -> p[1]).toArray();
    return new Series(key, steps, values);
  }

  /** Numeric keys starting with {@code prefix}, in the order they first appear in the file. */
  List<String> keysStartingWith(String prefix) {
    return keys.stream().filter(k -> k.startsWith(prefix)).toList();
  }

  private static Map<String, Double> parse(Path file, int lineNumber, String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          file
              + " line "
              + lineNumber
              + " is not JSON ("
              + e.getOriginalMessage()
              + "): write one JSON object per line");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(
          file + " line " + lineNumber + " is not a JSON object: write one object per line");
    }
    if (!node.path(STEP).isNumber()) {
      throw new IllegalArgumentException(
          file
              + " line "
              + lineNumber
              + " has no numeric \"step\" ("
              + node.get(STEP)
              + "): every line needs the step it was measured at");
    }
    Map<String, Double> row = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getValue().isNumber()) {
        row.put(field.getKey(), field.getValue().doubleValue());
      }
    }
    return row;
  }
}
