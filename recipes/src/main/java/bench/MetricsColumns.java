package bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;

/** Values a run logged in its {@code metrics.jsonl}, read back by step, and the memory lines. */
final class MetricsColumns {
  private MetricsColumns() {}

  /** Every logged value of {@code key} in the run's metrics, by step, in step order. */
  static LinkedHashMap<Long, Double> column(Path metrics, String key) throws Exception {
    ObjectMapper json = new ObjectMapper();
    LinkedHashMap<Long, Double> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(metrics)) {
      var row = json.readTree(line);
      if (row.has(key)) {
        values.put(row.get("step").asLong(), row.get(key).asDouble());
      }
    }
    return values;
  }

  /**
   * Resident memory at step 100 and at the last logged step, and the Java heap and direct buffers
   * at the last.
   */
  static void printMemory(Path metrics) throws Exception {
    LinkedHashMap<Long, Double> rss = column(metrics, "rss_mb");
    if (rss.isEmpty()) {
      System.out.println("resident memory: not measured (it is logged every 50 steps)");
      return;
    }
    long lastStep = rss.keySet().stream().reduce((x, y) -> y).orElseThrow();
    double last = rss.get(lastStep);
    Double at100 = rss.get(100L);
    if (at100 == null || lastStep == 100) {
      System.out.printf(
          "resident memory: %.0f MB at step %d (flatness is read from step 100 to a later step)%n",
          last, lastStep);
    } else {
      System.out.printf("resident memory: %.0f MB at step 100, %.0f MB at step %d (%+.1f%%)%n",
          at100, last, lastStep, 100 * (last - at100) / at100);
    }
    printJavaParts(metrics);
  }

  /** The Java heap and direct buffers at the last logged step: the parts of RSS the JVM names. */
  private static void printJavaParts(Path metrics) throws Exception {
    LinkedHashMap<Long, Double> heap = column(metrics, "java_heap_mb");
    LinkedHashMap<Long, Double> direct = column(metrics, "direct_buffers_mb");
    if (heap.isEmpty() || direct.isEmpty()) {
      return;
    }
    long lastStep = heap.keySet().stream().reduce((x, y) -> y).orElseThrow();
    System.out.printf(
        "  of it at step %d: Java heap %.0f MB (committed), Java direct buffers %.0f MB%n",
        lastStep, heap.get(lastStep), direct.getOrDefault(lastStep, 0.0));
  }
}
