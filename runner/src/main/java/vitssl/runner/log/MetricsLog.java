package vitssl.runner.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vitssl.io.AtomicFiles;

/**
 * {@code metrics.jsonl}: one JSON object per logged step. Lines are flushed as written, so a run
 * stopped at any point keeps every line before it. On resume, lines past the checkpoint's step are
 * dropped, so the file reads as one uninterrupted run.
 */
public final class MetricsLog implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BufferedWriter out;

  private MetricsLog(BufferedWriter out) {
    this.out = out;
  }

  /** A new log, or an existing one cut back to the lines of steps up to {@code keepThroughStep}. */
  public static MetricsLog open(Path file, long keepThroughStep) {
    try {
      if (Files.exists(file)) {
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (line.isBlank()) {
            continue;
          }
          try {
            if (JSON.readTree(line).path("step").asLong(Long.MAX_VALUE) <= keepThroughStep) {
              kept.add(line);
            }
          } catch (IOException torn) {
            // a line cut by a crash: drop it
          }
        }
        AtomicFiles.writeString(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
      }
      return new MetricsLog(
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    } catch (IOException e) {
      throw new UncheckedIOException("could not open " + file + ": " + e.getMessage(), e);
    }
  }

  public void append(Map<String, ?> row) {
    try {
      out.write(JSON.writeValueAsString(row));
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("could not append to metrics.jsonl: " + e.getMessage(), e);
    }
  }

  /** Reads every row of a metrics file. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> read(Path file) {
    try {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          rows.add(JSON.readValue(line, Map.class));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
